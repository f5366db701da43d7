package io.github.smsotp.it.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.GatewayStub.Received;
import io.github.smsotp.it.stubs.GatewayStub;
import io.github.smsotp.it.stubs.RealmGateway;
import io.github.smsotp.sender.log.LogSmsSender;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No code the HTTP sender delivered and no full number it delivered to appears anywhere in the
 * server's output or in the stored events: this class's own sign-in, and whatever the classes that
 * ran before it on the same server sent (see junit-platform.properties: last, where the classes run
 * in one launch; with parallel forks, after those of its JVM that came first).
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(KeycloakExtension.class)
public class LogHygieneIT {

    private static final String REALM = "sms-log-hygiene";

    private final KeycloakServer server;

    LogHygieneIT(KeycloakServer server) {
        this.server = server;
    }

    @Test
    void serverLogHoldsNoCodeAndNoFullNumber() {
        RealmGateway gateway = new RealmGateway(server, REALM);
        new AdminApi(server).createRealm(REALM, gateway.settings(), realm -> { });
        SmsLogin login = new SmsLogin(server, REALM, "user30", null);
        Page page = login.passwordStep("it-app");
        assertThat(login.enter(page, gateway.awaitCode(login.phone())).loggedIn()).isTrue();

        List<Received> delivered = server.gateway().everything();
        // The log sender's one job is to print the SMS, number and code (development mode only; a
        // production server refuses it). Another class may send to a number through it that this
        // gateway also delivered to: its lines are not a leak.
        String log = server.log().lines().filter(line -> !line.contains(LogSmsSender.SIMULATED))
                .collect(Collectors.joining("\n"));
        StringBuilder events = new StringBuilder();
        for (String realm : List.of(REALM, SmsLogin.REALM)) {
            events.append(new AdminApi(server).get("/admin/realms/" + realm + "/events?max=10000"));
        }
        assertThat(events.toString()).contains("sms_otp_phone");
        for (Received sms : delivered) {
            for (String output : List.of(log, events.toString())) {
                // As a token of its own: a random six-digit run inside an id is not a leaked code.
                sms.findCode().ifPresent(code ->
                        assertThat(output).doesNotContainPattern("(?<![0-9A-Za-z])" + code + "(?![0-9A-Za-z])"));
                assertThat(output).doesNotContain(sms.to()).doesNotContain(sms.to().substring(2));
            }
        }
    }
}
