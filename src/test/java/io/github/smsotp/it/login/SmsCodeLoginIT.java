package io.github.smsotp.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.harness.ReleaseMatrix;
import io.github.smsotp.it.stubs.GatewayStub.Received;
import io.github.smsotp.it.stubs.GatewayStub;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SMS step on the real server with the HTTP sender and the loopback gateway. */
@Tag(ReleaseMatrix.CONTAINER_PATH)
@ExtendWith(KeycloakExtension.class)
public class SmsCodeLoginIT {

    private final KeycloakServer server;

    SmsCodeLoginIT(KeycloakServer server) {
        this.server = server;
    }

    @Test
    void userReceivesOneSmsAndSignsInWithTheCode() {
        SmsLogin login = new SmsLogin(server, "user01");
        Page page = login.codePage();

        assertThat(page.textOf("#sms-otp-destination")).contains("+1 \u2022\u2022\u2022 \u2022\u2022\u2022 1001");
        assertThat(page.text().split("1001", -1)).as("the number, said once: " + page.text()).hasSize(2);
        assertThat(page.body()).doesNotContain(login.phone());
        assertThat(page.html().selectFirst("#code").attributes().asList())
                .extracting(a -> a.getKey() + "=" + a.getValue())
                .contains("autocomplete=one-time-code", "inputmode=numeric");
        List<Received> sms = server.gateway().to(login.phone());
        assertThat(sms).hasSize(1);
        assertThat(sms.get(0).method()).isEqualTo("POST");
        assertThat(sms.get(0).header("Authorization")).isEqualTo("Bearer it-token");
        assertThat(sms.get(0).header("Content-Type")).startsWith("application/json");
        assertThat(sms.get(0).text()).contains("sign-in code").contains("expires in 1 minutes");

        Page done = login.enter(page, sms.get(0).code());
        assertThat(done.loggedIn()).as(done.text()).isTrue();
    }

    @Test
    void wrongCodeShowsFieldErrorAndTheRightCodeStillWorks() {
        SmsLogin login = new SmsLogin(server, "user02");
        Page page = login.codePage();
        String code = server.gateway().to(login.phone()).get(0).code();

        Page wrong = login.enter(page, otherThan(code));
        assertThat(wrong.loggedIn()).isFalse();
        assertThat(wrong.textOf("#input-error-code")).isEqualTo("That code is not right.");

        Page done = login.enter(wrong, code);
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        assertThat(server.gateway().to(login.phone())).hasSize(1);
    }

    @Test
    void exhaustedAttemptsKillTheCodeUntilANewOneIsRequested() throws InterruptedException {
        SmsLogin login = new SmsLogin(server, "user03");
        Page page = login.codePage();
        String code = server.gateway().to(login.phone()).get(0).code();

        for (int i = 0; i < 3; i++) {
            page = login.enter(page, otherThan(code));
        }
        assertThat(page.text()).contains("Too many wrong codes. Request a new code.");
        assertThat(page.has("#kc-sms-otp-form")).isFalse();

        // The right code no longer works, even posted straight to the form's action.
        Page late = login.browser().post(page.form("kc-sms-otp-resend-form").absUrl("action"), Map.of("code", code));
        assertThat(late.loggedIn()).isFalse();
        assertThat(late.text()).contains("There is no valid code");

        Thread.sleep(3_100);
        Page fresh = login.resend(late);
        List<Received> sms = server.gateway().to(login.phone());
        assertThat(sms).hasSize(2);
        Page done = login.enter(fresh, sms.get(1).code());
        assertThat(done.loggedIn()).as(done.text()).isTrue();
    }

    @Test
    void reloadingOrRepostingThePageSendsNothing() {
        SmsLogin login = new SmsLogin(server, "user04");
        Page page = login.codePage();

        // A reload of a page that came from a POST is Keycloak's "page has expired" with a link that
        // runs the current step again: that must show the page without sending.
        Page continued = login.reload(page);
        assertThat(continued.has("#kc-sms-otp-form")).as(continued.text()).isTrue();
        // The form of the page before the reload, posted again as a browser's "resubmit" does.
        Page stale = login.browser().submit(page, "kc-sms-otp-form", Map.of());
        assertThat(stale.has("#kc-sms-otp-form")).as(stale.text()).isTrue();
        Page empty = login.browser().submit(stale, "kc-sms-otp-form", Map.of());
        assertThat(empty.textOf("#input-error-code")).contains("Enter the code from the SMS.");

        assertThat(server.gateway().to(login.phone())).hasSize(1);
        Page done = login.enter(empty, server.gateway().to(login.phone()).get(0).code());
        assertThat(done.loggedIn()).as(done.text()).isTrue();
    }

    @Test
    void resendDuringCooldownSendsNothingAndSaysHowLongToWait() {
        SmsLogin login = new SmsLogin(server, "user05");
        Page page = login.codePage();
        assertThat(page.textOf("#kc-sms-otp-resend")).matches("Send a new code \\(in [1-3] s\\)");

        Page early = login.resend(page);
        assertThat(early.text()).containsPattern("Please wait [1-3] seconds before requesting another code.");
        assertThat(server.gateway().to(login.phone())).hasSize(1);
    }

    @Test
    void resendAfterCooldownSendsANewCodeAndTheOldOneStopsWorking() throws InterruptedException {
        SmsLogin login = new SmsLogin(server, "user06");
        Page page = login.codePage();
        Thread.sleep(3_100);

        Page resent = login.resend(page);
        List<Received> sms = server.gateway().to(login.phone());
        assertThat(sms).hasSize(2);
        assertThat(resent.text()).contains("A new code is on its way.");
        assertThat(resent.text().split("1006", -1)).as("the number, said once: " + resent.text()).hasSize(2);

        String oldCode = sms.get(0).code();
        String newCode = sms.get(1).code();
        if (!oldCode.equals(newCode)) {
            Page old = login.enter(resent, oldCode);
            assertThat(old.loggedIn()).isFalse();
            assertThat(old.textOf("#input-error-code")).contains("not right");
            resent = old;
        }
        Page done = login.enter(resent, newCode);
        assertThat(done.loggedIn()).as(done.text()).isTrue();
    }

    @Test
    void sendsPerLoginAreCapped() throws InterruptedException {
        SmsLogin login = new SmsLogin(server, "user07");
        Page page = login.codePage();
        for (int sent = 1; sent < 6; sent++) {
            Thread.sleep(3_100);
            page = login.resend(page);
        }
        assertThat(server.gateway().to(login.phone())).hasSize(6);
        assertThat(page.has("#kc-sms-otp-resend")).as("no resend button once the cap is reached").isFalse();

        Thread.sleep(3_100);
        Page refused = login.browser().post(page.form("kc-sms-otp-form").absUrl("action"), Map.of("resend", "true"));
        assertThat(refused.text()).contains("You have requested the most codes allowed for one sign-in.");
        assertThat(server.gateway().to(login.phone())).hasSize(6);
    }

    /** A code of the same length that differs in every digit. */
    public static String otherThan(String code) {
        StringBuilder other = new StringBuilder();
        for (char c : code.toCharArray()) {
            other.append((char) ('0' + (c - '0' + 1) % 10));
        }
        return other.toString();
    }
}
