package io.github.smsotp.it.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.Chromium;
import io.github.smsotp.it.clients.JsonHttp;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.GatewayStub.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The code page never waits for the gateway: the code goes out after the page is answered. A failing
 * or silent gateway never lets the user in; its failure shows on the open page and on the next one,
 * and the login recovers with the gateway.
 */
@ExtendWith(KeycloakExtension.class)
public class GatewayFailureIT {

    private static final String COULD_NOT_SEND = "We could not send the SMS. Please try again in a moment.";

    private final KeycloakServer server;
    private final AdminApi admin;

    GatewayFailureIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @AfterEach
    void gatewayWorksAgain() {
        server.gateway().mode(Mode.ACCEPT);
    }

    @Test
    void theCodePageComesWhileTheGatewayStillHoldsTheSend() {
        // A sender timeout longer than anything the page could take: the send is still open when the page is read.
        String realm = "sms-gateway-holding";
        admin.createRealm(realm, Map.of("http.timeout-ms", "8000"), r -> { });
        SmsLogin login = new SmsLogin(server, realm, "user08", null);
        login.browser().ignoringSendStatus();

        server.gateway().mode(Mode.HANG);
        Page page = login.passwordStep("it-app");

        assertThat(page.has("#kc-sms-otp-form")).as(page.text()).isTrue();
        String statusUrl = page.html().selectFirst("#sms-otp-send-failed").attr("data-status-url");
        assertThat(JsonHttp.read(login.browser().get(statusUrl).body()).path("status").asText())
                .as("the gateway (holding each send 10 s) has not answered yet").isEqualTo("pending");
    }

    @Test
    void errorThenTimeoutShowCouldNotSendOnTheNextPageAndTheUserSucceedsAfterRecovery() {
        // A short sender timeout of its own: the shared realm's is generous, for busy machines.
        String realm = "sms-gateway-failure";
        admin.createRealm(realm, Map.of("http.timeout-ms", "1500", "resend-cooldown-seconds", "600"), r -> { });
        SmsLogin login = new SmsLogin(server, realm, "user09", null);

        server.gateway().mode(Mode.FAIL_500);
        Page failed = login.reload(login.passwordStep("it-app"));
        assertCouldNotSend(failed);

        server.gateway().mode(Mode.HANG);
        Page timedOut = login.reload(login.resend(failed));
        assertCouldNotSend(timedOut);

        server.gateway().mode(Mode.ACCEPT);
        Page recovered = login.resend(timedOut);
        assertThat(recovered.has("#kc-sms-otp-form")).as("after failed sends, the cooldown of 600 s does not hold "
                + "\"Try again\" back: %s", recovered.text()).isTrue();
        assertThat(server.gateway().to(login.phone())).hasSize(1);

        Page done = login.enter(recovered, server.gateway().to(login.phone()).get(0).code());
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        assertThat(server.log()).contains("answered HTTP 500 (to +1 \u2022\u2022\u2022 \u2022\u2022\u2022 1009)")
                .contains("did not answer within 1500 ms (to +1 \u2022\u2022\u2022 \u2022\u2022\u2022 1009)");
        assertThat(admin.events(realm, "user09").stream().filter(e -> e.path("error").asText()
                .equals("sms_otp_send_failed")).map(e -> e.path("details").path("sms_otp_reason").asText()))
                .as("each failed send is an error event of the user, naming the sender").containsExactly("http", "http");
    }

    @Test
    void inChromiumTheOpenCodePageShowsAFailedSendWithoutAReload() throws Exception {
        String realm = "sms-gateway-failure-chromium";
        admin.createRealm(realm, Map.of("http.timeout-ms", "1500", "resend-cooldown-seconds", "600"), r -> { });
        server.gateway().mode(Mode.FAIL_500);
        try (Chromium browser = Chromium.start("en")) {
            browser.open(server.baseUrl() + "/realms/" + realm + "/account/");
            browser.type(By.id("username"), "user10");
            browser.type(By.id("password"), "pass-10");
            browser.submit(By.id("kc-login"));
            browser.await(By.id("sms-otp-destination"));
            String page = browser.url();

            browser.await(By.id("sms-otp-send-failed"));
            assertThat(browser.text(By.id("sms-otp-send-failed"))).isEqualTo(COULD_NOT_SEND);
            browser.awaitGone(By.id("kc-sms-otp-form"));
            assertThat(browser.text(By.id("kc-sms-otp-resend"))).isEqualTo("Try again");
            assertThat(browser.url()).as("no reload").isEqualTo(page);
            browser.screenshot("code-page-send-failed");

            server.gateway().mode(Mode.ACCEPT);
            browser.submit(By.id("kc-sms-otp-resend"));
            browser.await(By.id("kc-sms-otp-form"));
            await().atMost(Duration.ofSeconds(30)).until(() -> !server.gateway().to(SmsLogin.phoneOf("user10")).isEmpty());
            browser.type(By.id("code"), server.gateway().to(SmsLogin.phoneOf("user10")).get(0).code());
            browser.submit(By.id("kc-sms-otp-submit"));
            browser.awaitText("Personal info");
        }
    }

    private static void assertCouldNotSend(Page page) {
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.loggedIn()).isFalse();
        assertThat(page.text()).contains(COULD_NOT_SEND);
        assertThat(page.has("#kc-sms-otp-form")).as("no code can be entered").isFalse();
        assertThat(page.textOf("#kc-sms-otp-resend")).isEqualTo("Try again");
    }
}
