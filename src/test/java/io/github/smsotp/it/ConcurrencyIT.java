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
        SmsLogin login = new SmsLogin(server, "user11");
        Page page = login.codePage();
        String code = server.gateway().to(login.phone()).get(0).code();
        String action = page.form("kc-sms-otp-form").absUrl("action");

        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<Page>> submissions = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                submissions.add(() -> {
                    start.await();
                    return login.browser().post(action, Map.of("code", code));
                });
            }
            List<Future<Page>> results = new ArrayList<>();
            for (Callable<Page> submission : submissions) {
                results.add(pool.submit(submission));
            }
            start.countDown();
            int logins = 0;
            for (Future<Page> result : results) {
                Page answer = result.get();
                assertThat(answer.status()).isLessThan(500);
                logins += answer.loggedIn() ? 1 : 0;
            }
            assertThat(logins).isEqualTo(1);
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
