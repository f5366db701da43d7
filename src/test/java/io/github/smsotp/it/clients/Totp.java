package io.github.smsotp.it.clients;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * RFC 6238 TOTP as Keycloak's OTP form checks it (HmacSHA1, 6 digits): the code a user's
 * authenticator app would show. Keycloak keys the HMAC with the secret's UTF-8 bytes.
 */
public final class Totp {

    private Totp() {
    }

    /** Adds a TOTP credential as a realm import represents it (Keycloak's defaults but the period). */
    public static void addCredential(ArrayNode credentials, String secret, int periodSeconds) {
        credentials.addObject().put("type", "otp").put("userLabel", "authenticator app")
                .put("secretData", "{\"value\":\"" + secret + "\"}")
                .put("credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":"
                        + periodSeconds + ",\"algorithm\":\"HmacSHA1\"}");
    }

    /** The code for the current time step of {@code periodSeconds}. */
    public static String now(String secret, int periodSeconds) {
        return at(secret, System.currentTimeMillis() / (periodSeconds * 1000L));
    }

    private static String at(String secret, long timeStep) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(timeStep).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
