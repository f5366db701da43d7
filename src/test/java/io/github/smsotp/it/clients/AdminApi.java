package io.github.smsotp.it.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.harness.KeycloakServer;

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
        realm.set("users", templateUsers("default-roles-" + name));
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

    /** Gives a user of a realm's representation this number and, where not null, this language. */
    public static void setUser(ObjectNode realm, String username, String phone, String locale) {
        for (JsonNode user : realm.withArray("users")) {
            if (user.path("username").asText().equals(username)) {
                ObjectNode attributes = ((ObjectNode) user).putObject("attributes");
                attributes.putArray("phone_number").add(phone);
                if (locale != null) {
                    attributes.putArray("locale").add(locale);
                }
            }
        }
    }

    /**
     * A realm name no other realm of the server has: for tests that create a realm per case (a
     * clock's digits collide on a busy machine).
     */
    public static String uniqueRealmName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The type of the admin console's extension tabs, under which the realm's SMS settings are saved. */
    public static final String TAB_COMPONENT = "org.keycloak.services.ui.extend.UiTabProvider";

    /**
     * Moves a realm representation's SMS settings to the realm level (Realm settings > SMS): the
     * step's and the enrollment action's values go into the SMS component, with {@code changes} on
     * top, and both their own configs are left empty.
     */
    public static void smsSettingsAtRealmLevel(ObjectNode realm, Map<String, String> changes) {
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        for (JsonNode config : realm.withArray("authenticatorConfig")) {
            if (config.path("alias").asText().equals("sms-otp-it")) {
                config.path("config").fields().forEachRemaining(e -> settings.putArray(e.getKey()).add(e.getValue()));
                ((ObjectNode) config).putObject("config");
            }
        }
        for (JsonNode action : realm.withArray("requiredActions")) {
            if (action.path("alias").asText().equals("sms-otp-phone")) {
                action.path("config").fields().forEachRemaining(e -> settings.putArray(e.getKey()).add(e.getValue()));
                ((ObjectNode) action).putObject("config");
            }
        }
        changes.forEach((key, value) -> settings.putArray(key).add(value));
        ObjectNode component = realm.with("components").withArray(TAB_COMPONENT).addObject();
        component.put("name", "SMS").put("providerId", "SMS").set("config", settings);
    }

    /** The realm's SMS settings as saved in Realm settings > SMS (empty when never saved). */
    public Map<String, String> smsSettings(String realm) {
        Map<String, String> values = new LinkedHashMap<>();
        smsComponent(realm).ifPresent(component -> component.path("config").fields()
                .forEachRemaining(e -> values.put(e.getKey(), e.getValue().path(0).asText())));
        return values;
    }

    /**
     * Saves the realm's SMS settings as the admin console's tab does (creates the component or
     * replaces its values); returns Keycloak's answer.
     */
    public HttpResponse<String> saveSmsSettings(String realm, Map<String, String> values) {
        ObjectNode component = smsComponent(realm).orElseGet(() -> {
            ObjectNode created = JsonNodeFactory.instance.objectNode();
            created.put("name", "SMS").put("providerId", "SMS").put("providerType", TAB_COMPONENT)
                    .put("parentId", get("/admin/realms/" + realm).path("id").asText());
            return created;
        });
        ObjectNode config = component.putObject("config");
        values.forEach((key, value) -> config.putArray(key).add(value));
        String components = "/admin/realms/" + realm + "/components";
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString(component.toString());
        return JsonHttp.send(component.has("id")
                ? request(components + "/" + component.path("id").asText()).header("Content-Type", "application/json").PUT(body)
                : request(components).header("Content-Type", "application/json").POST(body));
    }

    private Optional<ObjectNode> smsComponent(String realm) {
        for (JsonNode component : get("/admin/realms/" + realm + "/components?type=" + TAB_COMPONENT)) {
            if (component.path("providerId").asText().equals("SMS")) {
                return Optional.of((ObjectNode) component);
            }
        }
        return Optional.empty();
    }

    /** The realm as the admin console's "Partial export" gives it (groups, roles and clients included). */
    public ObjectNode partialExport(String realm) {
        HttpResponse<String> response = JsonHttp.send(request("/admin/realms/" + realm
                + "/partial-export?exportClients=true&exportGroupsAndRoles=true")
                .POST(HttpRequest.BodyPublishers.noBody()));
        expect(200, "partial export", response);
        return (ObjectNode) JsonHttp.read(response.body());
    }

    /** The test realm's users (user01 ... with their numbers and passwords), each with the given realm role. */
    public ArrayNode templateUsers(String defaultRole) {
        ArrayNode users = template().withArray("users");
        for (JsonNode user : users) {
            ((ObjectNode) user).putArray("realmRoles").add(defaultRole);
        }
        return users;
    }

    /** Creates a realm from a representation, as "Create realm" with a file does. */
    public void importRealm(ObjectNode realm) {
        expect(201, "import realm " + realm.path("realm").asText(), JsonHttp.send(request("/admin/realms")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(realm.toString()))));
    }

    /** Creates a realm as the admin console's "Create realm" does with only a name typed in. */
    public void createEmptyRealm(String name) {
        importRealm((ObjectNode) JsonHttp.read("{\"realm\":\"" + name + "\",\"enabled\":true}"));
    }

    /** Adds a user with a password and nothing else (no number): as an admin adds one in "Users". */
    public void addUser(String realm, String username, String password) {
        String user = "{\"username\":\"" + username + "\",\"enabled\":true,\"email\":\"" + username
                + "@example.org\",\"firstName\":\"New\",\"lastName\":\"User\",\"emailVerified\":true,"
                + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + password + "\",\"temporary\":false}]}";
        expect(201, "add user " + username, JsonHttp.send(request("/admin/realms/" + realm + "/users")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(user))));
    }

    /** PUTs {@code json} to an admin path, as a settings page's "Save" does. */
    public void put(String path, String json) {
        expect(204, "PUT " + path, tryPut(path, json));
    }

    /** Keycloak's answer to a PUT of {@code json} to an admin path. */
    public HttpResponse<String> tryPut(String path, String json) {
        return JsonHttp.send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** DELETEs an admin path; returns the status. */
    public int delete(String path) {
        return JsonHttp.send(request(path).DELETE()).statusCode();
    }

    /** Keycloak's answer to a POST of {@code json} to an admin path. */
    public HttpResponse<String> post(String path, String json) {
        return JsonHttp.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
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

    /**
     * The SMS step's config (alias {@code sms-otp-it}) as stored in a realm: the realm template's
     * browser flow is the only flow that carries it.
     */
    public ObjectNode stepConfig(String realm) {
        String flows = "/admin/realms/" + realm + "/authentication/flows/";
        for (JsonNode execution : get(flows + encode("browser with sms") + "/executions")) {
            String id = execution.path("authenticationConfig").asText("");
            if (!id.isEmpty()) {
                JsonNode config = get("/admin/realms/" + realm + "/authentication/config/" + id);
                if (config.path("alias").asText().equals("sms-otp-it")) {
                    return (ObjectNode) config;
                }
            }
        }
        throw new IllegalStateException("no authenticator config sms-otp-it in realm " + realm);
    }

    /** Replaces the values of the SMS step's config, as an admin saving the form would. */
    public void replaceStepConfig(String realm, Map<String, String> values) {
        ObjectNode config = stepConfig(realm);
        ObjectNode stored = config.putObject("config");
        values.forEach(stored::put);
        expect(204, "PUT config", JsonHttp.send(request("/admin/realms/" + realm + "/authentication/config/"
                + config.path("id").asText()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(config.toString()))));
    }

    /** Changes some values of the SMS step's config; the others stay. */
    public void updateStepConfig(String realm, Map<String, String> changes) {
        Map<String, String> values = new LinkedHashMap<>();
        stepConfig(realm).path("config").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        values.putAll(changes);
        replaceStepConfig(realm, values);
    }

    /** Overrides a message key for one locale in a realm (Realm settings, Localization, Realm overrides). */
    public void putLocalizationText(String realm, String locale, String key, String text) {
        expect(204, "PUT localization", JsonHttp.send(request("/admin/realms/" + realm + "/localization/" + locale
                + "/" + key).header("Content-Type", "text/plain; charset=UTF-8")
                .PUT(HttpRequest.BodyPublishers.ofString(text))));
    }

    public void deleteLocalizationText(String realm, String locale, String key) {
        expect(204, "DELETE localization", JsonHttp.send(request("/admin/realms/" + realm + "/localization/"
                + locale + "/" + key).DELETE()));
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

    /** The user as the admin console shows it (required actions, attributes). */
    public JsonNode user(String realm, String username) {
        return get("/admin/realms/" + realm + "/users/" + userId(realm, username));
    }

    /** The user's stored credentials (type, user label, id), as the admin console lists them. */
    public JsonNode credentials(String realm, String username) {
        return get("/admin/realms/" + realm + "/users/" + userId(realm, username) + "/credentials");
    }

    /** The SMS step's reasons ({@code sms_otp_reason}) in the user's events, newest first. */
    public List<String> reasons(String realm, String username) {
        return events(realm, username).stream().filter(e -> e.path("details").has("sms_otp_reason"))
                .map(e -> e.path("details").path("sms_otp_reason").asText()).toList();
    }

    public JsonNode bruteForceStatus(String realm, String username) {
        return get("/admin/realms/" + realm + "/attack-detection/brute-force/users/" + userId(realm, username));
    }

    /** A call of the realm's SMS admin API ({@code /admin/realms/{realm}/sms-otp/...}) as the bootstrap admin. */
    public HttpResponse<String> sms(String realm, String method, String path, String json) {
        return send(token(), method, "/admin/realms/" + realm + "/sms-otp/" + path, json);
    }

    /** A call of the admin API with {@code token} (null: none), a JSON body or none. */
    public HttpResponse<String> send(String token, String method, String path, String json) {
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            call.header("Content-Type", "application/json");
        }
        if (token != null) {
            call.header("Authorization", "Bearer " + token);
        }
        return JsonHttp.send(call);
    }

    /** An access token of a user of {@code realm} (admin-cli, password grant): one of the realm's own admins. */
    public String tokenOf(String realm, String username, String password) {
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = JsonHttp.send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token of " + username + ": " + response.statusCode() + " " + response.body());
        }
        return JsonHttp.read(response.body()).path("access_token").asText();
    }

    public JsonNode get(String path) {
        HttpResponse<String> response = JsonHttp.send(request(path).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JsonHttp.read(response.body());
    }

    private static void expect(int status, String what, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
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

    /** A fresh access token of the bootstrap admin. */
    String token() {
        return tokenOf("master", "admin", "admin");
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
