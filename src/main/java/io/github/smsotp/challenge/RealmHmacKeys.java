package io.github.smsotp.challenge;

import java.util.Optional;

import javax.crypto.SecretKey;

import org.keycloak.models.KeyManager;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The realm's own HMAC key (Keycloak's {@code hmac-generated} key provider). It is stored in the
 * database, so every node of a cluster hashes alike, and it rotates with the realm's keys.
 */
public final class RealmHmacKeys implements SecretKeys {

    private final KeycloakSession session;
    private final RealmModel realm;

    public RealmHmacKeys(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @Override
    public KeyRef active() {
        KeyManager.ActiveHmacKey key = session.keys().getActiveHmacKey(realm);
        if (key == null || key.getSecretKey() == null) {
            throw new IllegalStateException("realm '" + realm.getName()
                    + "' has no active HMAC key; add an hmac-generated key provider");
        }
        return new KeyRef(key.getKid(), key.getSecretKey());
    }

    @Override
    public Optional<SecretKey> find(String keyId) {
        return Optional.ofNullable(session.keys().getHmacSecretKey(realm, keyId));
    }
}
