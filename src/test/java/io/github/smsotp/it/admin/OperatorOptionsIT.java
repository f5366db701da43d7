package io.github.smsotp.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.JsonHttp;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.harness.ReleaseMatrix;
import io.github.smsotp.it.harness.TestServer;
import io.github.smsotp.it.stubs.GatewayStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a production server's operator decides and realm admins cannot change, on a server of this
 * class's own:
 * <ul>
 *   <li>the {@code log} sender prints codes and full numbers, enough to finish a phone sign-in, so
 *       a realm admin may not choose it; only the operator can allow it
 *       ({@code --spi-sms-sender--log--allow-in-production=true}, which the shared test server sets
 *       for the demo realm, and this one does not);</li>
 *   <li>where the operator lists the gateway hosts ({@code --spi-sms-sender--http--allowed-hosts},
 *       here 127.0.0.1 only), no sender setting can point a gateway, and the secret it carries,
 *       at another host. The shared test server has no list: there, any host is taken, as before.</li>
 * </ul>
 */
@Tag(ReleaseMatrix.BUILT_RELEASE_ONLY)
@ExtendWith(KeycloakExtension.class)
public class OperatorOptionsIT {

    private static final String OPTION = "--spi-sms-sender--log--allow-in-production=true";
    private static final String HOSTS_OPTION = "--spi-sms-sender--http--allowed-hosts";
    private static final String PHONE = "+12015558831";
    private static final String ELSEWHERE = "http://gateway.example.org/sms";

    private static GatewayStub gateway;
    private static KeycloakServer server;

    @BeforeAll
    static void startServerWithoutTheOption() throws Exception {
        gateway = new GatewayStub();
        try {
            server = TestServer.start(KeycloakServer.runDir().resolve("server-operator-options"), gateway, false,
                    HOSTS_OPTION + "=127.0.0.1", "--spi-sms-voice-sender--http--allowed-hosts=127.0.0.1");
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

    @Test
    void aGatewayHostOffTheOperatorsListIsRefusedAtSaveAndAtSendAndNothingGoesThere(KeycloakServer shared) {
        AdminApi admin = new AdminApi(server);
        String realm = "sms-hosts";
        admin.createRealm(realm, Map.of("http.url", ELSEWHERE), r -> { });
        HttpResponse<String> saved = admin.sms(realm, "PUT", "settings",
                "{\"sender\":\"http\",\"http.url\":\"" + ELSEWHERE + "\",\"http.auth-value\":\"Bearer realm-token\"}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(400);
        assertThat(JsonHttp.read(saved.body()).path("field").asText()).isEqualTo("http.url");
        assertThat(saved.body()).contains("gateway.example.org").contains(HOSTS_OPTION);
        HttpResponse<String> voice = admin.sms(realm, "PUT", "settings", "{\"sender\":\"http\",\"http.url\":"
                + "\"http://127.0.0.1:" + gateway.port() + "/sms\",\"voice-fallback\":\"always\",\"voice.url\":\""
                + ELSEWHERE + "\"}");
        assertThat(voice.statusCode()).as("the voice sender's list: " + voice.body()).isEqualTo(400);
        HttpResponse<String> listed = admin.sms(realm, "PUT", "settings",
                "{\"sender\":\"http\",\"http.url\":\"http://127.0.0.1:" + gateway.port() + "/sms\"}");
        assertThat(listed.statusCode()).as("a listed host: " + listed.body()).isEqualTo(200);

        // A step whose own settings name another host (saved before the list, or in an override): refused at send.
        HttpResponse<String> test = admin.sms(realm, "POST", "test-sms", "{\"to\":\"+12015558832\"}");
        assertThat(test.statusCode()).isEqualTo(200);
        assertThat(JsonHttp.read(test.body()).path("outcome").asText()).isEqualTo("sent");
        Page page = new SmsLogin(server, realm, "user22", null).passwordStep("it-app");
        assertThat(page.text()).contains("Sign-in with an SMS code is not available right now.");
        assertThat(server.log()).contains("SMS step in realm '" + realm + "' is misconfigured: SMS OTP setting 'http.url' "
                + "names the host 'gateway.example.org'");

        // Without the list (the shared test server), any host is taken, as before.
        AdminApi sharedAdmin = new AdminApi(shared);
        sharedAdmin.createRealm(realm, Map.of(), r -> { });
        assertThat(sharedAdmin.sms(realm, "PUT", "settings", "{\"sender\":\"http\",\"http.url\":\"" + ELSEWHERE + "\"}")
                .statusCode()).isEqualTo(200);
    }
}
