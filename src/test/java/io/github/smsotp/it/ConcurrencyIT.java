package io.github.smsotp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.smsotp.it.Browser.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A code works once, in the tab it was sent for, however requests race. */
@ExtendWith(KeycloakExtension.class)
class ConcurrencyIT {

    private final KeycloakServer server;

    ConcurrencyIT(KeycloakServer server) {
        this.server = server;
    }

    @Test
    void sixteenSimultaneousSubmissionsOfTheRightCodeGiveExactlyOneLogin() throws Exception {
        // Several rounds: one race can go in order by chance.
        for (int round = 0; round < 5; round++) {
            SmsLogin login = new SmsLogin(server, "user11");
            Page page = login.codePage();
            List<GatewayStub.Received> sms = server.gateway().to(login.phone());
            assertThat(race(login, page.form("kc-sms-otp-form").absUrl("action"), sms.get(sms.size() - 1).code()))
                    .as("logins in round %d", round).isEqualTo(1);
        }
    }

    /** Sixteen racers post the code at once; returns how many were signed in. */
    private static int race(SmsLogin login, String action, String code) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Page>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                // Each racer holds the session cookies of the code page, not the single sign-on
                // cookie the winner receives (with that, Keycloak would sign in by SSO, not by code).
                Browser racer = login.browser().copy();
                Callable<Page> submission = () -> {
                    start.await();
                    return racer.post(action, Map.of("code", code));
                };
                results.add(pool.submit(submission));
            }
            start.countDown();
            int logins = 0;
            for (Future<Page> result : results) {
                Page answer = result.get();
                assertThat(answer.status()).isLessThan(500);
                logins += answer.loggedIn() ? 1 : 0;
            }
            return logins;
        } finally {
            pool.shutdownNow();
        }
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
        Page tabC = login.codePage();
        String codeOfTabC = lastCode(login);
        assertThat(server.gateway().to(login.phone())).as("one SMS per tab").hasSize(sentBefore + 3);
        // Were B's code equal to A's, posting A's code in B would prove nothing; one in a million.
        assumeThat(codeOfTabB).as("tabs A and B drew the same code").isNotEqualTo(codeOfTabA);
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
