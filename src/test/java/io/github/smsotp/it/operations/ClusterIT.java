package io.github.smsotp.it.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.GuessRace;
import io.github.smsotp.it.clients.IdentityFlows;
import io.github.smsotp.it.clients.KeycloakFormRaces;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.clients.TokenRequests;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.harness.LoopbackCluster;
import io.github.smsotp.it.harness.ReleaseMatrix;
import io.github.smsotp.it.identity.PhoneSignInIT;
import io.github.smsotp.it.login.SmsCodeLoginIT;
import io.github.smsotp.it.stubs.GatewayStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two Keycloak nodes on 127.0.0.1 sharing a PostgreSQL database and an Infinispan cluster: the
 * challenge, the send limits and the failure lockout hold whichever node a request reaches.
 */
@Tag(ReleaseMatrix.NEWER_RELEASES)
@Order(Integer.MAX_VALUE - 1)
public class ClusterIT {

    private static final String REALM = "sms-cluster";

    private static GatewayStub gateway;
    private static LoopbackCluster cluster;
    private static KeycloakServer node1;
    private static KeycloakServer node2;

    @BeforeAll
    static void startCluster() throws Exception {
        gateway = new GatewayStub();
        cluster = LoopbackCluster.startBehindOneAddress(KeycloakServer.runDir().resolve("cluster"), gateway);
        node1 = cluster.node1();
        node2 = cluster.node2();

        new AdminApi(node1).createRealm(REALM, Map.of("resend-cooldown-seconds", "0", "sends-per-login", "10",
                "attempts-per-code", "10", "limit-number-sends-per-10-minutes", "3",
                "lockout-after-failures", "3"), realm -> {
                    IdentityFlows.directGrantByPhoneOrPassword(realm);
                    PhoneSignInIT.holdVerifiedNumbers(realm);
                });
    }

    @AfterAll
    static void stopCluster() throws Exception {
        LoopbackCluster.close(cluster, gateway);
    }

    @Test
    void aLoginStartedOnOneNodeFinishesWithTheCodeOnTheOther() {
        SmsLogin login = new SmsLogin(node1, REALM, "user01", null);
        Page page = login.codePage();
        String code = gateway.to(login.phone()).get(0).code();

        Page done = onNode2(login, page, "kc-sms-otp-form", Map.of("code", code));
        assertThat(done.loggedIn()).as(done.text()).isTrue();
    }

    @Test
    void anAppsFirstTokenRequestOnOneNodeAndItsCodeOnTheOther() {
        SmsLogin user = new SmsLogin(node1, REALM, "user09", null);

        TokenRequests.Answer first = new TokenRequests(node1, REALM, "it-app").password(user.username(), user.password());
        assertThat(first.error()).as(first.toString()).isEqualTo("sms_otp_required");
        String code = gateway.to(user.phone()).get(0).code();
        TokenRequests.Answer second = new TokenRequests(node2, REALM, "it-app").password(user.username(),
                user.password(), Map.of("sms_otp", code));

        assertThat(second.tokens()).as(second.toString()).isTrue();
        assertThat(gateway.to(user.phone())).hasSize(1);
    }

    @Test
    void anAppsPhoneSignInStartedOnOneNodeFinishesOnTheOther() {
        String number = SmsLogin.phoneOf("user45");

        TokenRequests.Answer first = new TokenRequests(node1, REALM, "it-app").phone(number, Map.of());
        assertThat(first.error()).as(first.toString()).isEqualTo("sms_otp_required");
        await().atMost(Duration.ofSeconds(30)).until(() -> !gateway.to(number).isEmpty());
        TokenRequests.Answer second = new TokenRequests(node2, REALM, "it-app").phone(number, Map.of(
                "sms_otp", gateway.to(number).get(0).code(),
                "sms_otp_handle", first.json().path("sms_otp_handle").asText()));

        assertThat(second.tokens()).as(second.toString()).isTrue();
        assertThat(second.idToken().path("phone_number").asText()).isEqualTo(number);
        assertThat(gateway.to(number)).hasSize(1);
    }

    @Test
    void sendLimitsHoldWhenRequestsAlternateBetweenNodes() {
        SmsLogin login = new SmsLogin(node1, REALM, "user02", null);
        Page page = login.codePage();
        page = onNode2(login, page, "kc-sms-otp-resend-form", Map.of("resend", "true"));
        page = login.resend(page);
        Page refused = onNode2(login, page, "kc-sms-otp-resend-form", Map.of("resend", "true"));

        assertThat(refused.text()).contains("Too many codes were requested.");
        assertThat(gateway.to(login.phone())).hasSize(3);
    }

    @Test
    void theFailureLockoutHoldsWhenRequestsAlternateBetweenNodes() {
        SmsLogin login = new SmsLogin(node1, REALM, "user03", null);
        Page page = login.codePage();
        String code = gateway.to(login.phone()).get(0).code();
        String wrong = SmsCodeLoginIT.otherThan(code);

        page = onNode2(login, page, "kc-sms-otp-form", Map.of("code", wrong));
        page = login.enter(page, wrong);
        page = onNode2(login, page, "kc-sms-otp-form", Map.of("code", wrong));
        Page locked = login.enter(page, code);

        assertThat(locked.loggedIn()).isFalse();
        assertThat(locked.text()).contains("Too many wrong codes. Please try again in 15 minutes.");
        assertThat(gateway.to(login.phone())).hasSize(1);
    }

    /**
     * Each node works on its own copy of a login's authentication session, so wrong guesses that
     * reach both nodes at once each see the attempts counted before them and not each other's. The
     * code still gives five comparisons in all, and the right code after them does not sign in.
     */
    @Test
    void parallelWrongGuessesSplitAcrossTheNodesGetFiveTriesInAll() throws Exception {
        String realm = "sms-cluster-guess";
        AdminApi admin = new AdminApi(node1);
        admin.createRealm(realm, Map.of("attempts-per-code", "5", "lockout-after-failures", "30",
                "resend-cooldown-seconds", "0"), r -> { });
        SmsLogin victim = new SmsLogin(node1, realm, "user04", null);
        Page page = victim.codePage();
        String code = gateway.to(victim.phone()).get(0).code();
        String wrong = SmsCodeLoginIT.otherThan(code);
        KeycloakFormRaces keycloakRaces = new KeycloakFormRaces(node1, node2);

        List<Page> answers = new GuessRace(keycloakRaces).guess(victim, 20, page, wrong,
                List.of(UnaryOperator.identity(), ClusterIT::toNode2));

        assertThat(answers.stream().filter(a -> a.text().contains(GuessRace.WRONG_CODE)))
                .as("wrong-code answers of both nodes: the fifth try used the code up").hasSizeLessThanOrEqualTo(4);
        List<String> reasons = admin.reasons(realm, "user04");
        assertThat(reasons.stream().filter("wrong"::equals))
                .as("guesses compared with a live code, of %s", reasons).hasSizeLessThanOrEqualTo(4);
        Page refused = victim.post(victim.reload(page), Map.of("code", code));
        assertThat(refused.loggedIn()).as("the right code after the code was used up: %s", refused.text()).isFalse();
        assertThat(gateway.to(victim.phone())).hasSize(1);
        keycloakRaces.assertAllExplained();
    }

    /**
     * The claim that keeps a verified number to one user lives in the store both nodes share: two
     * users confirming one number at the same moment, one through each node, and exactly one gets it.
     */
    @Test
    void twoUsersConfirmingOneNumberOnDifferentNodesAtOnceExactlyOneGetsIt() throws Exception {
        String realm = "sms-cluster-unique";
        AdminApi admin = new AdminApi(node1);
        admin.createRealm(realm, Map.of(), r -> AdminApi.enrollmentConfig(r, Map.of("provisioned-numbers", "off")));
        for (int round = 0; round < 3; round++) {
            String number = "+1201555730" + round;
            SmsLogin first = new SmsLogin(node1, realm, String.format("user%02d", 2 * round + 5), null);
            SmsLogin second = new SmsLogin(node1, realm, String.format("user%02d", 2 * round + 6), null);
            Page firstCode = enrollNumber(first, number);
            Page secondCode = enrollNumber(second, number);
            List<GatewayStub.Received> codes = gateway.to(number);
            assertThat(codes).hasSize(2);

            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<Page> viaNode1 = CompletableFuture.supplyAsync(() -> {
                awaitStart(start);
                return first.enter(firstCode, codes.get(0).code());
            });
            CompletableFuture<Page> viaNode2 = CompletableFuture.supplyAsync(() -> {
                awaitStart(start);
                return onNode2(second, secondCode, "kc-sms-otp-form", Map.of("code", codes.get(1).code()));
            });
            start.countDown();
            List<Page> results = List.of(viaNode1.get(), viaNode2.get());

            assertThat(results).as("round %d: one signed in", round).filteredOn(Page::loggedIn).hasSize(1);
            assertThat(results).as("round %d: one told the number is taken", round)
                    .filteredOn(p -> p.text().contains("already used by another account")).hasSize(1);
            assertThat(List.of(first, second)).as("round %d: the number is stored for one user", round)
                    .filteredOn(l -> admin.credentials(realm, l.username()).toString().contains("sms-otp")).hasSize(1);
        }
    }

    /** Password, then a number typed into the enrollment form: the code page for it. */
    private static Page enrollNumber(SmsLogin login, String number) {
        Page enroll = login.passwordStep("it-app");
        assertThat(enroll.has("#kc-sms-otp-enroll-form")).as(enroll.text()).isTrue();
        return login.browser().submit(enroll, "kc-sms-otp-enroll-form", Map.of("phone", number));
    }

    private static void awaitStart(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String toNode2(String node1Url) {
        return node1Url.replace(":" + node1.httpPort() + "/", ":" + node2.httpPort() + "/");
    }

    /** Submits a form of a page node 1 rendered to node 2 instead. */
    private static Page onNode2(SmsLogin login, Page page, String formId, Map<String, String> fields) {
        String action = toNode2(page.form(formId).absUrl("action"));
        return login.browser().post(action, fields);
    }
}
