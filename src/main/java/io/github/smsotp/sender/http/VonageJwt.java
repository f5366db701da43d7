package io.github.smsotp.sender.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.smsotp.config.ConfigReader;

/**
 * The bearer token of Vonage's Voice API: a JWT signed RS256 with the Vonage application's private
 * key, naming the application and living one minute.
 */
final class VonageJwt {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String HEADER = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private VonageJwt() {
    }

    static String token(String applicationId, PrivateKey key, Instant now) {
        try {
            String claims = encode(MAPPER.writeValueAsBytes(Map.of("application_id", applicationId,
                    "iat", now.getEpochSecond(), "exp", now.getEpochSecond() + 60, "jti", UUID.randomUUID().toString())));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((HEADER + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return HEADER + "." + claims + "." + encode(rsa.sign());
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("signing the Vonage token", e);
        }
    }

    /** The application's private key from a PEM (PKCS#8) setting, as Vonage's dashboard gives it. */
    static PrivateKey privateKey(ConfigReader settings, String key) {
        String pem = settings.require(key);
        String base64 = pem.replace("\\n", "\n").replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw settings.invalid(key, "is not an RSA private key in PEM (PKCS#8) form: paste the private.key "
                    + "file of the Vonage application");
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
