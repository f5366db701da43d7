package io.github.smsotp.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.IdentityFlows;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.clients.TokenRequests.Answer;
import io.github.smsotp.it.clients.TokenRequests;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.GatewayStub;
import io.github.smsotp.it.stubs.RealmGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SMS second factor in the direct grant flow, through plain calls to the token endpoint as a
 * native app makes them: a call without a code sends one and answers 401 {@code sms_otp_required};
 * the call with {@code sms_otp} gets the tokens. The browser step's rules hold.
 */
@ExtendWith(KeycloakExtension.class)
public class DirectGrantSecondFactorIT {

    static final String STEP = "sms-otp-direct-grant";
    private static final String OTHER_CLIENT = "it-app-2";

    private final KeycloakServer server;

    DirectGrantSecondFactorIT(KeycloakServer server) {
        this.server = server;
    }

    @Test
    void theCodeSentOnTheFirstCallGetsTokensOnTheSecond() {
        Realm realm = realm(Map.of("code-lifetime-seconds", "300", "resend-cooldown-seconds", "30"), r -> { });
        SmsLogin user = new SmsLogin(server, realm.name, "user01", null);

        Answer first = realm.app.password(user.username(), user.password());

        assertThat(first.status()).as(first.toString()).isEqualTo(401);
        assertThat(first.response().headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        JsonNode sent = first.json();
        assertThat(sent.path("error").asText()).isEqualTo("sms_otp_required");
        assertThat(sent.path("error_description").asText()).contains("sms_otp");
        assertThat(sent.path("phone_hint").asText()).isEqualTo("+1 ••• ••• 1001");
        assertThat(sent.path("code_length").asInt()).isEqualTo(6);
        assertThat(sent.path("expires_in").asLong()).isBetween(290L, 300L);
        assertThat(sent.path("resend_in").asLong()).isBetween(25L, 30L);
        assertThat(sent.path("resend_allowed").asBoolean()).isTrue();
        String code = realm.gateway.awaitCode(user.phone());
        assertThat(realm.gateway.to(user.phone())).hasSize(1);

        Answer second = realm.app.password(user.username(), user.password(), Map.of("sms_otp", code));

        assertThat(second.tokens()).as(second.toString()).isTrue();
        assertThat(realm.gateway.to(user.phone())).as("no second SMS").hasSize(1);
        assertThat(server.log()).as("no full number in the log").doesNotContain(user.phone());
        assertThat(new AdminApi(server).events(realm.name, user.username()).get(0).path("type").asText())
                .isEqualTo("LOGIN");
    }

    @Test
    void wrongCodesAreFailuresAndTheLastTryEndsTheCode() {
        Realm realm = realm(Map.of("attempts-per-code", "3"), r -> { });
        SmsLogin user = new SmsLogin(server, realm.name, "user02", null);
        realm.app.password(user.username(), user.password());
        String code = realm.gateway.awaitCode(user.phone());
        String wrong = code.equals("000000") ? "111111" : "000000";

        Answer firstWrong = realm.app.password(user.username(), user.password(), Map.of("sms_otp", wrong));
        Answer secondWrong = realm.app.password(user.username(), user.password(), Map.of("sms_otp", wrong));
        Answer lastWrong = realm.app.password(user.username(), user.password(), Map.of("sms_otp", wrong));
        Answer right = realm.app.password(user.username(), user.password(), Map.of("sms_otp", code));

        assertThat(List.of(firstWrong.status(), secondWrong.status(), lastWrong.status(), right.status()))
                .containsOnly(401);
        assertThat(firstWrong.error()).isEqualTo("sms_otp_invalid");
        assertThat(firstWrong.json().path("expires_in").asLong()).isPositive();
        assertThat(secondWrong.error()).isEqualTo("sms_otp_invalid");
        assertThat(lastWrong.error()).as("the third wrong code uses the last try").isEqualTo("sms_otp_expired");
        assertThat(right.error()).as("the right code after the tries are used up").isEqualTo("sms_otp_expired");
        assertThat(right.tokens()).isFalse();
        assertThat(new AdminApi(server).reasons(realm.name, user.username()))
                .containsSequence("no_code", "attempts_exhausted", "wrong", "wrong");
    }

    @Test
    void wrongCodesLockTheUserThroughKeycloaksBruteForceDetection() {
        Realm realm = realm(Map.of("attempts-per-code", "10"), r -> r.put("bruteForceProtected", true)
                .put("failureFactor", 3).put("quickLoginCheckMilliSeconds", 0).put("waitIncrementSeconds", 600)
                .put("maxFailureWaitSeconds", 900));
        SmsLogin user = new SmsLogin(server, realm.name, "user03", null);
        realm.app.password(user.username(), user.password());
        String code = realm.gateway.awaitCode(user.phone());
        String wrong = code.equals("000000") ? "111111" : "000000";

        for (int i = 0; i < 3; i++) {
            assertThat(realm.app.password(user.username(), user.password(), Map.of("sms_otp", wrong)).error())
                    .isEqualTo("sms_otp_invalid");
        }
        Answer locked = realm.app.password(user.username(), user.password(), Map.of("sms_otp", code));

        assertThat(new AdminApi(server).bruteForceStatus(realm.name, user.username()).path("disabled").asBoolean())
                .isTrue();
        assertThat(locked.tokens()).as(locked.toString()).isFalse();
        assertThat(locked.status()).isIn(400, 401);
        assertThat(realm.gateway.to(user.phone())).hasSize(1);
    }

    @Test
    void aRepeatedFirstCallWithinTheCooldownSendsNothingAndSaysWhen() {
        Realm realm = realm(Map.of("resend-cooldown-seconds", "60"), r -> { });
        SmsLogin user = new SmsLogin(server, realm.name, "user04", null);
        realm.app.password(user.username(), user.password());
        String code = realm.gateway.awaitCode(user.phone());

        Answer again = realm.app.password(user.username(), user.password());

        assertThat(again.status()).isEqualTo(401);
        assertThat(again.error()).isEqualTo("sms_otp_required");
        assertThat(again.json().path("resend_in").asLong()).isBetween(1L, 60L);
        assertThat(again.json().path("expires_in").asLong()).isPositive();
        assertThat(realm.gateway.to(user.phone())).as("no new SMS within the cooldown").hasSize(1);
        assertThat(new AdminApi(server).reasons(realm.name, user.username())).first().isEqualTo("cooldown");
        assertThat(realm.app.password(user.username(), user.password(), Map.of("sms_otp", code)).tokens()).isTrue();
    }

    @Test
    void racingFirstCallsSendOneSms() throws Exception {
        Realm realm = realm(Map.of("resend-cooldown-seconds", "30", "limit-user-sends-per-hour", "100"), r -> { });
        SmsLogin user = new SmsLogin(server, realm.name, "user09", null);
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                awaitQuietly(start);
                return realm.app.password(user.username(), user.password());
            }, Executors.newSingleThreadExecutor()));
        }
        start.countDown();

        for (CompletableFuture<Answer> answer : answers) {
            Answer racer = answer.get(60, TimeUnit.SECONDS);
            assertThat(racer.error()).as(racer.toString()).isEqualTo("sms_otp_required");
            assertThat(racer.json().path("resend_in").asLong()).as("the wait, winner or not: %s", racer).isPositive();
        }
        String code = realm.gateway.awaitCode(user.phone());
        assertThat(realm.app.password(user.username(), user.password(), Map.of("sms_otp", code)).tokens()).isTrue();
        assertThat(realm.gateway.to(user.phone())).as("one SMS for %d racing first calls", racers).hasSize(1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aCodeWorksOnlyForTheClientAndTheUserItWasSentFor() {
        Realm realm = realm(Map.of("attempts-per-code", "10"), r -> r.withArray("clients").addObject()
                .put("clientId", OTHER_CLIENT).put("publicClient", true).put("directAccessGrantsEnabled", true)
                .put("standardFlowEnabled", false));
        SmsLogin alice = new SmsLogin(server, realm.name, "user05", null);
        SmsLogin bob = new SmsLogin(server, realm.name, "user06", null);
        TokenRequests otherApp = new TokenRequests(server, realm.name, OTHER_CLIENT);
        realm.app.password(alice.username(), alice.password());
        String code = realm.gateway.awaitCode(alice.phone());

        Answer otherClient = otherApp.password(alice.username(), alice.password(), Map.of("sms_otp", code));
        Answer otherUser = realm.app.password(bob.username(), bob.password(), Map.of("sms_otp", code));

        assertThat(otherClient.tokens()).as(otherClient.toString()).isFalse();
        assertThat(otherClient.error()).isEqualTo("sms_otp_expired");
        assertThat(otherUser.tokens()).as(otherUser.toString()).isFalse();
        assertThat(otherUser.error()).isEqualTo("sms_otp_expired");
        assertThat(realm.gateway.to(bob.phone())).isEmpty();
        assertThat(realm.app.password(alice.username(), alice.password(), Map.of("sms_otp", code)).tokens())
                .as("the code still works where it was sent").isTrue();
    }

    @Test
    void theSendLimitsCountDirectGrantSends() {
        Realm realm = realm(Map.of("resend-cooldown-seconds", "0", "limit-number-sends-per-10-minutes", "2"),
                r -> { });
        SmsLogin user = new SmsLogin(server, realm.name, "user07", null);
        realm.app.password(user.username(), user.password());
        realm.app.password(user.username(), user.password());

        Answer refused = realm.app.password(user.username(), user.password());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.error()).isEqualTo("sms_otp_send_refused");
        assertThat(refused.json().path("retry_in_minutes").asLong()).isBetween(1L, 10L);
        assertThat(refused.response().headers().firstValue("Retry-After")).isPresent();
        Answer again = realm.app.password(user.username(), user.password());
        assertThat(again.error()).as("refused by the limit again, not told a code is on its way: %s", again)
                .isEqualTo("sms_otp_send_refused");
        realm.gateway.awaitCount(user.phone(), 2);
        assertThat(realm.gateway.to(user.phone())).hasSize(2);
        assertThat(new AdminApi(server).reasons(realm.name, user.username())).startsWith("number_limit", "number_limit");
    }

    @Test
    void aFailedSendIsTheAnswerAndTheRetrySendsAtOnce() {
        Realm realm = realm(Map.of("resend-cooldown-seconds", "600"), r -> { });
        SmsLogin user = new SmsLogin(server, realm.name, "user11", null);
        server.gateway().mode(GatewayStub.Mode.FAIL_500);
        Answer failed;
        try {
            failed = realm.app.password(user.username(), user.password());
        } finally {
            server.gateway().mode(GatewayStub.Mode.ACCEPT);
        }

        assertThat(failed.status()).as(failed.toString()).isEqualTo(503);
        assertThat(failed.error()).isEqualTo("sms_otp_send_failed");
        assertThat(new AdminApi(server).events(realm.name, user.username()).stream()
                .filter(e -> e.path("error").asText().equals("sms_otp_send_failed"))).hasSize(1);
        Answer retried = realm.app.password(user.username(), user.password());
        assertThat(retried.error()).as("no cooldown after a send that failed: %s", retried).isEqualTo("sms_otp_required");
        String code = realm.gateway.awaitCode(user.phone());
        assertThat(realm.app.password(user.username(), user.password(), Map.of("sms_otp", code)).tokens()).isTrue();
    }

    @Test
    void aUserWithoutANumberGetsAClearErrorAndNoTokens() {
        Realm realm = realm(Map.of(), r -> {
            for (JsonNode user : r.withArray("users")) {
                if (user.path("username").asText().equals("user10")) {
                    ((ObjectNode) user).remove("attributes");
                }
            }
        });
        SmsLogin user = new SmsLogin(server, realm.name, "user10", null);

        Answer answer = realm.app.password(user.username(), user.password());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("sms_otp_no_number");
        assertThat(answer.tokens()).isFalse();
        assertThat(realm.gateway.all()).isEmpty();
    }

    @Test
    void aSuccessfulSignInEndsTheSendHistory() {
        Realm realm = realm(Map.of("sends-per-login", "1"), r -> { });
        SmsLogin user = new SmsLogin(server, realm.name, "user08", null);
        realm.app.password(user.username(), user.password());
        String code = realm.gateway.awaitCode(user.phone());
        assertThat(realm.app.password(user.username(), user.password(), Map.of("sms_otp", code)).tokens()).isTrue();

        Answer next = realm.app.password(user.username(), user.password());

        assertThat(next.error()).as("the next sign-in gets a code of its own").isEqualTo("sms_otp_required");
        realm.gateway.awaitCount(user.phone(), 2);
        assertThat(realm.gateway.to(user.phone())).hasSize(2);
    }

    private Realm realm(Map<String, String> settings, Consumer<ObjectNode> tweak) {
        String name = AdminApi.uniqueRealmName("sms-grant");
        RealmGateway gateway = new RealmGateway(server, name);
        Map<String, String> all = new HashMap<>(gateway.settings());
        all.putAll(settings);
        new AdminApi(server).createRealm(name, all, r -> {
            IdentityFlows.directGrantWith(r, STEP);
            tweak.accept(r);
        });
        return new Realm(name, gateway, new TokenRequests(server, name, "it-app"));
    }

    private record Realm(String name, RealmGateway gateway, TokenRequests app) {
    }
}
