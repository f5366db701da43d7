package io.github.smsotp.it.clients;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.it.harness.KeycloakServer;

/** An app's plain HTTP calls to a realm's token endpoint, as a native app makes them. */
public final class TokenRequests {

    private final String endpoint;
    private final String clientId;

    public TokenRequests(KeycloakServer server, String realm, String clientId) {
        this(server.baseUrl(), realm, clientId);
    }

    public TokenRequests(String baseUrl, String realm, String clientId) {
        this.endpoint = baseUrl + "/realms/" + realm + "/protocol/openid-connect/token";
        this.clientId = clientId;
    }

    /** A password grant, with {@code extra} parameters (such as the code) after the credentials. */
    public Answer password(String username, String password, Map<String, String> extra) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("password", password);
        form.putAll(extra);
        return grant(form);
    }

    /** A password grant with a phone number instead of the credentials, and {@code extra} parameters. */
    public Answer phone(String number, Map<String, String> extra) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("phone_number", number);
        form.put("scope", "openid phone");
        form.putAll(extra);
        return grant(form);
    }

    private Answer grant(Map<String, String> parameters) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("scope", "openid");
        form.putAll(parameters);
        return new Answer(JsonHttp.send(HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))))));
    }

    public Answer password(String username, String password) {
        return password(username, password, Map.of());
    }

    /** What the token endpoint answered. */
    public record Answer(HttpResponse<String> response) {

        public int status() {
            return response.statusCode();
        }

        public JsonNode json() {
            return JsonHttp.read(response.body());
        }

        public String error() {
            return json().path("error").asText();
        }

        public boolean tokens() {
            return status() == 200 && json().hasNonNull("access_token");
        }

        /** The ID token's claims. */
        public JsonNode idToken() {
            String payload = json().path("id_token").asText().split("\\.")[1];
            return JsonHttp.read(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return response.statusCode() + " " + response.body();
        }
    }
}
