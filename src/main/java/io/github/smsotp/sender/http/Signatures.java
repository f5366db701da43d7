package io.github.smsotp.sender.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.ReceiptRejected;
import io.github.smsotp.sender.ReceiptRequest;

/** The keyed hashes providers sign receipts with, and a comparison that takes the same time for any input. */
final class Signatures {

    private Signatures() {
    }

    static byte[] hmac(String algorithm, String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Compares without an early exit, so that the time taken tells nothing of how much matched. */
    static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks a signature header that holds the hex HMAC-SHA256 of the request body, optionally written
     * {@code sha256=<hex>} (the webhook preset's {@code X-Signature}, Meta's {@code X-Hub-Signature-256}).
     */
    static void checkBodyHmac(ReceiptRequest request, String header, String secret) throws ReceiptRejected {
        String signature = request.header(header).orElseThrow(() -> ReceiptRejected.unsigned(header + " is missing"));
        String given = signature.startsWith("sha256=") ? signature.substring("sha256=".length()) : signature;
        if (!same(hex(hmac("HmacSHA256", secret, request.body())), given.toLowerCase(Locale.ROOT))) {
            throw ReceiptRejected.unsigned(header + " does not match");
        }
    }

    /** The secret a signature is checked with: an admin's missing setting, not the caller's fault, yet no receipt passes. */
    static String secret(ConfigReader settings, String key) throws ReceiptRejected {
        return settings.get(key).orElseThrow(() -> ReceiptRejected.unsigned("receipts cannot be checked: the realm "
                + "has no '" + settings.qualified(key) + "'"));
    }
}
