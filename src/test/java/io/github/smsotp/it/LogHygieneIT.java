package io.github.smsotp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.github.smsotp.it.GatewayStub.Received;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs after every other test class (see junit-platform.properties): no code the HTTP sender
 * delivered and no full number it delivered to appears anywhere in the server's output or in the
 * test realm's stored events.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(KeycloakExtension.class)
class LogHygieneIT {

    private final KeycloakServer server;

    LogHygieneIT(KeycloakServer server) {
        this.server = server;
    }

    @Test
    void serverLogHoldsNoCodeAndNoFullNumber() {
        List<Received> delivered = server.gateway().everything();
        assertThat(delivered).as("the other tests sent SMS through the HTTP sender").isNotEmpty();
        String log = server.log();
        String events = new AdminApi(server).get("/admin/realms/" + SmsLogin.REALM + "/events?max=10000").toString();
        assertThat(events).contains("sms_otp_phone");
        for (Received sms : delivered) {
            for (String output : List.of(log, events)) {
                // As a token of its own: a random six-digit run inside an id is not a leaked code.
                sms.findCode().ifPresent(code ->
                        assertThat(output).doesNotContainPattern("(?<![0-9A-Za-z])" + code + "(?![0-9A-Za-z])"));
                assertThat(output).doesNotContain(sms.to()).doesNotContain(sms.to().substring(2));
            }
        }
        // Failed sends are logged, masked.
        assertThat(log).contains("+1 \u2022\u2022\u2022 \u2022\u2022\u2022 1009");
    }
}
