package io.github.smsotp.trust;

import io.github.smsotp.credential.SmsOtpCredentialModel;
import io.github.smsotp.limits.LimitKeys;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * The state of a user that a trusted browser depends on: a change of any part ends the trust. The
 * SMS credential (removed or replaced: another id), the number (a hash of it), the password (reset or
 * changed: another creation time) and the user's {@link TrustEpoch} (a revocation by the admin or the user).
 *
 * @param credential the SMS credential's id, or {@code provisioned} for a trusted attribute number
 */
record TrustBinding(String realmId, String userId, String credential, String numberHash, String passwordStamp,
                    String epoch) {

    static TrustBinding of(KeycloakSession session, RealmModel realm, UserModel user, String number) {
        String credential = user.credentialManager().getStoredCredentialsByTypeStream(SmsOtpCredentialModel.TYPE)
                .findFirst().map(CredentialModel::getId).orElse("provisioned");
        String password = user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .findFirst().map(p -> String.valueOf(p.getCreatedDate())).orElse("none");
        return new TrustBinding(realm.getId(), user.getId(), credential, LimitKeys.digest(number), password,
                TrustEpoch.of(session, realm, user));
    }
}
