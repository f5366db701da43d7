package io.github.smsotp.limits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Keys in Keycloak's single-use store, all under our namespace and the realm's id. Numbers and
 * addresses enter only as hashes, so the store holds no phone number in clear.
 */
public final class LimitKeys {

    private static final String NAMESPACE = "sms-otp";

    private LimitKeys() {
    }

    static String of(String realmId, String kind, String subject) {
        return NAMESPACE + ":" + realmId + ":" + kind + ":" + digest(subject);
    }

    /** A short SHA-256 digest (22 base64url characters, 132 bits) that stands for a number or address. */
    public static String digest(String subject) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
