package io.github.smsotp.it.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.PrometheusScrape;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.login.SmsCodeLoginIT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What an operator's Prometheus scrapes from the management interface after real logins. */
@ExtendWith(KeycloakExtension.class)
public class MetricsIT {

    private final KeycloakServer server;

    MetricsIT(KeycloakServer server) {
        this.server = server;
    }

    @Test
    void loginsShowUpAsSendsVerificationsRefusalsAndSendLatency() {
        PrometheusScrape before = PrometheusScrape.of(server);

        SmsLogin login = new SmsLogin(server, "user31");
        Page page = login.codePage();
        String code = server.gateway().to(login.phone()).get(0).code();
        page = login.resend(page); // inside the cooldown: refused, nothing sent
        page = login.enter(page, SmsCodeLoginIT.otherThan(code));
        assertThat(login.enter(page, code).loggedIn()).isTrue();

        PrometheusScrape after = PrometheusScrape.of(server);
        Map<String, String> realm = Map.of("realm", SmsLogin.REALM);
        assertThat(after.since(before, "sms_otp_codes_sent_total", Map.of("realm", SmsLogin.REALM, "sender", "http")))
                .isEqualTo(1);
        assertThat(after.since(before, "sms_otp_sends_refused_total", Map.of("realm", SmsLogin.REALM, "limit", "cooldown")))
                .isEqualTo(1);
        assertThat(after.since(before, "sms_otp_verifications_total", Map.of("realm", SmsLogin.REALM, "outcome", "wrong")))
                .isEqualTo(1);
        assertThat(after.since(before, "sms_otp_verifications_total", Map.of("realm", SmsLogin.REALM, "outcome", "verified")))
                .isEqualTo(1);
        assertThat(after.since(before, "sms_otp_send_duration_seconds_count", Map.of("sender", "http", "outcome", "success")))
                .isEqualTo(1);
        assertThat(after.sum("sms_otp_send_duration_seconds_sum", Map.of("sender", "http"))).isPositive();
        assertThat(after.since(before, "sms_otp_send_failures_total", realm)).isZero();
        // Only bounded labels: no number, user or code ever becomes a label value.
        assertThat(after.exposition()).doesNotContain(login.phone()).doesNotContain("user31").doesNotContain(code + "\"");
    }
}
