package io.github.smsotp.it.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.JsonHttp;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Switching from another SMS plugin: users' numbers in the other plugins' documented formats are
 * counted in a dry run, then enrolled, so that users need not enroll again.
 */
@ExtendWith(KeycloakExtension.class)
public class NumberImportIT {

    private final KeycloakServer server;
    private final AdminApi admin;

    NumberImportIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @Test
    void numbersFromOtherPluginsAreCountedInADryRunThenEnrolledAndUsedAtTheNextLogin() {
        String realm = "sms-import-trust";
        createRealm(realm, "trust");

        // netzbegruenung's sms-authenticator: credentials of type mobile-number.
        JsonNode dryRun = importNumbers(realm, "{\"source\":\"credential\",\"defaultRegion\":\"DE\",\"mode\":\"trust\"}");
        assertThat(counts(dryRun)).isEqualTo(Map.of("found", 3, "valid", 2, "invalid", 1, "duplicates", 0,
                "alreadyEnrolled", 0, "imported", 2));
        assertThat(dryRun.path("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.path("invalidNumbers").toString()).contains("mig03").doesNotContain("not a number");
        assertThat(admin.credentials(realm, "mig01").toString()).as("a dry run writes nothing").doesNotContain("sms-otp");

        JsonNode run = importNumbers(realm, "{\"source\":\"credential\",\"defaultRegion\":\"DE\",\"mode\":\"trust\","
                + "\"dryRun\":false}");
        assertThat(run.path("imported").asInt()).isEqualTo(2);
        assertThat(admin.credentials(realm, "mig02").toString()).contains("sms-otp");
        signsInWithACodeTo(realm, "mig01", "+4915123456701");

        // dasniko's and others' attribute mobile_number: one number on two users, one user enrolled already.
        JsonNode attribute = importNumbers(realm, "{\"source\":\"attribute\",\"attribute\":\"mobile_number\","
                + "\"mode\":\"trust\"}");
        assertThat(counts(attribute)).isEqualTo(Map.of("found", 3, "valid", 3, "invalid", 0, "duplicates", 2,
                "alreadyEnrolled", 1, "imported", 0));

        // cooperlyt's phoneNumber attribute.
        JsonNode cooperlyt = importNumbers(realm, "{\"source\":\"attribute\",\"attribute\":\"phoneNumber\","
                + "\"mode\":\"trust\",\"dryRun\":false}");
        assertThat(cooperlyt.path("imported").asInt()).isEqualTo(1);
        signsInWithACodeTo(realm, "mig06", "+4915123456706");
        assertThat(server.log()).doesNotContain("4915123456706").doesNotContain("23456702");
    }

    @Test
    void inVerifyModeEachUserConfirmsTheImportedNumberByCodeAtTheNextSignIn() {
        String realm = "sms-import-verify";
        createRealm(realm, "verify");
        JsonNode run = importNumbers(realm, "{\"source\":\"attribute\",\"attribute\":\"phoneNumber\","
                + "\"mode\":\"verify\",\"dryRun\":false}");
        assertThat(run.path("imported").asInt()).isEqualTo(1);
        assertThat(admin.credentials(realm, "mig06").toString()).as("nothing enrolled yet").doesNotContain("sms-otp");

        Browser browser = new Browser();
        Page confirm = signIn(browser, realm, "mig06");
        assertThat(confirm.text()).contains("Confirm your mobile number");
        String code = server.gateway().latestTo("+4915123456706").orElseThrow().code();
        assertThat(browser.submit(confirm, "kc-sms-otp-form", Map.of("code", code)).loggedIn()).isTrue();
        assertThat(admin.credentials(realm, "mig06").toString()).contains("sms-otp");
    }

    @Test
    void numbersTheRealmWouldRefuseAtEnrollmentAreListedAndNotImported() {
        String realm = "sms-import-countries";
        createRealm(realm, "trust", Map.of("allowed-calling-codes", "1"));
        JsonNode run = importNumbers(realm, "{\"source\":\"credential\",\"defaultRegion\":\"DE\",\"mode\":\"trust\","
                + "\"dryRun\":false}");
        assertThat(counts(run)).isEqualTo(Map.of("found", 3, "valid", 0, "invalid", 3, "duplicates", 0,
                "alreadyEnrolled", 0, "imported", 0));
        assertThat(run.path("invalidNumbers").toString()).contains("allowed-calling-codes");
        assertThat(admin.credentials(realm, "mig01").toString()).doesNotContain("sms-otp");
    }

    @Test
    void badRequestsAreRefusedWithTheFieldAndChangeNothing() {
        String realm = "sms-import-errors";
        createRealm(realm, "trust");
        assertField(post(realm, "{\"source\":\"spreadsheet\"}"), "source");
        assertField(post(realm, "{\"source\":\"attribute\",\"attribute\":\"\"}"), "attribute");
        assertField(post(realm, "{\"source\":\"credential\",\"defaultRegion\":\"Germany\"}"), "defaultRegion");
        assertField(post(realm, "{\"source\":\"credential\",\"mode\":\"always\"}"), "mode");
        assertField(post(realm, "{\"source\":\"credential\",\"mode\":\"verify\",\"dryRun\":false}"), "mode");
        assertField(post(realm, "[]"), "body");
        assertThat(post(realm, "{\"source\":\"credential\",\"defaultRegion\":\"DE\"}").statusCode())
                .as("the dry run of docs/ENROLLMENT.md, whatever the realm's mode").isEqualTo(200);
        assertThat(admin.credentials(realm, "mig01").toString()).doesNotContain("sms-otp");
    }

    private void signsInWithACodeTo(String realm, String username, String number) {
        Browser browser = new Browser();
        Page page = signIn(browser, realm, username);
        assertThat(page.has("#kc-sms-otp-form")).as(page.text()).isTrue();
        String code = server.gateway().latestTo(number).orElseThrow().code();
        assertThat(browser.submit(page, "kc-sms-otp-form", Map.of("code", code)).loggedIn()).isTrue();
    }

    private Page signIn(Browser browser, String realm, String username) {
        Page login = browser.get(server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/auth?client_id="
                + "it-app&response_type=code&scope=openid&state=it&redirect_uri=" + Browser.CALLBACK);
        return browser.submit(login, "kc-form-login", Map.of("username", username, "password", "pass-" + username));
    }

    private static Map<String, Integer> counts(JsonNode report) {
        return Map.of("found", report.path("found").asInt(), "valid", report.path("valid").asInt(),
                "invalid", report.path("invalid").asInt(), "duplicates", report.path("duplicates").asInt(),
                "alreadyEnrolled", report.path("alreadyEnrolled").asInt(), "imported", report.path("imported").asInt());
    }

    private JsonNode importNumbers(String realm, String json) {
        HttpResponse<String> answer = post(realm, json);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JsonHttp.read(answer.body());
    }

    private HttpResponse<String> post(String realm, String json) {
        HttpResponse<String> answer = admin.sms(realm, "POST", "import", json);
        assertThat(answer.statusCode()).as(answer.body()).isLessThan(500);
        return answer;
    }

    private static void assertField(HttpResponse<String> answer, String field) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(JsonHttp.read(answer.body()).path("field").asText()).as(answer.body()).isEqualTo(field);
    }

    /**
     * The test realm with users as other plugins left them (hand-written in their documented formats):
     * mig01 to mig03 with netzbegruenung's credential (international, national, not a number), mig04
     * and mig05 sharing one number in the attribute mobile_number, mig06 with cooperlyt's phoneNumber,
     * mig07 with mobile_number and an SMS number of ours already. The {@code mobile-number} credentials
     * are stored through a stand-in for the other plugin (the tests' example provider JAR), as Keycloak
     * imports a credential only through a provider of its type.
     */
    private void createRealm(String name, String provisioned) {
        createRealm(name, provisioned, Map.of());
    }

    private void createRealm(String name, String provisioned, Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("provisioned-numbers", provisioned);
        admin.createRealm(name, Map.of(), realm -> {
            AdminApi.smsSettingsAtRealmLevel(realm, all);
            ArrayNode users = realm.withArray("users");
            credential(user(users, "mig01"), "mobile-number", "{\"mobile_number\":\"+49 151 23456701\"}");
            credential(user(users, "mig02"), "mobile-number", "{\"mobile_number\":\"0151 23456702\"}");
            credential(user(users, "mig03"), "mobile-number", "{\"mobile_number\":\"not a number\"}");
            user(users, "mig04").putObject("attributes").putArray("mobile_number").add("+4915123456704");
            user(users, "mig05").putObject("attributes").putArray("mobile_number").add("+49 151 23456704");
            user(users, "mig06").putObject("attributes").putArray("phoneNumber").add("+4915123456706");
            ObjectNode enrolled = user(users, "mig07");
            enrolled.putObject("attributes").putArray("mobile_number").add("+4915123456707");
            credential(enrolled, "sms-otp", "{\"phone\":\"+4915123456777\"}");
        });
    }

    private static ObjectNode user(ArrayNode users, String username) {
        ObjectNode user = users.addObject().put("username", username).put("enabled", true)
                .put("email", username + "@example.org").put("emailVerified", true)
                .put("firstName", "Moved").put("lastName", username);
        user.putArray("credentials").addObject().put("type", "password").put("value", "pass-" + username)
                .put("temporary", false);
        return user;
    }

    private static void credential(ObjectNode user, String type, String data) {
        user.withArray("credentials").addObject().put("type", type).put("secretData", "{}").put("credentialData", data);
    }
}
