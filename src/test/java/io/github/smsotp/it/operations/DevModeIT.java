package io.github.smsotp.it.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.AdminConsole;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.Chromium;
import io.github.smsotp.it.clients.JsonHttp;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.harness.ReleaseMatrix;
import io.github.smsotp.it.harness.SetupTimes;
import io.github.smsotp.it.harness.TestFiles;
import io.github.smsotp.it.stubs.GatewayStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * {@code kc.sh start-dev}, as the demo runs it, on a copy of the distribution (the shared test server
 * keeps its optimized production build): the log sender stays the default, so a fresh realm works
 * without a gateway and the code is printed to the console; the admin console shows the SMS tab.
 */
@Tag(ReleaseMatrix.BUILT_RELEASE_ONLY)
public class DevModeIT {

    /** The demo realm with no sender named anywhere, under a name of its own. */
    private static final String REALM = "sms-dev";
    private static final String PHONE = "+12015550124";
    /** The demo realm under another name, for the admin's changes. */
    private static final String ADMIN_REALM = "sms-dev-admin";
    private static final String ADMIN_REALM_PHONE = "+12015550125";
    /** Created empty by the test that sets it up as the README says. */
    private static final String NEW_REALM = "sms-dev-new";

    private static Duration install;

    private static GatewayStub gateway;
    private static KeycloakServer server;

    @BeforeAll
    static void startDevServer() throws Exception {
        Path dir = KeycloakServer.runDir().resolve("dev");
        Path home = dir.resolve("keycloak");
        TestFiles.deleteTree(home);
        TestFiles.copyTree(KeycloakServer.distribution(), home);
        gateway = new GatewayStub();
        server = new KeycloakServer(home, dir.resolve("keycloak-dev.log"), gateway);
        long installing = System.nanoTime();
        server.installProviders();
        install = Duration.ofNanos(System.nanoTime() - installing);
        server.clearImports();
        Path demo = KeycloakServer.projectDir().resolve("realm-export/sms-demo-realm.json");
        server.importRealm(demo);
        server.importRealm(copy(demo, dir.resolve(REALM + ".json"), REALM, PHONE, true));
        server.importRealm(copy(demo, dir.resolve(ADMIN_REALM + ".json"), ADMIN_REALM, ADMIN_REALM_PHONE, false));
        // As the demo: the admin console shows extension tabs (Realm settings > SMS) with this feature only.
        server.startDev("--db=dev-mem", "--health-enabled=true", "--import-realm", "--features=declarative-ui");
    }

    @AfterAll
    static void stopDevServer() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aStepWithoutASenderPrintsTheCodeToTheConsole() {
        DemoRealmIT.signsInWithTheCodeFromTheConsole(server, REALM, PHONE);
        assertThat(gateway.all()).isEmpty();
    }

    @Test
    void theDemoRealmSignsInWithTheCodeFromTheConsole() {
        DemoRealmIT.signsInWithTheCodeFromTheConsole(server, "sms-demo", "+12015550123");
    }

    @Test
    void developmentModeStartsWithoutTheProductionWarning() {
        assertThat(server.log()).doesNotContain("SMS sender is enabled in production mode");
    }

    @Test
    void anAdminChangesTheCodeLengthInTheSmsTabABadValueIsRefusedAndTheNextLoginUsesTheSavedOne() throws Exception {
        try (Chromium browser = Chromium.start("en")) {
            browser.open(server.baseUrl() + "/admin/master/console/#/" + ADMIN_REALM + "/realm-settings/sms");
            browser.type(By.id("username"), "admin");
            browser.type(By.id("password"), "admin");
            browser.submit(By.id("kc-login"));
            browser.awaitText("Code length");
            By codeLength = By.cssSelector("[data-testid='code-length'], #code-length");
            browser.type(codeLength, "12");
            browser.click(By.cssSelector("[data-testid='save']"));
            browser.awaitText("SMS OTP setting 'code-length' must be a whole number from 6 to 10, was '12'");
            browser.screenshot("admin-sms-tab-refused");

            browser.type(codeLength, "8");
            browser.screenshot("admin-sms-tab");
            browser.click(By.cssSelector("[data-testid='save']"));
            browser.awaitText("Saved successfully");
        }
        assertThat(new AdminApi(server).smsSettings(ADMIN_REALM)).containsEntry("code-length", "8");

        Browser user = new Browser();
        Page codePage = user.submit(DemoRealmIT.accountLogin(server, user, ADMIN_REALM), "kc-form-login",
                Map.of("username", "demo", "password", "demo"));
        Matcher sms = Pattern.compile("SIMULATED SMS .* to " + Pattern.quote(ADMIN_REALM_PHONE) + ": ([0-9]+) ")
                .matcher(server.log());
        assertThat(sms.find()).as("the code printed to the console").isTrue();
        assertThat(sms.group(1)).hasSize(8);
        assertThat(user.submit(codePage, "kc-sms-otp-form", Map.of("code", sms.group(1))).uri().toString())
                .contains("code=");
    }

    /**
     * The README's setup of a new realm, timed: with the JAR installed, an admin picks a sender in the
     * SMS tab and adds the step to a copy of the browser flow, nothing else; a user without a number
     * then adds one and signs in with the code. A test SMS shows up among the admin events.
     */
    @Test
    void anAdminSetsUpANewRealmAsTheReadmeSaysAndItsUsersSignInWithSms() throws Exception {
        AdminApi api = new AdminApi(server);
        api.createEmptyRealm(NEW_REALM);
        api.addUser(NEW_REALM, "newcomer", "pass-newcomer");
        SetupTimes times = new SetupTimes();
        try (Chromium browser = Chromium.start("en")) {
            AdminConsole console = new AdminConsole(browser, server, NEW_REALM);
            times.lap("sign in to the admin console");
            console.pickSender("log");
            times.lap("Realm settings > SMS: pick the sender, save");
            console.duplicateBrowserFlow("browser with sms");
            times.lap("Authentication: duplicate the browser flow, open the copy");
            console.addRequiredStep("browser with sms forms", "SMS one-time code", "sms-otp-code");
            times.lap("add the SMS step to its forms, Required");
            console.bindAsBrowserFlow();
            times.lap("Action > Bind flow: browser flow");
        }
        times.report(install, server.startTime());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/admin/realms/" + NEW_REALM).path("browserFlow").asText().equals("browser with sms"));

        Browser user = new Browser();
        Page enroll = user.submit(DemoRealmIT.accountLogin(server, user, NEW_REALM), "kc-form-login",
                Map.of("username", "newcomer", "password", "pass-newcomer"));
        assertThat(enroll.has("#kc-sms-otp-enroll-form")).as(enroll.text()).isTrue();
        Page confirm = user.submit(enroll, "kc-sms-otp-enroll-form", Map.of("phone", "+1 201 555 0126"));
        Matcher sms = Pattern.compile("SIMULATED SMS .* to \\+12015550126: ([0-9]{6}) ").matcher(server.log());
        assertThat(sms.find()).as("the enrollment code printed to the console").isTrue();
        assertThat(user.submit(confirm, "kc-sms-otp-form", Map.of("code", sms.group(1))).uri().toString())
                .contains("code=");
        assertThat(api.credentials(NEW_REALM, "newcomer").toString()).contains("sms-otp");

        // A test SMS, answered and recorded as an admin event with the number masked.
        api.put("/admin/realms/" + NEW_REALM + "/events/config",
                "{\"adminEventsEnabled\":true,\"adminEventsDetailsEnabled\":true}");
        HttpResponse<String> sent = api.post("/admin/realms/" + NEW_REALM + "/sms-otp/test-sms",
                "{\"to\":\"+12015550127\",\"text\":\"Test SMS from the admin\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(JsonHttp.read(sent.body()).path("outcome").asText()).isEqualTo("sent");
        try (Chromium browser = Chromium.start("en")) {
            new AdminConsole(browser, server, NEW_REALM).showAdminEvent("sms-otp/test-sms");
            browser.awaitText("\"to\": \"+1 \u2022\u2022\u2022 \u2022\u2022\u2022 0127\"");
            assertThat(browser.pageText()).contains("\"outcome\": \"sent\"").doesNotContain("12015550127");
            browser.screenshot("admin-test-sms");
        }
    }

    /**
     * Writes the demo realm under another name, with its user's number changed and, if asked, no
     * {@code sender} in its SMS settings.
     */
    private static Path copy(Path demo, Path target, String name, String phone, boolean withoutSender) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode realm = (ObjectNode) json.readTree(Files.readString(demo).replace("sms-demo", name));
        for (JsonNode settings : realm.path("components").withArray(AdminApi.TAB_COMPONENT)) {
            if (withoutSender) {
                ((ObjectNode) settings.path("config")).remove("sender");
            }
        }
        for (JsonNode user : realm.withArray("users")) {
            if (user.path("attributes").has("phone_number")) {
                ((ObjectNode) user.path("attributes")).putArray("phone_number").add(phone);
            }
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, json.writerWithDefaultPrettyPrinter().writeValueAsString(realm));
        return target;
    }
}
