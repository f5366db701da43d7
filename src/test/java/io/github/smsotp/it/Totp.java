package io.github.smsotp.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 TOTP as Keycloak's OTP form checks it (HmacSHA1, 6 digits): the driver computes the
 * code a user's authenticator app would show. Keycloak keys the HMAC with the secret's UTF-8
 * bytes. The benchmark users' period is {@link #PERIOD_SECONDS}, see {@link BenchmarkRealm}.
 */
final class Totp {

    static final int PERIOD_SECONDS = 1;

    private Totp() {
    }

    static String now(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(System.currentTimeMillis() / (PERIOD_SECONDS * 1000L)).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
