package io.github.smsotp.challenge;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash of a code. A bare hash of six digits falls to a million guesses offline; an HMAC
 * under a server-side key does not. The binding (the tab the code was sent for) is hashed in,
 * so a stored hash means nothing in another tab.
 */
public final class CodeHasher {

    private static final String ALGORITHM = "HmacSHA256";

    private CodeHasher() {
    }

    public static String hash(SecretKey key, String binding, String code) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key, binding, code));
    }

    /** Compares in constant time, so response timing tells nothing about how close a guess was. */
    public static boolean matches(SecretKey key, String binding, String code, String expectedHash) {
        byte[] expected;
        try {
            expected = Base64.getUrlDecoder().decode(expectedHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(key, binding, code), expected);
    }

    private static byte[] mac(SecretKey key, String binding, String code) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.getEncoded(), ALGORITHM));
            mac.update(binding.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(code.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
