package io.github.smsotp.it.clients;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.harness.KeycloakServer;

/** The Account REST API as the signed-in user sees it (what the Account Console shows). */
public final class AccountApi {

    private final KeycloakServer server;
    private final String realm;
    private final String token;
    private final JsonNode tokens;

    /** Exchanges the authorization code of a finished login for the user's access token. */
    public AccountApi(KeycloakServer server, String realm, Page finishedLogin) {
        this(server, realm, finishedLogin, "it-app", Browser.CALLBACK);
    }

    /** As {@link #AccountApi(KeycloakServer, String, Page)}, for the public client {@code clientId}. */
    public AccountApi(KeycloakServer server, String realm, Page finishedLogin, String clientId, String redirectUri) {
        this.server = server;
        this.realm = realm;
        String code = query(finishedLogin.redirectedTo() != null ? finishedLogin.redirectedTo()
                : finishedLogin.uri().toString(), "code");
        String form = "grant_type=authorization_code&client_id=" + clientId + "&code=" + code + "&redirect_uri="
                + redirectUri;
        HttpResponse<String> response = JsonHttp.send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        this.tokens = JsonHttp.read(response.body());
        this.token = tokens.path("access_token").asText();
        if (token.isEmpty()) {
            throw new AssertionError("no token for the account API: " + response.body());
        }
    }

    /** The user's SMS credential as the Account Console lists it. */
    public Optional<JsonNode> smsCredential() {
        for (JsonNode metadata : smsCredentialType().path("userCredentialMetadatas")) {
            return Optional.of(metadata.path("credential"));
        }
        return Optional.empty();
    }

    /** The type's entry as the Account Console shows it (display name, category, actions). */
    public JsonNode smsCredentialType() {
        return smsCredentialType(request("/credentials"));
    }

    /** The user's SMS credential as the Account Console lists it in a browser holding the cookie {@code name}. */
    public JsonNode smsCredentialSeenWith(String name, String value) {
        JsonNode type = smsCredentialType(request("/credentials").header("Cookie", name + "=" + value));
        return type.path("userCredentialMetadatas").path(0);
    }

    private JsonNode smsCredentialType(HttpRequest.Builder request) {
        HttpResponse<String> response = JsonHttp.send(request.GET());
        for (JsonNode type : JsonHttp.read(response.body())) {
            if (type.path("type").asText().equals("sms-otp")) {
                return type;
            }
        }
        throw new AssertionError("no sms-otp credential type in the account API: " + response.statusCode() + " "
                + response.body());
    }

    /** The claims of the login's ID token. */
    public JsonNode idToken() {
        return claims(tokens.path("id_token").asText());
    }

    /** The claims of a new ID token, from the login's refresh token: what the client sees after a change. */
    public JsonNode refreshedIdToken() {
        String form = "grant_type=refresh_token&client_id=it-app&refresh_token=" + tokens.path("refresh_token").asText();
        HttpResponse<String> response = JsonHttp.send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        return claims(JsonHttp.read(response.body()).path("id_token").asText());
    }

    /** The user's profile as the Account Console reads it. */
    public JsonNode profile() {
        return JsonHttp.read(JsonHttp.send(request("").GET()).body());
    }

    /** Saves the profile as the Account Console's "Personal info" does; returns the status. */
    public int updateProfile(JsonNode profile) {
        return JsonHttp.send(request("").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(profile.toString()))).statusCode();
    }

    private static JsonNode claims(String jwt) {
        if (jwt.isEmpty()) {
            throw new AssertionError("no ID token");
        }
        return JsonHttp.read(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    /** "Sign out all devices" in the Account Console (Device activity). */
    public int signOutAllDevices() {
        return JsonHttp.send(request("/sessions").DELETE()).statusCode();
    }

    public int delete(String credentialId) {
        return JsonHttp.send(request("/credentials/" + credentialId).DELETE()).statusCode();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/realms/" + realm + "/account" + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private static String query(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + url);
    }
}
