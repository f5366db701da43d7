package io.github.smsotp.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.FineGrainedAdmins;
import io.github.smsotp.it.clients.JsonHttp;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.RealmGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Admins who hold less than full power get no more from the SMS admin API than from Keycloak's own:
 * each case is asked of Keycloak's own endpoint too, in the same test, with the same admin.
 * The admins are the realm's own users with Keycloak's fine-grained admin permissions (v2).
 */
@ExtendWith(KeycloakExtension.class)
public class AdminLeastPrivilegeIT {

    private final KeycloakServer server;
    private final AdminApi admin;

    AdminLeastPrivilegeIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @Test
    void anAdminWhoMayManageButNotResetPasswordsCannotVouchForANumber() {
        String realm = "sms-admin-no-reset";
        createRealm(realm);
        FineGrainedAdmins permissions = new FineGrainedAdmins(admin, realm);
        String user30 = admin.userId(realm, "user30");
        String user31 = admin.userId(realm, "user31");
        permissions.permission("helpdesk manages users", "Users", List.of("view", "manage"), List.of(),
                permissions.userPolicy("helpdesk", List.of(admin.userId(realm, "helpdesk")), false));
        // Password resets of these two are someone else's: for them, managing no longer implies resetting.
        permissions.permission("resetter resets passwords", "Users", List.of("reset-password"), List.of(user30, user31),
                permissions.userPolicy("resetter", List.of(admin.userId(realm, "resetter")), false));
        String token = admin.tokenOf(realm, "helpdesk", "pass-helpdesk");

        HttpResponse<String> reset = admin.send(token, "PUT", "/admin/realms/" + realm + "/users/" + user30
                + "/reset-password", "{\"type\":\"password\",\"value\":\"a-new-password-1\",\"temporary\":false}");
        assertThat(reset.statusCode()).as("Keycloak's own password reset: " + reset.body()).isEqualTo(403);

        HttpResponse<String> verified = admin.send(token, "PUT", smsApi(realm, "users/" + user30 + "/phone"),
                "{\"number\":\"+12015559101\",\"status\":\"verified\"}");
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(403);
        HttpResponse<String> trusted = admin.send(token, "POST", smsApi(realm, "import"),
                "{\"source\":\"attribute\",\"attribute\":\"mobile_number\",\"mode\":\"trust\",\"dryRun\":false}");
        assertThat(trusted.statusCode()).as(trusted.body()).isEqualTo(403);
        assertThat(admin.credentials(realm, "user30").toString()).as("nothing written").doesNotContain("sms-otp");
        assertThat(admin.credentials(realm, "user31").toString()).as("nothing written").doesNotContain("sms-otp");

        // What managing the user does allow: Keycloak's own user update, and a number the user confirms by code.
        assertThat(admin.send(token, "PUT", "/admin/realms/" + realm + "/users/" + user30, "{\"firstName\":\"Changed\"}")
                .statusCode()).isEqualTo(204);
        HttpResponse<String> pending = admin.send(token, "PUT", smsApi(realm, "users/" + user30 + "/phone"),
                "{\"number\":\"+12015559101\",\"status\":\"pending\"}");
        assertThat(pending.statusCode()).as(pending.body()).isEqualTo(200);
        // With Keycloak's manage-users role, resetting passwords and vouching for numbers both go.
        HttpResponse<String> vouched = admin.send(admin.tokenOf(realm, "manager", "pass-manager"), "PUT",
                smsApi(realm, "users/" + user31 + "/phone"), "{\"number\":\"+12015559102\",\"status\":\"verified\"}");
        assertThat(vouched.statusCode()).as(vouched.body()).isEqualTo(200);
    }

    @Test
    void aGroupScopedAdminReadsTheNumbersOfTheGroupsMembersOnly() {
        String realm = "sms-admin-group";
        createRealm(realm);
        FineGrainedAdmins permissions = new FineGrainedAdmins(admin, realm);
        String team = admin.get("/admin/realms/" + realm + "/groups?search=team").get(0).path("id").asText();
        permissions.permission("team lead views the team", "Groups", List.of("view-members"), List.of(team),
                permissions.userPolicy("team lead", List.of(admin.userId(realm, "teamlead")), false));
        String token = admin.tokenOf(realm, "teamlead", "pass-teamlead");
        String member = admin.userId(realm, "user30");
        String outsider = admin.userId(realm, "user31");

        assertThat(admin.send(token, "GET", "/admin/realms/" + realm + "/users/" + member, null).statusCode())
                .as("Keycloak's own user endpoint, a member").isEqualTo(200);
        assertThat(admin.send(token, "GET", "/admin/realms/" + realm + "/users/" + outsider, null).statusCode())
                .as("Keycloak's own user endpoint, an outsider").isEqualTo(403);

        HttpResponse<String> ofMember = admin.send(token, "GET", smsApi(realm, "users/" + member + "/phone"), null);
        assertThat(ofMember.statusCode()).as(ofMember.body()).isEqualTo(200);
        HttpResponse<String> ofOutsider = admin.send(token, "GET", smsApi(realm, "users/" + outsider + "/phone"), null);
        assertThat(ofOutsider.statusCode()).as(ofOutsider.body()).isEqualTo(403);
        assertThat(ofOutsider.body()).doesNotContain("1031");
    }

    @Test
    void aMaskedSecretDoesNotFollowAChangedDestination() {
        String realm = "sms-admin-kept-secret";
        RealmGateway gateway = new RealmGateway(server, realm);
        String elsewhere = "/elsewhere-" + realm;
        server.gateway().isolate(elsewhere);
        String otherUrl = "http://127.0.0.1:" + server.gateway().port() + elsewhere;
        String url = gateway.settings().get("http.url");
        admin.createRealm(realm, Map.of(), r -> AdminApi.smsSettingsAtRealmLevel(r,
                Map.of("http.url", url, "http.auth-value", "Bearer kept-secret-33")));
        ObjectNode shown = (ObjectNode) JsonHttp.read(admin.sms(realm, "GET", "settings", null).body());
        assertThat(shown.path("http.auth-value").asText()).isEqualTo("**********");

        // The settings API: each part of where the secret goes, changed with the secret left masked.
        Map<String, String> moves = Map.of("http.url", otherUrl, "http.preset", "webhook", "http.auth-header", "X-Token");
        moves.forEach((key, value) -> {
            ObjectNode moved = shown.deepCopy().put(key, value);
            HttpResponse<String> refused = admin.sms(realm, "PUT", "settings", moved.toString());
            assertThat(refused.statusCode()).as("%s: %s", key, refused.body()).isEqualTo(400);
            JsonNode problem = JsonHttp.read(refused.body());
            assertThat(problem.path("field").asText()).as(key).isEqualTo("http.auth-value");
            assertThat(problem.path("error").asText()).as(key).contains("'" + key + "'").contains("type the secret again");
        });
        // The admin console's tab saves the component, kept secrets filled in by Keycloak before the check.
        Map<String, String> tab = admin.smsSettings(realm);
        assertThat(tab.get("http.auth-value")).isEqualTo("**********");
        Map<String, String> tabMoved = new java.util.LinkedHashMap<>(tab);
        tabMoved.put("http.url", otherUrl);
        HttpResponse<String> tabRefused = admin.saveSmsSettings(realm, tabMoved);
        assertThat(tabRefused.statusCode()).as(tabRefused.body()).isEqualTo(400);
        assertThat(tabRefused.body()).contains("http.auth-value").contains("type the secret again");

        // Nothing moved: a test SMS goes where it went, with the secret.
        assertThat(admin.sms(realm, "POST", "test-sms", "{\"to\":\"+12015559133\"}").statusCode()).isEqualTo(200);
        assertThat(gateway.to("+12015559133")).singleElement()
                .satisfies(sms -> assertThat(sms.header("Authorization")).isEqualTo("Bearer kept-secret-33"));
        assertThat(server.gateway().at(elsewhere)).isEmpty();

        // An unchanged destination keeps the secret, in the API and in the tab.
        assertThat(admin.sms(realm, "PUT", "settings", shown.deepCopy().put("code-length", "7").toString())
                .statusCode()).isEqualTo(200);
        Map<String, String> tabKept = new java.util.LinkedHashMap<>(admin.smsSettings(realm));
        tabKept.put("code-length", "8");
        assertThat(admin.saveSmsSettings(realm, tabKept).statusCode()).isEqualTo(204);
        assertThat(admin.sms(realm, "POST", "test-sms", "{\"to\":\"+12015559134\"}").statusCode()).isEqualTo(200);
        assertThat(gateway.to("+12015559134")).singleElement()
                .satisfies(sms -> assertThat(sms.header("Authorization")).isEqualTo("Bearer kept-secret-33"));
        // A secret typed again may go to the new destination.
        ObjectNode retyped = shown.deepCopy().put("http.url", otherUrl).put("http.auth-value", "Bearer new-secret-33");
        assertThat(admin.sms(realm, "PUT", "settings", retyped.toString()).statusCode()).isEqualTo(200);
        assertThat(admin.sms(realm, "POST", "test-sms", "{\"to\":\"+12015559135\"}").statusCode()).isEqualTo(200);
        assertThat(server.gateway().at(elsewhere)).singleElement()
                .satisfies(sms -> assertThat(sms.header("Authorization")).isEqualTo("Bearer new-secret-33"));
    }

    private static String smsApi(String realm, String path) {
        return "/admin/realms/" + realm + "/sms-otp/" + path;
    }

    /**
     * The test realm with fine-grained admin permissions on and admins of its own: helpdesk, resetter
     * and teamlead without admin roles (only the permissions a test gives them), manager with Keycloak's
     * manage-users role. user30 is in the group
     * "team"; user30 and user31 have numbers in the attribute another plugin used; provisioned numbers
     * are confirmed by code.
     */
    private void createRealm(String name) {
        admin.createRealm(name, Map.of(), realm -> {
            realm.put("adminPermissionsEnabled", true);
            AdminApi.enrollmentConfig(realm, Map.of("provisioned-numbers", "verify"));
            realm.withArray("groups").addObject().put("name", "team");
            ArrayNode users = realm.withArray("users");
            for (JsonNode user : users) {
                String username = user.path("username").asText();
                if (username.equals("user30") || username.equals("user31")) {
                    ((ObjectNode) user).with("attributes").putArray("mobile_number").add(SmsLogin.phoneOf(username));
                }
                if (username.equals("user30")) {
                    ((ObjectNode) user).putArray("groups").add("/team");
                }
            }
            for (String username : List.of("helpdesk", "resetter", "teamlead", "manager")) {
                ObjectNode user = users.addObject().put("username", username).put("enabled", true)
                        .put("email", username + "@example.org").put("emailVerified", true)
                        .put("firstName", "Admin").put("lastName", username);
                user.putArray("credentials").addObject().put("type", "password").put("value", "pass-" + username)
                        .put("temporary", false);
                if (username.equals("manager")) {
                    user.putObject("clientRoles").putArray("realm-management").add("manage-users");
                }
            }
        });
    }
}
