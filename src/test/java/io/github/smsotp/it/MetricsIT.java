package io.github.smsotp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.smsotp.it.Browser.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What an operator's Prometheus scrapes from the management interface after real logins. */
@ExtendWith(KeycloakExtension.class)
class MetricsIT {

    /** One sample line of the Prometheus text format: name, labels, value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)\\{([^}]*)} ([0-9.eE+-]+)$", Pattern.MULTILINE);

    private final KeycloakServer server;

    MetricsIT(KeycloakServer server) {
        this.server = server;
    }

    @Test
    void loginsShowUpAsSendsVerificationsRefusalsAndSendLatency() {
        String before = scrape();

        SmsLogin login = new SmsLogin(server, "user31");
        Page page = login.codePage();
        String code = server.gateway().to(login.phone()).get(0).code();
        page = login.resend(page); // inside the cooldown: refused, nothing sent
        page = login.enter(page, SmsCodeLoginIT.otherThan(code));
        assertThat(login.enter(page, code).loggedIn()).isTrue();

        String after = scrape();
        Map<String, String> realm = Map.of("realm", SmsLogin.REALM);
        assertThat(delta(before, after, "sms_otp_codes_sent_total", Map.of("realm", SmsLogin.REALM, "sender", "http")))
                .isEqualTo(1);
        assertThat(delta(before, after, "sms_otp_sends_refused_total", Map.of("realm", SmsLogin.REALM, "limit", "cooldown")))
                .isEqualTo(1);
        assertThat(delta(before, after, "sms_otp_verifications_total", Map.of("realm", SmsLogin.REALM, "outcome", "wrong")))
                .isEqualTo(1);
        assertThat(delta(before, after, "sms_otp_verifications_total", Map.of("realm", SmsLogin.REALM, "outcome", "verified")))
                .isEqualTo(1);
        assertThat(delta(before, after, "sms_otp_send_duration_seconds_count", Map.of("sender", "http", "outcome", "success")))
                .isEqualTo(1);
        assertThat(sum(after, "sms_otp_send_duration_seconds_sum", Map.of("sender", "http"))).isPositive();
        assertThat(delta(before, after, "sms_otp_send_failures_total", realm)).isZero();
        // Only bounded labels: no number, user or code ever becomes a label value.
        assertThat(after).doesNotContain(login.phone()).doesNotContain("user31").doesNotContain(code + "\"");
    }

    private String scrape() {
        HttpResponse<String> response = JsonHttp.send(HttpRequest.newBuilder(URI.create(server.managementUrl() + "/metrics")));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static double delta(String before, String after, String name, Map<String, String> labels) {
        return sum(after, name, labels) - sum(before, name, labels);
    }

    /** The sum over every sample of {@code name} whose labels include all of {@code labels}. */
    private static double sum(String exposition, String name, Map<String, String> labels) {
        double total = 0;
        Matcher sample = SAMPLE.matcher(exposition);
        while (sample.find()) {
            String labelText = sample.group(2);
            boolean matches = sample.group(1).equals(name) && labels.entrySet().stream()
                    .allMatch(label -> labelText.contains(label.getKey() + "=\"" + label.getValue() + "\""));
            if (matches) {
                total += Double.parseDouble(sample.group(3));
            }
        }
        return total;
    }
}
