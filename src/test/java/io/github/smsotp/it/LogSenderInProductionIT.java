package io.github.smsotp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.Browser.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A production server as shipped: the {@code log} sender prints codes and full numbers, enough to
 * finish a phone sign-in, so a realm admin may not choose it there; only the operator can allow it
 * ({@code --spi-sms-sender--log--allow-in-production=true}, which the shared test server sets for
 * the demo realm). This class starts a server of its own without that option.
 */
class LogSenderInProductionIT {

    private static final String OPTION = "--spi-sms-sender--log--allow-in-production=true";
    private static final String PHONE = "+12015558831";

    private static GatewayStub gateway;
    private static KeycloakServer server;

    @BeforeAll
    static void startServerWithoutTheOption() throws Exception {
        gateway = new GatewayStub();
        try {
            server = TestServer.start(KeycloakServer.runDir().resolve("server-log-refused"), gateway, false);
        } catch (Exception e) {
            gateway.close();
            throw e;
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        try {
            server.stop();
        } finally {
            gateway.close();
        }
    }

    @Test
    void startUpSaysTheLogSenderIsRefusedAndWhichOptionAllowsIt() {
        assertThat(server.log()).contains("The 'log' SMS sender is refused in production mode").contains(OPTION);
    }

    @Test
    void choosingItIsRefusedAtSaveWithTheOptionNamed() {
        AdminApi admin = new AdminApi(server);
        String realm = "sms-log-save";
        admin.createRealm(realm, Map.of(), r -> { });
        String http = "\"http.url\":\"http://127.0.0.1:" + gateway.port() + "/sms\"";
        Map<String, String> choices = Map.of("sender", "{\"sender\":\"log\"}",
                "fallback-sender", "{\"sender\":\"http\"," + http + ",\"fallback-sender\":\"log\"}");
        for (Map.Entry<String, String> choice : choices.entrySet()) {
            String key = choice.getKey();
            HttpResponse<String> saved = admin.sms(realm, "PUT", "settings", choice.getValue());
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(400);
            assertThat(JsonHttp.read(saved.body()).path("field").asText()).isEqualTo(key);
            assertThat(saved.body()).contains(OPTION);
        }
        assertThat(admin.saveSmsSettings(realm, Map.of("sender", "log")).statusCode())
                .as("the SMS tab's save").isEqualTo(400);
    }

    @Test
    void aStepThatNamesItSendsNothingPrintsNothingAndTheLogNamesTheOption() {
        String realm = "sms-log-send";
        new AdminApi(server).createRealm(realm, Map.of("sender", "log"), r -> {
            for (var user : r.withArray("users")) {
                if (user.path("username").asText().equals("user21")) {
                    ((ObjectNode) user).putObject("attributes")
                            .putArray("phone_number").add(PHONE);
                }
            }
        });

        Page page = new SmsLogin(server, realm, "user21", null).passwordStep("it-app");

        assertThat(page.text()).contains("Sign-in with an SMS code is not available right now.");
        assertThat(page.loggedIn()).isFalse();
        assertThat(server.log()).contains("SMS step in realm '" + realm + "' is misconfigured: SMS OTP setting 'sender' "
                + "names the 'log' sender").contains(OPTION);
        assertThat(server.log()).as("no code printed").doesNotContain("SIMULATED SMS").doesNotContain(PHONE);
    }
}
