package io.github.smsotp.it.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.IdentityFlows;
import io.github.smsotp.it.clients.InterleavedTiming;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.clients.TokenRequests.Answer;
import io.github.smsotp.it.clients.TokenRequests;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.RealmGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Phone sign-in in the direct grant flow, through plain calls to the token endpoint: the number,
 * then the number and the code, and tokens with the {@code phone} scope's claims. Every number that
 * parses gets the same answers in the same time; only a number that signs someone in gets an SMS.
 */
@ExtendWith(KeycloakExtension.class)
public class DirectGrantPhoneSignInIT {

    private static final String UNKNOWN = "+12015559002";
    private static final String OTHER_CLIENT = "it-app-2";

    private final KeycloakServer server;
    private final AdminApi admin;

    DirectGrantPhoneSignInIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @Test
    void aNumberAndItsCodeGetTokensWithThePhoneClaims() {
        Realm realm = realm(Map.of());
        String number = SmsLogin.phoneOf("user41");

        Answer first = realm.app.phone(number, Map.of());

        assertThat(first.status()).as(first.toString()).isEqualTo(401);
        assertThat(first.error()).isEqualTo("sms_otp_required");
        String handle = first.json().path("sms_otp_handle").asText();
        assertThat(handle).matches("[A-Za-z0-9]{32}");
        String code = realm.gateway.awaitCode(number);
        Answer second = realm.app.phone(number, Map.of("sms_otp", code, "sms_otp_handle", handle));

        assertThat(second.tokens()).as(second.toString()).isTrue();
        JsonNode idToken = second.idToken();
        assertThat(idToken.path("preferred_username").asText()).isEqualTo("user41");
        assertThat(idToken.path("phone_number").asText()).isEqualTo(number);
        assertThat(idToken.path("phone_number_verified").asBoolean()).isTrue();
        assertThat(realm.gateway.to(number)).hasSize(1);
        assertThat(admin.events(realm.name, "user41")).anyMatch(e -> e.path("type").asText().equals("LOGIN"));
    }

    @Test
    void unknownUnconfirmedDisabledAndLockedNumbersGetTheSameAnswersAndNoSms() {
        Realm realm = realm(Map.of("attempts-per-code", "10"));
        String locked = SmsLogin.phoneOf("user46");
        lockThroughWrongCodes(realm, locked);
        Map<String, String> numbers = Map.of("unknown", UNKNOWN, "unconfirmed", SmsLogin.phoneOf("user43"),
                "disabled", SmsLogin.phoneOf("user44"), "locked", locked);
        int sentToLocked = realm.gateway.to(locked).size();

        Map<String, List<JsonNode>> seen = new TreeMap<>();
        numbers.forEach((kind, number) -> seen.put(kind, journey(realm, number)));
        List<JsonNode> known = journey(realm, SmsLogin.phoneOf("user42"));

        seen.forEach((kind, answers) -> assertThat(answers).as(kind + " number, answer by answer").isEqualTo(known));
        assertThat(realm.gateway.to(UNKNOWN)).isEmpty();
        assertThat(realm.gateway.to(SmsLogin.phoneOf("user43"))).isEmpty();
        assertThat(realm.gateway.to(SmsLogin.phoneOf("user44"))).isEmpty();
        assertThat(realm.gateway.to(locked)).as("no SMS once locked").hasSize(sentToLocked);
        realm.gateway.awaitCount(SmsLogin.phoneOf("user42"), 1);
    }

    /**
     * Wrong codes until Keycloak's brute-force detection locks the number's holder: in another app, whose
     * send history (and cooldown) for the number are its own.
     */
    private void lockThroughWrongCodes(Realm realm, String number) {
        TokenRequests otherApp = new TokenRequests(server, realm.name, OTHER_CLIENT);
        String handle = otherApp.phone(number, Map.of()).json().path("sms_otp_handle").asText();
        String code = realm.gateway.awaitCode(number);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 3; i++) {
            assertThat(otherApp.phone(number, Map.of("sms_otp", wrong, "sms_otp_handle", handle)).error())
                    .isEqualTo("sms_otp_invalid");
        }
        assertThat(admin.bruteForceStatus(realm.name, "user46").path("disabled").asBoolean()).isTrue();
    }

    /**
     * The answer to the number, and to a wrong code, without the seconds that tick between them and
     * the number's own digits.
     */
    private static List<JsonNode> journey(Realm realm, String number) {
        List<JsonNode> answers = new ArrayList<>();
        Answer first = realm.app.phone(number, Map.of());
        String handle = first.json().path("sms_otp_handle").asText();
        for (Answer answer : List.of(first, realm.app.phone(number, Map.of("sms_otp", "000001", "sms_otp_handle", handle)))) {
            ObjectNode json = (ObjectNode) answer.json();
            assertThat(json.path("expires_in").asLong()).isBetween(1L, 300L);
            // The number the app sent, masked: the same for every number but its last digits.
            assertThat(json.path("phone_hint").asText()).endsWith(number.substring(number.length() - 4));
            assertThat(json.path("sms_otp_handle").asText()).isEqualTo(handle);
            json.remove(List.of("expires_in", "resend_in", "phone_hint", "sms_otp_handle"));
            json.put("status", answer.status());
            answers.add(json);
        }
        return answers;
    }

    @Test
    void knownAndUnknownNumbersTakeTheSameTimeWithASlowGateway() {
        Realm realm = realm(Map.of("resend-cooldown-seconds", "0", "sends-per-login", "20",
                "limit-number-sends-per-10-minutes", "1000", "limit-user-sends-per-hour", "1000",
                "limit-ip-sends-per-hour", "100000"));
        List<String> known = List.of("user45", "user47", "user48", "user49").stream().map(SmsLogin::phoneOf).toList();
        int rounds = 50;
        InterleavedTiming.Result timing;
        server.gateway().latency(Duration.ofMillis(300));
        try {
            timing = InterleavedTiming.run(3, rounds, i -> timedFirstCall(realm, known.get(i % known.size())),
                    i -> timedFirstCall(realm, "+1201555" + (9200 + i)));
        } finally {
            server.gateway().latency(Duration.ZERO);
        }
        long knownMedian = timing.firstPercentile(50);
        long unknownMedian = timing.secondPercentile(50);
        System.out.printf("direct grant phone sign-in, first call, gateway 300 ms: known median %d ms, unknown "
                + "median %d ms (%d each)%n", knownMedian, unknownMedian, rounds);
        assertThat(Math.abs(knownMedian - unknownMedian)).as("known %d ms, unknown %d ms", knownMedian, unknownMedian)
                .isLessThanOrEqualTo(50);
        assertThat(knownMedian).as("the answer does not wait for the gateway").isLessThan(300);
    }

    private static long timedFirstCall(Realm realm, String number) {
        long start = System.nanoTime();
        Answer answer = realm.app.phone(number, Map.of());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(answer.error()).as(answer.toString()).isEqualTo("sms_otp_required");
        return millis;
    }

    @Test
    void whoeverElseKnowsTheNumberCannotTouchTheSignInsCodeNorLockItsHolderOut() {
        Realm realm = realm(Map.of("attempts-per-code", "3"));
        String number = SmsLogin.phoneOf("user48");
        String handle = realm.app.phone(number, Map.of()).json().path("sms_otp_handle").asText();
        String code = realm.gateway.awaitCode(number);
        String wrong = code.equals("000000") ? "111111" : "000000";

        // Without the handle, or with another one: another sign-in, whose code was never sent.
        Answer noHandle = realm.app.phone(number, Map.of("sms_otp", wrong));
        Answer forged = realm.app.phone(number, Map.of("sms_otp", wrong, "sms_otp_handle", "A".repeat(32)));
        Answer theRightCodeElsewhere = realm.app.phone(number, Map.of("sms_otp", code));

        assertThat(noHandle.error()).isEqualTo("sms_otp_expired");
        assertThat(forged.error()).isEqualTo("sms_otp_expired");
        assertThat(theRightCodeElsewhere.tokens()).as("the code works only with its handle").isFalse();
        assertThat(admin.bruteForceStatus(realm.name, "user48").path("numFailures").asInt())
                .as("codes where none is pending lock nobody out").isZero();
        assertThat(realm.app.phone(number, Map.of("sms_otp", code, "sms_otp_handle", handle)).tokens())
                .as("the sign-in's own tries are untouched").isTrue();
    }

    @Test
    void aNumberThatDoesNotParseGetsAClearError() {
        Realm realm = realm(Map.of());

        Answer missing = realm.app.phone("", Map.of());
        Answer garbage = realm.app.phone("not a number", Map.of());

        for (Answer answer : List.of(missing, garbage)) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(answer.error()).isEqualTo("sms_otp_number_invalid");
        }
        assertThat(realm.gateway.all()).isEmpty();
    }

    @Test
    void anAlternativeWithNothingAfterItAnswersARequestWithoutANumber() {
        Realm realm = realm(Map.of(), r -> {
            for (JsonNode flow : r.withArray("authenticationFlows")) {
                if (flow.path("alias").asText().equals("direct grant by phone")) {
                    ((ObjectNode) flow.withArray("authenticationExecutions").get(0)).put("requirement", "ALTERNATIVE");
                }
            }
        });

        Answer answer = realm.app.password("user41", "pass-41");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("sms_otp_number_invalid");
    }

    private Realm realm(Map<String, String> settings) {
        return realm(settings, r -> { });
    }

    private Realm realm(Map<String, String> settings, Consumer<ObjectNode> tweak) {
        String name = AdminApi.uniqueRealmName("sms-grant-phone");
        RealmGateway gateway = new RealmGateway(server, name);
        Map<String, String> all = new HashMap<>(gateway.settings());
        all.putAll(settings);
        admin.createRealm(name, all, r -> {
            IdentityFlows.directGrantByPhone(r);
            PhoneSignInIT.holdVerifiedNumbers(r);
            r.withArray("clients").addObject().put("clientId", OTHER_CLIENT).put("publicClient", true)
                    .put("directAccessGrantsEnabled", true).put("standardFlowEnabled", false);
            r.put("bruteForceProtected", true).put("failureFactor", 3).put("quickLoginCheckMilliSeconds", 0)
                    .put("waitIncrementSeconds", 600).put("maxFailureWaitSeconds", 900);
            tweak.accept(r);
        });
        return new Realm(name, gateway, new TokenRequests(server, name, "it-app"));
    }

    private record Realm(String name, RealmGateway gateway, TokenRequests app) {
    }
}
