package io.github.smsotp.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.GuessRace;
import io.github.smsotp.it.clients.KeycloakFormRaces;
import io.github.smsotp.it.clients.KeycloakOtpForm;
import io.github.smsotp.it.clients.PrometheusScrape;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.GatewayStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A code works once, in the tab it was sent for, however requests race. */
@ExtendWith(KeycloakExtension.class)
public class ConcurrencyIT {

    private final KeycloakServer server;
    private final AdminApi admin;
    private final KeycloakFormRaces keycloakRaces;
    private final GuessRace racers;

    ConcurrencyIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
        this.keycloakRaces = new KeycloakFormRaces(server);
        this.racers = new GuessRace(keycloakRaces);
    }

    /** Every server error a racer met must be Keycloak's own form race, not the step's. */
    @AfterEach
    void everyServerErrorWasKeycloaksFormRace() {
        keycloakRaces.assertAllExplained();
    }

    /**
     * Sixteen racers post the right code at once, each from its own copy of the code page's cookies.
     * What proves single use is that the step verified the code once. Logins are counted only to
     * compare with Keycloak's own OTP form raced alike: a racer can end up signed in without any
     * code being accepted for it, by Keycloak's handling of a login the winner already finished.
     */
    @Test
    void sixteenSimultaneousSubmissionsOfTheRightCodeVerifyItExactlyOnce() throws Exception {
        String realm = "sms-race";
        KeycloakOtpForm otpForm = new KeycloakOtpForm(30);
        admin.createRealm(realm, Map.of("limit-user-sends-per-hour", "0"), otpForm.addTo());
        int smsLogins = 0;
        int otpLogins = 0;
        // Several rounds: one race can go in order by chance.
        for (int round = 0; round < 5; round++) {
            SmsLogin sms = new SmsLogin(server, realm, "user11", null);
            Page page = sms.codePage();
            List<GatewayStub.Received> sent = server.gateway().to(sms.phone());
            PrometheusScrape before = PrometheusScrape.of(server);
            int logins = racers.race(sms.browser(), 16, page.form("kc-sms-otp-form").absUrl("action"),
                    Map.of("code", sent.get(sent.size() - 1).code()));
            PrometheusScrape after = PrometheusScrape.of(server);
            assertThat(after.since(before, "sms_otp_verifications_total", Map.of("realm", realm, "outcome", "verified")))
                    .as("verifications in round %d", round).isEqualTo(1);
            smsLogins += logins;

            // Keycloak's OTP form, raced the same way (a user of its own each round: a TOTP code works once).
            SmsLogin otp = new SmsLogin(server, realm, "user2" + round, null);
            Page otpPage = KeycloakOtpForm.codePage(otp);
            otpLogins += racers.race(otp.browser(), 16, otpPage.form("kc-otp-login-form").absUrl("action"),
                    Map.of("otp", otpForm.currentCode()));
        }
        // Logins are Keycloak's to give: compared, not asserted. A round can end with none signed in
        // (seen once in 16 runs: the verifying racer's request did not end at the client).
        System.out.printf("Right-code races, 5 rounds of 16: SMS step %d logins (5 verifications), "
                + "Keycloak OTP form %d logins%n", smsLogins, otpLogins);
    }

    /**
     * An attacker with copies of a victim's cookies posts twenty wrong guesses at once, more than the
     * code's five tries, sending again with the current form whatever Keycloak bounced as stale (only
     * requests that reach the step together are checked together). However they interleave, the code
     * gives five comparisons in all, and every guess the step checked counts towards the lockout.
     */
    @Test
    void twentyParallelWrongGuessesGetFiveTriesInAllAndEachCountsTowardsTheLockout() throws Exception {
        String realm = "sms-guess-race";
        int lockoutAfter = 30;
        admin.createRealm(realm, Map.of("attempts-per-code", "5", "lockout-after-failures", String.valueOf(lockoutAfter),
                "resend-cooldown-seconds", "0"), r -> { });
        SmsLogin victim = new SmsLogin(server, realm, "user33", null);
        Page page = victim.codePage();
        List<GatewayStub.Received> sent = server.gateway().to(victim.phone());
        int sentBefore = sent.size();
        String code = sent.get(sentBefore - 1).code();
        String wrong = SmsCodeLoginIT.otherThan(code);

        List<Page> answers = racers.guess(victim, 20, page, wrong, List.of(UnaryOperator.identity()));
        assertThat(answers).as("guesses the step checked").hasSize(20);
        assertThat(answers.stream().filter(a -> a.text().contains(GuessRace.WRONG_CODE)))
                .as("wrong-code answers: the fifth try used the code up").hasSizeLessThanOrEqualTo(4);
        List<String> reasons = admin.reasons(realm, "user33");
        assertThat(reasons.stream().filter("wrong"::equals))
                .as("guesses compared with a live code, of %s", reasons).hasSizeLessThanOrEqualTo(4);
        int checked = reasons.size();

        Page refused = victim.post(victim.reload(page), Map.of("code", code));
        assertThat(refused.loggedIn()).as("the right code after the code was used up: %s", refused.text()).isFalse();

        // Our lockout has counted every checked guess and the refused code: the rest of the 30 lock,
        // and the request after the one that locked finds the lockout in force.
        int more = 0;
        Page answer = refused;
        while (!answer.text().contains("Too many wrong codes. Please try again in") && more <= lockoutAfter) {
            answer = victim.post(victim.reload(page), Map.of("code", wrong));
            more++;
        }
        assertThat(more).as("posts after %d checked guesses and the refused right code until the lockout shows",
                checked).isLessThanOrEqualTo(lockoutAfter - (checked + 1) + 1);
        assertThat(server.gateway().to(victim.phone())).hasSize(sentBefore);
    }

    @Test
    void aCodeSentForOneTabDoesNotWorkInAnother() {
        String realm = "sms-tabs";
        new AdminApi(server).createRealm(realm, Map.of("attempts-per-code", "3", "lockout-after-failures", "0"), r -> { });
        SmsLogin login = new SmsLogin(server, realm, "user12", null);
        int sentBefore = server.gateway().to(login.phone()).size();
        // Three tabs of one browser, each a login of its own: A and B hold their codes; C used up
        // its code with wrong guesses and holds none.
        Page tabA = login.codePage();
        String codeOfTabA = lastCode(login);
        Page tabB = login.codePage();
        String codeOfTabB = lastCode(login);
        int tabs = 2;
        // Were B's code equal to A's, posting A's code in B would prove nothing (one in a million): another tab.
        while (codeOfTabB.equals(codeOfTabA)) {
            tabB = login.codePage();
            codeOfTabB = lastCode(login);
            tabs++;
        }
        Page tabC = login.codePage();
        String codeOfTabC = lastCode(login);
        assertThat(server.gateway().to(login.phone())).as("one SMS per tab").hasSize(sentBefore + tabs + 1);
        String wrong = differentFrom(codeOfTabA, codeOfTabB, codeOfTabC);
        for (int attempt = 0; attempt < 3; attempt++) {
            tabC = login.enter(tabC, wrong);
        }
        assertThat(tabC.text()).contains("Too many wrong codes. Request a new code.");

        Page aInB = login.enter(tabB, codeOfTabA);
        assertThat(aInB.loggedIn()).as("tab A's code in tab B").isFalse();
        assertThat(aInB.textOf("#input-error-code")).isEqualTo("That code is not right.");

        Page aInC = login.post(tabC, Map.of("code", codeOfTabA));
        assertThat(aInC.loggedIn()).as("tab A's code in tab C, which holds no code").isFalse();
        assertThat(aInC.text()).contains("There is no valid code. Request a new code.");

        assertThat(new AdminApi(server).reasons(realm, "user12")).as("refusals, newest first")
                .containsExactly("no_code", "wrong", "attempts_exhausted", "wrong", "wrong");

        // And it was a live code all along: in its own tab it signs in.
        Page done = login.enter(tabA, codeOfTabA);
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        assertThat(server.gateway().to(login.phone())).as("nothing sent by the refusals").hasSize(sentBefore + 3);
    }

    private String lastCode(SmsLogin login) {
        List<GatewayStub.Received> sms = server.gateway().to(login.phone());
        return sms.get(sms.size() - 1).code();
    }

    /** A code of the same length that is none of the given ones. */
    private static String differentFrom(String... codes) {
        String candidate = codes[0];
        while (List.of(codes).contains(candidate)) {
            candidate = SmsCodeLoginIT.otherThan(candidate);
        }
        return candidate;
    }
}
