package io.github.smsotp.credential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

import io.github.smsotp.phone.MaskedPhone;
import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;

/**
 * A verified mobile number. The number sits in the credential data (it is needed to send);
 * the label users and admins see is the masked number, and the creation date is when it was verified.
 */
public class SmsOtpCredentialModel extends CredentialModel {

    public static final String TYPE = "sms-otp";

    private static final String PHONE = "phone";

    private SmsOtpCredentialModel() {
    }

    public static SmsOtpCredentialModel verified(String e164, long verifiedAtMillis) {
        SmsOtpCredentialModel model = new SmsOtpCredentialModel();
        model.setType(TYPE);
        model.setUserLabel(MaskedPhone.mask(e164));
        model.setCreatedDate(verifiedAtMillis);
        model.setSecretData("{}");
        try {
            model.setCredentialData(JsonSerialization.writeValueAsString(Map.of(PHONE, e164)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return model;
    }

    public static SmsOtpCredentialModel of(CredentialModel stored) {
        SmsOtpCredentialModel model = new SmsOtpCredentialModel();
        model.setId(stored.getId());
        model.setType(stored.getType());
        model.setUserLabel(stored.getUserLabel());
        model.setCreatedDate(stored.getCreatedDate());
        model.setSecretData(stored.getSecretData());
        model.setCredentialData(stored.getCredentialData());
        return model;
    }

    /** The verified number, or empty when the stored data is unreadable. */
    public Optional<String> phone() {
        try {
            Map<?, ?> data = JsonSerialization.readValue(getCredentialData(), Map.class);
            Object phone = data.get(PHONE);
            return phone instanceof String number ? Optional.of(number) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
