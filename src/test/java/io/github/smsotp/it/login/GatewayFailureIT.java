package io.github.smsotp.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.GatewayStub.Mode;
import io.github.smsotp.it.stubs.GatewayStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A failing or silent gateway never lets the user in, and the login recovers with the gateway. */
@ExtendWith(KeycloakExtension.class)
public class GatewayFailureIT {

    private final KeycloakServer server;

    GatewayFailureIT(KeycloakServer server) {
        this.server = server;
    }

    @AfterEach
    void gatewayWorksAgain() {
        server.gateway().mode(Mode.ACCEPT);
    }

    @Test
    void errorThenTimeoutShowCouldNotSendAndTheUserSucceedsAfterRecovery() {
        // A short sender timeout of its own: the shared realm's is generous, for busy machines.
        String realm = "sms-gateway-failure";
        new AdminApi(server).createRealm(realm, Map.of("http.timeout-ms", "1500"), r -> { });
        SmsLogin login = new SmsLogin(server, realm, "user09", null);

        server.gateway().mode(Mode.FAIL_500);
        Page failed = login.passwordStep("it-app");
        assertCouldNotSend(failed);

        server.gateway().mode(Mode.HANG);
        Instant before = Instant.now();
        Page timedOut = login.resend(failed);
        Duration waited = Duration.between(before, Instant.now());
        assertCouldNotSend(timedOut);
        // The realm's sender timeout is 1.5 s: the page comes at least that late, and well before the
        // hanging gateway would let go (a busy machine may add seconds, not the whole hang).
        assertThat(waited).isBetween(Duration.ofMillis(1_400), GatewayStub.HANG_TIME.minusSeconds(2));

        server.gateway().mode(Mode.ACCEPT);
        Page recovered = login.resend(timedOut);
        assertThat(recovered.has("#kc-sms-otp-form")).as(recovered.text()).isTrue();
        assertThat(server.gateway().to(login.phone())).hasSize(1);

        Page done = login.enter(recovered, server.gateway().to(login.phone()).get(0).code());
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        assertThat(server.log()).contains("answered HTTP 500 (to +1 \u2022\u2022\u2022 \u2022\u2022\u2022 1009)")
                .contains("did not answer within 1500 ms (to +1 \u2022\u2022\u2022 \u2022\u2022\u2022 1009)");
    }

    private static void assertCouldNotSend(Page page) {
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.loggedIn()).isFalse();
        assertThat(page.text()).contains("We could not send the SMS. Please try again in a moment.");
        assertThat(page.has("#kc-sms-otp-form")).as("no code can be entered").isFalse();
        assertThat(page.textOf("#kc-sms-otp-resend")).isEqualTo("Try again");
    }
}
