package io.github.smsotp.challenge;

import java.util.Optional;

import javax.crypto.SecretKey;

/** Where the server-side secret for hashing codes comes from. */
public interface SecretKeys {

    /** The key new codes are hashed with. */
    KeyRef active();

    /** A key by id, so that codes issued before a key rotation still verify. */
    Optional<SecretKey> find(String keyId);

    record KeyRef(String id, SecretKey key) {
    }
}
