package io.github.smsotp.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.JsonHttp;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.GatewayStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The realm's SMS admin API ({@code /admin/realms/{realm}/sms-otp}) as admins with Keycloak's own
 * roles call it: test sends, users' numbers, and every refusal with its status.
 */
@ExtendWith(KeycloakExtension.class)
public class SmsAdminApiIT {

    private static final String MASKED_9001 = "+1 \u2022\u2022\u2022 \u2022\u2022\u2022 9001";
    private static final String MASKED_9002 = "+1 \u2022\u2022\u2022 \u2022\u2022\u2022 9002";

    private final KeycloakServer server;
    private final AdminApi admin;

    SmsAdminApiIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @Test
    void aTestSmsGoesThroughTheRealmsSenderAndTheAnswerSaysWhatHappened() {
        String realm = createRealm("sms-api-test", Map.of("limit-realm-sends-per-hour", "3"));
        String token = token(realm, "realmadmin");

        HttpResponse<String> sent = call(realm, token, "POST", "test-sms", "{\"to\":\"+12015559001\",\"text\":\"Hello\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        JsonNode answer = JsonHttp.read(sent.body());
        assertThat(answer.path("outcome").asText()).isEqualTo("sent");
        assertThat(answer.path("sender").asText()).isEqualTo("http");
        assertThat(answer.path("to").asText()).isEqualTo(MASKED_9001);
        assertThat(answer.path("millis").asLong()).isNotNegative();
        assertThat(server.gateway().to("+12015559001")).extracting(GatewayStub.Received::text).containsExactly("Hello");

        server.gateway().mode(GatewayStub.Mode.FAIL_500);
        try {
            JsonNode failed = JsonHttp.read(call(realm, token, "POST", "test-sms", "{\"to\":\"+12015559001\"}").body());
            assertThat(failed.path("outcome").asText()).isEqualTo("failed");
            assertThat(failed.path("reason").asText()).contains("500").doesNotContain("2015559001");
        } finally {
            server.gateway().mode(GatewayStub.Mode.ACCEPT);
        }

        // The realm allows 3 SMS an hour: the failed attempt counted too.
        assertThat(JsonHttp.read(call(realm, token, "POST", "test-sms", "{\"to\":\"+12015559001\"}").body())
                .path("outcome").asText()).isEqualTo("sent");
        JsonNode refused = JsonHttp.read(call(realm, token, "POST", "test-sms", "{\"to\":\"+12015559001\"}").body());
        assertThat(refused.path("outcome").asText()).isEqualTo("refused");
        assertThat(server.gateway().to("+12015559001")).hasSize(2);

        JsonNode event = adminEvents(realm).stream().filter(e -> e.path("resourcePath").asText().endsWith("test-sms"))
                .findFirst().orElseThrow();
        assertThat(event.path("operationType").asText()).isEqualTo("ACTION");
        assertThat(event.path("representation").asText()).contains(MASKED_9001).doesNotContain("2015559001");
    }

    @Test
    void anAdminSetsReadsAndRemovesAUsersNumberAndTheNextLoginUsesIt() {
        String realm = createRealm("sms-api-numbers", Map.of());
        String manager = token(realm, "manager");
        String userId = admin.userId(realm, "user45");

        HttpResponse<String> set = call(realm, manager, "PUT", "users/" + userId + "/phone",
                "{\"number\":\"+1 201 555 9002\",\"status\":\"verified\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(JsonHttp.read(set.body()).path("number").asText()).isEqualTo(MASKED_9002);

        JsonNode viewed = JsonHttp.read(call(realm, token(realm, "viewer"), "GET", "users/" + userId + "/phone", null).body());
        assertThat(viewed.path("number").asText()).isEqualTo("+12015559002");
        assertThat(viewed.path("status").asText()).isEqualTo("verified");
        assertThat(call(realm, token(realm, "querier"), "GET", "users/" + userId + "/phone", null).statusCode())
                .as("a caller who may only search users, as Keycloak's own user endpoint answers it").isEqualTo(403);
        assertThat(admin.send(token(realm, "querier"), "GET", "/admin/realms/" + realm + "/users/" + userId, null)
                .statusCode()).isEqualTo(403);

        SmsLogin login = new SmsLogin(server, realm, "user45", null);
        Page page = login.codePage();
        assertThat(page.textOf("#sms-otp-destination")).contains("9002");
        String code = server.gateway().latestTo("+12015559002").orElseThrow().code();
        assertThat(login.enter(page, code).loggedIn()).isTrue();

        assertThat(call(realm, manager, "DELETE", "users/" + userId + "/phone", null).statusCode()).isEqualTo(204);
        JsonNode after = JsonHttp.read(call(realm, manager, "GET", "users/" + userId + "/phone", null).body());
        assertThat(after.path("status").asText()).as("the user's attribute number is left").isEqualTo("provisioned");
        assertThat(call(realm, manager, "DELETE", "users/" + userId + "/phone", null).statusCode()).isEqualTo(404);

        List<String> operations = adminEvents(realm).stream()
                .filter(e -> e.path("resourcePath").asText().endsWith(userId + "/phone"))
                .map(e -> e.path("operationType").asText()).toList();
        assertThat(operations).as("newest first").containsExactly("DELETE", "CREATE");
        assertThat(adminEvents(realm).toString()).doesNotContain("2015559002");
    }

    @Test
    void aPendingNumberIsConfirmedByTheUserWithACodeAtTheNextSignIn() {
        String realm = createRealm("sms-api-pending", Map.of("provisioned-numbers", "verify"));
        String manager = token(realm, "manager");
        String userId = admin.userId(realm, "user48");

        HttpResponse<String> set = call(realm, manager, "PUT", "users/" + userId + "/phone",
                "{\"number\":\"+12015559004\",\"status\":\"pending\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        JsonNode pending = JsonHttp.read(call(realm, manager, "GET", "users/" + userId + "/phone", null).body());
        assertThat(pending.path("status").asText()).isEqualTo("pending");
        assertThat(pending.path("number").asText()).isEqualTo("+12015559004");

        SmsLogin login = new SmsLogin(server, realm, "user48", null);
        Page confirm = login.passwordStep("it-app");
        assertThat(confirm.text()).as(confirm.text()).contains("Confirm your mobile number").contains("9004");
        String code = server.gateway().latestTo("+12015559004").orElseThrow().code();
        assertThat(login.enter(confirm, code).loggedIn()).isTrue();
        assertThat(JsonHttp.read(call(realm, manager, "GET", "users/" + userId + "/phone", null).body())
                .path("status").asText()).isEqualTo("verified");

        // A number set as verified replaces one still pending: nothing is left to enroll.
        String other = admin.userId(realm, "user49");
        call(realm, manager, "PUT", "users/" + other + "/phone", "{\"number\":\"+12015559005\",\"status\":\"pending\"}");
        call(realm, manager, "PUT", "users/" + other + "/phone", "{\"number\":\"+12015559006\",\"status\":\"verified\"}");
        JsonNode replaced = JsonHttp.read(call(realm, manager, "GET", "users/" + other + "/phone", null).body());
        assertThat(replaced.path("number").asText()).isEqualTo("+12015559006");
        assertThat(admin.user(realm, "user49").path("requiredActions").toString()).doesNotContain("sms-otp-phone");

        String trusting = createRealm("sms-api-pending-trust", Map.of());
        assertField(call(trusting, token(trusting, "manager"), "PUT", "users/" + admin.userId(trusting, "user48")
                + "/phone", "{\"number\":\"+12015559004\",\"status\":\"pending\"}"), "status");
    }

    @Test
    void theRealmsSettingsAreReadAndSavedThroughTheApiWithSecretsNeverShownBack() {
        String realm = createRealm("sms-api-settings", Map.of());
        String token = token(realm, "realmadmin");
        JsonNode settings = JsonHttp.read(call(realm, token, "GET", "settings", null).body());
        assertThat(settings.path("http.auth-value").asText()).as("a vault reference is no secret")
                .isEqualTo("${vault.sms-gateway-token}");

        ObjectNode changed = settings.deepCopy();
        changed.put("code-length", "7").put("http.auth-value", "Bearer plain-secret");
        assertThat(call(realm, token, "PUT", "settings", changed.toString()).statusCode()).isEqualTo(200);
        JsonNode saved = JsonHttp.read(call(realm, token, "GET", "settings", null).body());
        assertThat(saved.path("code-length").asText()).isEqualTo("7");
        assertThat(saved.path("http.auth-value").asText()).isEqualTo("**********");
        assertThat(call(realm, token, "PUT", "settings", saved.toString()).statusCode()).as("saved as shown").isEqualTo(200);

        SmsLogin login = new SmsLogin(server, realm, "user47", null);
        login.codePage();
        GatewayStub.Received sms = server.gateway().latestTo(login.phone()).orElseThrow();
        assertThat(sms.code()).hasSize(7);
        assertThat(sms.header("Authorization")).as("the masked secret kept its value").isEqualTo("Bearer plain-secret");

        ObjectNode bad = saved.deepCopy();
        bad.put("code-length", "twelve");
        assertField(call(realm, token, "PUT", "settings", bad.toString()), "code-length");
        ObjectNode typo = saved.deepCopy();
        typo.put("code-lenght", "8");
        assertField(call(realm, token, "PUT", "settings", typo.toString()), "code-lenght");
        assertThat(JsonHttp.read(call(realm, token, "GET", "settings", null).body()).path("code-length").asText())
                .isEqualTo("7");
        assertThat(call(realm, token(realm, "viewer"), "GET", "settings", null).statusCode()).isEqualTo(403);
        assertThat(call(realm, token(realm, "manager"), "PUT", "settings", saved.toString()).statusCode()).isEqualTo(403);
        assertThat(adminEvents(realm).toString()).doesNotContain("plain-secret");
    }

    @Test
    void everyRefusalHasItsStatusAndNamesTheFieldAndNothingIsSent() {
        String realm = createRealm("sms-api-errors", Map.of("allowed-calling-codes", "1"));
        String userId = admin.userId(realm, "user46");
        String phone = "users/" + userId + "/phone";
        int sentBefore = server.gateway().all().size();

        assertThat(call(realm, null, "POST", "test-sms", "{\"to\":\"+12015559001\"}").statusCode()).as("no token").isEqualTo(401);
        assertThat(call(realm, token(realm, "nobody"), "POST", "test-sms", "{\"to\":\"+12015559001\"}").statusCode())
                .as("no admin role").isEqualTo(403);
        assertThat(call(realm, token(realm, "viewer"), "POST", "test-sms", "{\"to\":\"+12015559001\"}").statusCode())
                .as("view-users only").isEqualTo(403);
        String realmAdmin = token(realm, "realmadmin");
        assertField(call(realm, realmAdmin, "POST", "test-sms", "not json"), "body");
        assertField(call(realm, realmAdmin, "POST", "test-sms", "[1]"), "body");
        assertField(call(realm, realmAdmin, "POST", "test-sms", "{}"), "to");
        assertField(call(realm, realmAdmin, "POST", "test-sms", "{\"to\":\"12\"}"), "to");
        assertField(call(realm, realmAdmin, "POST", "test-sms", "{\"to\":\"+12015559001\",\"text\":\"" + "x".repeat(481) + "\"}"), "text");

        String viewer = token(realm, "viewer");
        assertThat(call(realm, viewer, "GET", "users/no-such-user/phone", null).statusCode()).isEqualTo(404);
        assertThat(call(realm, token(realm, "nobody"), "GET", "users/no-such-user/phone", null).statusCode())
                .as("no hint whether a user exists").isEqualTo(403);
        assertThat(call(realm, token(realm, "nobody"), "GET", phone, null).statusCode()).isEqualTo(403);
        assertThat(call(realm, viewer, "PUT", phone, "{\"number\":\"+12015559001\"}").statusCode())
                .as("view-users may not change").isEqualTo(403);
        assertThat(call(realm, viewer, "DELETE", phone, null).statusCode()).isEqualTo(403);
        String manager = token(realm, "manager");
        assertField(call(realm, manager, "PUT", phone, "{\"number\":\"call me\"}"), "number");
        HttpResponse<String> elsewhere = call(realm, manager, "PUT", phone, "{\"number\":\"+4915123456701\"}");
        assertField(elsewhere, "number");
        assertThat(elsewhere.body()).contains("allowed-calling-codes");
        assertField(call(realm, realmAdmin, "POST", "test-sms", "{\"to\":\"+4915123456701\"}"), "to");
        assertField(call(realm, manager, "PUT", phone, "{\"number\":\"+12015559001\",\"status\":\"maybe\"}"), "status");
        assertThat(call(realm, manager, "PUT", "users/no-such-user/phone", "{\"number\":\"+12015559001\"}").statusCode())
                .isEqualTo(404);

        assertThat(server.gateway().all()).as("nothing sent").hasSize(sentBefore);
        assertThat(admin.credentials(realm, "user46").toString()).doesNotContain("sms-otp");
    }

    private static void assertField(HttpResponse<String> answer, String field) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(JsonHttp.read(answer.body()).path("field").asText()).as(answer.body()).isEqualTo(field);
    }

    /**
     * The test realm with its SMS settings at the realm level, admin events on, and admins of its own:
     * realmadmin (manage-realm), manager (manage-users), viewer (view-users), querier (query-users),
     * nobody (no admin role).
     */
    private String createRealm(String name, Map<String, String> settings) {
        admin.createRealm(name, Map.of(), realm -> {
            AdminApi.smsSettingsAtRealmLevel(realm, settings);
            realm.put("adminEventsEnabled", true).put("adminEventsDetailsEnabled", true);
            ArrayNode users = realm.withArray("users");
            Map.of("realmadmin", "manage-realm", "manager", "manage-users", "viewer", "view-users",
                    "querier", "query-users", "nobody", "").forEach((username, role) -> {
                ObjectNode user = users.addObject().put("username", username).put("enabled", true)
                        .put("email", username + "@example.org").put("emailVerified", true)
                        .put("firstName", "Admin").put("lastName", username);
                user.putArray("credentials").addObject().put("type", "password").put("value", "pass-" + username)
                        .put("temporary", false);
                if (!role.isEmpty()) {
                    user.putObject("clientRoles").putArray("realm-management").add(role);
                }
            });
        });
        return name;
    }

    /** An access token of one of the realm's own admins (admin-cli, password grant). */
    private String token(String realm, String username) {
        return admin.tokenOf(realm, username, "pass-" + username);
    }

    private HttpResponse<String> call(String realm, String token, String method, String path, String json) {
        HttpResponse<String> answer = admin.send(token, method, "/admin/realms/" + realm + "/sms-otp/" + path, json);
        assertThat(answer.statusCode()).as("%s %s: %s", method, path, answer.body()).isLessThan(500);
        return answer;
    }

    private List<JsonNode> adminEvents(String realm) {
        List<JsonNode> events = new java.util.ArrayList<>();
        admin.get("/admin/realms/" + realm + "/admin-events?max=100").forEach(events::add);
        return events;
    }
}
