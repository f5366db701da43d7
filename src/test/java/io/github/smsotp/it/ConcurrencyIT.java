package io.github.smsotp.it;

import static org.assertj.core.api.Assertions.assertThat;

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
        SmsLogin login = new SmsLogin(server, "user12");
        login.codePage();
        String codeOfTabA = server.gateway().to(login.phone()).get(0).code();

        // The same browser starts a second login in a new tab.
        Page tabB = login.codePage();
        String codeOfTabB = server.gateway().to(login.phone()).get(1).code();
        if (!codeOfTabA.equals(codeOfTabB)) {
            Page wrong = login.enter(tabB, codeOfTabA);
            assertThat(wrong.loggedIn()).isFalse();
            assertThat(wrong.textOf("#input-error-code")).isEqualTo("That code is not right.");
            tabB = wrong;
        }
        Page done = login.enter(tabB, codeOfTabB);
        assertThat(done.loggedIn()).as(done.text()).isTrue();
    }
}
