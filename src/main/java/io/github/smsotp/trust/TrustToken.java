package io.github.smsotp.trust;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import io.github.smsotp.challenge.SecretKeys;

/**
 * What a trusted browser holds: who it was trusted for, bound to everything whose change must end
 * the trust, and until when; signed with the realm's HMAC key. The text is
 * {@code v1.<key id>.<claims>.<signature>}, each part base64url, the claims joined with {@code |}.
 *
 * @param binding   the user's state the trust depends on (see {@link TrustBinding})
 * @param issuedAt  seconds since the epoch
 * @param expiresAt seconds since the epoch
 */
record TrustToken(TrustBinding binding, long issuedAt, long expiresAt) {

    private static final String VERSION = "v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    String sign(SecretKeys keys) {
        SecretKeys.KeyRef key = keys.active();
        String unsigned = VERSION + "." + ENCODER.encodeToString(key.id().getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODER.encodeToString(claims().getBytes(StandardCharsets.UTF_8));
        return unsigned + "." + ENCODER.encodeToString(mac(key.key(), unsigned));
    }

    /** The token in {@code text}, when it is well formed and signed by one of the realm's keys; else empty. */
    static Optional<TrustToken> verify(String text, SecretKeys keys) {
        if (text == null || text.length() > 2048) {
            return Optional.empty();
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            return Optional.empty();
        }
        try {
            String keyId = new String(decode(parts[1]), StandardCharsets.UTF_8);
            Optional<SecretKey> key = keys.find(keyId);
            if (key.isEmpty()) {
                return Optional.empty();
            }
            byte[] expected = mac(key.get(), parts[0] + "." + parts[1] + "." + parts[2]);
            if (!MessageDigest.isEqual(expected, decode(parts[3]))) {
                return Optional.empty();
            }
            return parse(new String(decode(parts[2]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /**
     * Base64url in its one canonical spelling: a decoder ignores the unused low bits of the last
     * character, and a token must have exactly one text.
     */
    private static byte[] decode(String part) {
        byte[] bytes = DECODER.decode(part);
        if (!ENCODER.encodeToString(bytes).equals(part)) {
            throw new IllegalArgumentException("not canonical base64url");
        }
        return bytes;
    }

    private String claims() {
        return String.join("|", binding.realmId(), binding.userId(), binding.credential(), binding.numberHash(),
                binding.passwordStamp(), binding.epoch(), Long.toString(issuedAt), Long.toString(expiresAt));
    }

    private static Optional<TrustToken> parse(String claims) {
        List<String> values = List.of(claims.split("\\|", -1));
        if (values.size() != 8) {
            return Optional.empty();
        }
        return Optional.of(new TrustToken(new TrustBinding(values.get(0), values.get(1), values.get(2), values.get(3),
                values.get(4), values.get(5)), Long.parseLong(values.get(6)), Long.parseLong(values.get(7))));
    }

    private static byte[] mac(SecretKey key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 with the realm's HMAC key", e);
        }
    }
}
