package io.github.smsotp.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test realm's codes live 60 s, the shortest lifetime an admin can set. */
@ExtendWith(KeycloakExtension.class)
public class CodeExpiryIT {

    private final KeycloakServer server;

    CodeExpiryIT(KeycloakServer server) {
        this.server = server;
    }

    @Test
    void anExpiredCodeIsRefusedAndStaysRefused() throws InterruptedException {
        SmsLogin login = new SmsLogin(server, "user08");
        Page page = login.codePage();
        String code = server.gateway().to(login.phone()).get(0).code();

        Thread.sleep(61_000);
        Page expired = login.enter(page, code);
        assertThat(expired.loggedIn()).isFalse();
        assertThat(expired.text()).contains("This code has expired. Request a new code.");

        Page again = login.browser().post(expired.form("kc-sms-otp-resend-form").absUrl("action"),
                java.util.Map.of("code", code));
        assertThat(again.loggedIn()).isFalse();
        assertThat(again.text()).contains("There is no valid code");
    }
}
