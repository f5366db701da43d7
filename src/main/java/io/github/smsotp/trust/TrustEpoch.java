package io.github.smsotp.trust;

import java.util.Optional;
import java.util.UUID;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.storage.StorageId;

/**
 * A random value per user that a revocation of every trusted browser replaces. For a user with a row
 * in Keycloak's own database (a local user, or one a federation imported: LDAP with import on, its
 * default) it is kept on that row, read and written past the federation: the user model of a
 * read-only LDAP user refuses every attribute write, so a revocation written through it would be
 * lost (and Keycloak's event listeners swallow the error). A user that lives only in the federation
 * (import off) has no such row; there it is the federation's attribute, which it may refuse.
 */
final class TrustEpoch {

    /** The attribute that holds it. */
    static final String ATTRIBUTE = "smsOtpTrustEpoch";
    /** Before the first revocation. */
    private static final String FIRST = "0";

    private TrustEpoch() {
    }

    static String of(KeycloakSession session, RealmModel realm, UserModel user) {
        String epoch = row(session, realm, user).getFirstAttribute(ATTRIBUTE);
        return epoch == null ? FIRST : epoch;
    }

    /**
     * Replaces the user's epoch: every browser trusted before is trusted no more.
     *
     * @throws org.keycloak.storage.ReadOnlyException for a user that lives only in a read-only federation
     */
    static void renew(KeycloakSession session, RealmModel realm, UserModel user) {
        row(session, realm, user).setSingleAttribute(ATTRIBUTE, UUID.randomUUID().toString());
    }

    /**
     * The user's row as Keycloak's local store has it, with no federation's proxy in front (and past
     * the user cache, whose copy is not read for the epoch); the user model itself where there is none.
     */
    private static UserModel row(KeycloakSession session, RealmModel realm, UserModel user) {
        if (!StorageId.isLocalStorage(user.getId())) {
            return user;
        }
        return Optional.ofNullable(session.getProvider(UserProvider.class).getUserById(realm, user.getId()))
                .orElse(user);
    }
}
