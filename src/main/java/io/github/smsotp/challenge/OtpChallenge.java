package io.github.smsotp.challenge;

import java.time.Instant;

/**
 * One pending code as stored: never the code itself, only its keyed hash and the id of the key.
 * Its tries are counted in {@link CodeUses}, not here.
 *
 * @param hash      HMAC of the code bound to the tab, base64url; also the code's id
 * @param keyId     id of the realm HMAC key that made {@code hash}
 * @param expiresAt when the code stops working
 */
public record OtpChallenge(String hash, String keyId, Instant expiresAt) {

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
