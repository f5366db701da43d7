package io.github.smsotp.it.stubs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.it.clients.JsonHttp;

/** Checks a Vonage Voice API bearer token as Vonage does: RS256 by the application's key, current, naming an application. */
public final class VonageToken {

    private VonageToken() {
    }

    static boolean valid(String authorization, PublicKey key) {
        if (key == null || authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return false;
            }
            JsonNode header = JsonHttp.read(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
            JsonNode claims = JsonHttp.read(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            long now = System.currentTimeMillis() / 1000;
            return header.path("alg").asText().equals("RS256") && !claims.path("application_id").asText().isBlank()
                    && claims.path("exp").asLong() > now && claims.path("iat").asLong() <= now + 5
                    && !claims.path("jti").asText().isBlank();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
