package io.github.smsotp.challenge;

import java.time.Instant;

/**
 * One pending code as stored: never the code itself, only its keyed hash and the id of the key.
 *
 * @param hash           HMAC of the code bound to the tab, base64url
 * @param keyId          id of the realm HMAC key that made {@code hash}
 * @param expiresAt      when the code stops working
 * @param failedAttempts wrong submissions so far against this code
 */
public record OtpChallenge(String hash, String keyId, Instant expiresAt, int failedAttempts) {

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public OtpChallenge withFailedAttempt() {
        return new OtpChallenge(hash, keyId, expiresAt, failedAttempts + 1);
    }
}
