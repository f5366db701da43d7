package io.github.smsotp.credential;

import java.util.List;

import io.github.smsotp.settings.SmsSettings;
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
 * number replaces the old one. What the Account Console shows of a trusted browser is added above,
 * where trust is known ({@code account}).
 */
public class SmsOtpCredentialProvider implements CredentialProvider<SmsOtpCredentialModel> {

    /** The id Keycloak knows the provider by. */
    public static final String PROVIDER_ID = "sms-otp-credential";

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
                .createAction(SmsSettings.ENROLLMENT_ACTION)
                .removeable(true)
                .build(session);
    }
}
