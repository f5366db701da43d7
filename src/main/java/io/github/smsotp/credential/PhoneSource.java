package io.github.smsotp.credential;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.phone.PhoneNumbers;
import io.github.smsotp.settings.SmsSettings;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.UserModel;

/**
 * Where a user's SMS number comes from: the verified SMS credential, or a number an admin or a
 * directory (LDAP, SCIM) put into a user attribute. How attribute numbers are treated is set in the
 * realm's SMS settings (or the enrollment action's override), which the login step and the enrollment both read:
 * {@code off} (ignored), {@code verify} (offered for enrollment, confirmed by a code first) or
 * {@code trust} (used as enrolled).
 */
public record PhoneSource(String attribute, Provisioned provisioned) {

    public static final String ATTRIBUTE = "phone-attribute";
    public static final String PROVISIONED = "provisioned-numbers";
    public static final String DEFAULT_ATTRIBUTE = "phone_number";
    /**
     * The number this sign-in is to confirm next, in the authentication session: typed on the
     * enrollment page, or at registration moments before.
     */
    public static final String PENDING_NOTE = "sms-otp.enroll.phone";

    public enum Provisioned { OFF, VERIFY, TRUST }

    public static PhoneSource of(ConfigReader config) {
        String mode = config.choice(PROVISIONED, "off", Set.of("off", "verify", "trust"));
        return new PhoneSource(config.get(ATTRIBUTE, DEFAULT_ATTRIBUTE),
                Provisioned.valueOf(mode.toUpperCase(Locale.ROOT)));
    }

    /** As the realm's enrollment sees it: its action's config over the realm's SMS settings. */
    public static PhoneSource of(RealmModel realm) {
        return of(SmsSettings.resolve(realm, enrollmentConfig(realm)));
    }

    public static Map<String, String> enrollmentConfig(RealmModel realm) {
        RequiredActionConfigModel config = realm.getRequiredActionConfigByAlias(SmsOtpCredentialProvider.ENROLLMENT_ACTION);
        return config == null ? Map.of() : config.getConfig();
    }

    /** The number of the user's SMS credential. */
    public static Optional<String> enrolled(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(SmsOtpCredentialModel.TYPE)
                .findFirst().map(SmsOtpCredentialModel::of).flatMap(SmsOtpCredentialModel::phone);
    }

    /** The valid number in the user attribute, unless attribute numbers are switched off. */
    public Optional<String> provisioned(UserModel user) {
        if (provisioned == Provisioned.OFF) {
            return Optional.empty();
        }
        return PhoneNumbers.toE164(user.getFirstAttribute(attribute), null);
    }

    /**
     * The provisioned number the user must confirm before any other: in {@code verify} mode, while
     * nothing is enrolled. Someone holding only the password must not swap it for a number of their own.
     */
    public Optional<String> fixedForEnrollment(UserModel user) {
        if (provisioned != Provisioned.VERIFY || enrolled(user).isPresent()) {
            return Optional.empty();
        }
        return provisioned(user);
    }

    /**
     * Makes {@code number} the one the user confirms by code at the next sign-in: it becomes the
     * provisioned number (in {@code verify} mode the only one enrollment accepts while nothing is
     * enrolled), any enrolled number is removed, and enrollment is due. Only in {@code verify} mode:
     * elsewhere the attribute would be ignored or trusted without a code.
     *
     * @throws org.keycloak.models.ModelException when the attribute cannot be written (read-only, e.g. LDAP-mapped)
     */
    public void assignPending(KeycloakSession session, RealmModel realm, UserModel user, String number) {
        user.setSingleAttribute(attribute, number);
        SmsOtpCredentialProvider.removeAll(session, realm, user);
        user.addRequiredAction(SmsOtpCredentialProvider.ENROLLMENT_ACTION);
    }

    /** Where codes go at login: the enrolled number, else a trusted attribute number. */
    public Optional<String> destination(UserModel user) {
        Optional<String> enrolled = enrolled(user);
        if (enrolled.isPresent() || provisioned != Provisioned.TRUST) {
            return enrolled;
        }
        return provisioned(user);
    }
}
