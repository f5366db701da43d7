package io.github.smsotp.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Keycloak's admin REST API as the bootstrap admin: realms for the tests, events, lockout status. */
public final class AdminApi {

    private final KeycloakServer server;

    public AdminApi(KeycloakServer server) {
        this.server = server;
    }

    /**
     * Creates a realm from the test realm's template (same users, flow and gateway), named
     * {@code name}, with the SMS step's config changed by {@code config} and anything else by
     * {@code tweak}.
     */
    public void createRealm(String name, Map<String, String> config, Consumer<ObjectNode> tweak) {
        ObjectNode realm = template();
        realm.put("realm", name);
        // Clients appear at documentation addresses (X-Forwarded-For) that are not "local" to Keycloak.
        realm.put("sslRequired", "none");
        for (JsonNode user : realm.withArray("users")) {
            ((ObjectNode) user).putArray("realmRoles").add("default-roles-" + name);
        }
        // The misconfigured flow carries a fixed id (its client binds to it): one realm only.
        removeWhere(realm.withArray("authenticationFlows"), n -> n.path("alias").asText().contains("misconfigured"));
        removeWhere(realm.withArray("authenticatorConfig"), n -> n.path("alias").asText().contains("misconfigured"));
        removeWhere(realm.withArray("clients"), n -> n.path("clientId").asText().contains("misconfigured"));
        for (JsonNode authenticatorConfig : realm.withArray("authenticatorConfig")) {
            if (authenticatorConfig.path("alias").asText().equals("sms-otp-it")) {
                ObjectNode values = (ObjectNode) authenticatorConfig.path("config");
                config.forEach(values::put);
            }
        }
        tweak.accept(realm);
        HttpResponse<String> response = JsonHttp.send(request("/admin/realms")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(realm.toString())));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating realm " + name + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** Changes the enrollment action's config in a realm representation. */
    public static void enrollmentConfig(ObjectNode realm, Map<String, String> config) {
        for (JsonNode action : realm.withArray("requiredActions")) {
            if (action.path("alias").asText().equals("sms-otp-phone")) {
                ObjectNode values = (ObjectNode) action.path("config");
                config.forEach(values::put);
            }
        }
    }

    public String userId(String realm, String username) {
        return get("/admin/realms/" + realm + "/users?exact=true&username=" + username).get(0).path("id").asText();
    }

    /** The realm's stored events for a user, newest first. */
    public List<JsonNode> events(String realm, String username) {
        List<JsonNode> events = new ArrayList<>();
        get("/admin/realms/" + realm + "/events?max=1000&user=" + userId(realm, username)).forEach(events::add);
        return events;
    }

    /** The SMS step's reasons ({@code sms_otp_reason}) in the user's events, newest first. */
    public List<String> reasons(String realm, String username) {
        return events(realm, username).stream().filter(e -> e.path("details").has("sms_otp_reason"))
                .map(e -> e.path("details").path("sms_otp_reason").asText()).toList();
    }

    public JsonNode bruteForceStatus(String realm, String username) {
        return get("/admin/realms/" + realm + "/attack-detection/brute-force/users/" + userId(realm, username));
    }

    public JsonNode get(String path) {
        HttpResponse<String> response = JsonHttp.send(request(path).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JsonHttp.read(response.body());
    }

    private static void removeWhere(JsonNode array, Predicate<JsonNode> condition) {
        for (Iterator<JsonNode> items = array.iterator(); items.hasNext(); ) {
            if (condition.test(items.next())) {
                items.remove();
            }
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Authorization", "Bearer " + token());
    }

    private String token() {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password=admin";
        HttpResponse<String> response = JsonHttp.send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        return JsonHttp.read(response.body()).path("access_token").asText();
    }

    private ObjectNode template() {
        try {
            Path file = Path.of(System.getProperty("project.dir", "."), "src/test/resources/realms/sms-it-realm.json");
            String json = Files.readString(file).replace("${GATEWAY_PORT}", String.valueOf(server.gateway().port()));
            return (ObjectNode) JsonHttp.read(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
