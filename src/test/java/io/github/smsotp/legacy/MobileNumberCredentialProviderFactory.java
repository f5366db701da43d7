package io.github.smsotp.legacy;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Stands in for another SMS plugin that is still installed while a realm moves over (as docs/ENROLLMENT.md's
 * migration steps have it): it only stores credentials of its type ({@code mobile-number}, as
 * netzbegruenung's sms-authenticator does), so that a test realm's JSON can hold them.
 */
public class MobileNumberCredentialProviderFactory
        implements CredentialProviderFactory<MobileNumberCredentialProviderFactory.Provider> {

    public static final String TYPE = "mobile-number";

    @Override
    public Provider create(KeycloakSession session) {
        return new Provider(session);
    }

    @Override
    public String getId() {
        return "legacy-mobile-number";
    }

    /** Stores and reads the credentials as they are. */
    public static final class Provider implements CredentialProvider<CredentialModel> {

        private final KeycloakSession session;

        Provider(KeycloakSession session) {
            this.session = session;
        }

        @Override
        public String getType() {
            return TYPE;
        }

        @Override
        public CredentialModel createCredential(RealmModel realm, UserModel user, CredentialModel credential) {
            return user.credentialManager().createStoredCredential(credential);
        }

        @Override
        public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
            return user.credentialManager().removeStoredCredentialById(credentialId);
        }

        @Override
        public CredentialModel getCredentialFromModel(CredentialModel model) {
            return model;
        }

        @Override
        public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext context) {
            return CredentialTypeMetadata.builder().type(TYPE).category(CredentialTypeMetadata.Category.TWO_FACTOR)
                    .displayName("mobile-number").helpText("mobile-number").removeable(true).build(session);
        }
    }
}
