package io.github.smsotp.credential;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.github.smsotp.trust.TrustedBrowsers;
import org.keycloak.credential.CredentialMetadata;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The SMS credential: a two-factor credential in the Account Console ("Signing in"), set up and
 * changed through the enrollment action, removable by the user. One per user: enrolling a new
 * number replaces the old one.
 */
public class SmsOtpCredentialProvider implements CredentialProvider<SmsOtpCredentialModel> {

    /** The required action that enrolls a number (kc_action id). */
    public static final String ENROLLMENT_ACTION = "sms-otp-phone";

    /** The Account Console's line under the credential on a trusted browser; its parameter is the date. */
    static final String TRUSTED_UNTIL_MESSAGE = "smsOtpTrustedUntil";

    private final KeycloakSession session;

    public SmsOtpCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return SmsOtpCredentialModel.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, SmsOtpCredentialModel credential) {
        removeAll(session, realm, user);
        CredentialModel created = user.credentialManager().createStoredCredential(credential);
        credential.phone().ifPresent(number -> VerifiedPhone.record(user, number));
        return created;
    }

    /** Removes the user's SMS number: a user has at most one. */
    public static void removeAll(KeycloakSession session, RealmModel realm, UserModel user) {
        List<String> ids = user.credentialManager().getStoredCredentialsByTypeStream(SmsOtpCredentialModel.TYPE)
                .map(CredentialModel::getId).toList();
        ids.forEach(id -> user.credentialManager().removeStoredCredentialById(id));
        if (!ids.isEmpty()) {
            VerifiedPhone.forget(session, realm, user);
        }
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        boolean removed = user.credentialManager().removeStoredCredentialById(credentialId);
        if (removed) {
            VerifiedPhone.forget(session, realm, user);
        }
        return removed;
    }

    @Override
    public SmsOtpCredentialModel getCredentialFromModel(CredentialModel model) {
        return SmsOtpCredentialModel.of(model);
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("smsOtpCredentialDisplayName")
                .helpText("smsOtpCredentialHelpText")
                .iconCssClass("kcAuthenticatorOTPClass")
                .createAction(ENROLLMENT_ACTION)
                .removeable(true)
                .build(session);
    }

    /**
     * "This browser is trusted until ..." under the credential, when the Account Console asks from a
     * trusted browser of the user. Keycloak's credential metadata carries one message per credential,
     * with string parameters: the date is ISO 8601 (UTC), the same in every language.
     */
    @Override
    public CredentialMetadata getCredentialMetadata(SmsOtpCredentialModel credential, CredentialTypeMetadata type) {
        CredentialMetadata metadata = CredentialProvider.super.getCredentialMetadata(credential, type);
        RealmModel realm = session.getContext().getRealm();
        UserModel user = session.getContext().getUser();
        if (realm != null && user != null && session.getContext().getHttpRequest() != null) {
            credential.phone()
                    .flatMap(number -> TrustedBrowsers.trustedUntil(session, realm, user, credential.getId(), number))
                    .ifPresent(until -> metadata.setInfoMessage(TRUSTED_UNTIL_MESSAGE,
                            DateTimeFormatter.ISO_LOCAL_DATE.format(until.atZone(ZoneOffset.UTC))));
        }
        return metadata;
    }
}
