package io.github.smsotp.challenge;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** A realm's HMAC keys in memory: one active, older ones kept for verifying, as Keycloak's key manager does. */
public final class FakeKeys implements SecretKeys {

    private final String seed;
    private final Map<String, SecretKey> all = new HashMap<>();
    private String activeId;

    /** @param seed makes the secrets of this set differ from another set's with the same key ids */
    public FakeKeys(String seed) {
        this.seed = seed;
        rotate();
    }

    /** A new active key; the old ones still verify. */
    public void rotate() {
        activeId = "kid-" + all.size();
        all.put(activeId, new SecretKeySpec((seed + activeId).repeat(8).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    /** The realm drops a key: what it signed no longer verifies. */
    public void forget(String keyId) {
        all.remove(keyId);
    }

    @Override
    public KeyRef active() {
        return new KeyRef(activeId, all.get(activeId));
    }

    @Override
    public Optional<SecretKey> find(String keyId) {
        return Optional.ofNullable(all.get(keyId));
    }
}
