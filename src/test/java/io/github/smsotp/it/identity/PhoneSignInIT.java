package io.github.smsotp.it.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AccountApi;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.IdentityFlows;
import io.github.smsotp.it.clients.InterleavedTiming;
import io.github.smsotp.it.clients.PageShape;
import io.github.smsotp.it.clients.PhoneSignIn;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.GatewayStub;
import io.github.smsotp.it.stubs.RealmGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sign-in with a phone number and an SMS code, no password ({@code sms-otp-phone-login}), as the
 * first step of a browser flow. The user is found by verified number; any other number gets the
 * same pages, in the same time, and no SMS.
 */
@ExtendWith(KeycloakExtension.class)
public class PhoneSignInIT {

    /** Numbers no user of the test realm has. */
    private static final String UNKNOWN = "+12015559001";

    private final KeycloakServer server;
    private final AdminApi admin;

    PhoneSignInIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @Test
    void aUserSignsInWithTheVerifiedNumberAndTheCodeAlone() {
        String realm = "sms-phone-sign-in";
        phoneRealm(realm, Map.of(), r -> { });
        PhoneSignIn user = new PhoneSignIn(server, realm);
        Page numberPage = user.start("openid phone");
        assertThat(numberPage.has("#" + PhoneSignIn.NUMBER_FORM)).as(numberPage.text()).isTrue();
        // Typed as people type numbers: spaces and dashes.
        Page codePage = user.number(numberPage, "+1 201-555-1041");
        assertThat(codePage.has("#" + PhoneSignIn.CODE_FORM)).as(codePage.text()).isTrue();
        assertThat(codePage.textOf("#sms-otp-destination")).contains("1041").doesNotContain("201555");

        Page done = user.code(codePage, new RealmGateway(server, realm).awaitCode(SmsLogin.phoneOf("user41")));
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        JsonNode idToken = new AccountApi(server, realm, done).idToken();
        assertThat(idToken.path("preferred_username").asText()).isEqualTo("user41");
        assertThat(idToken.path("phone_number").asText()).isEqualTo(SmsLogin.phoneOf("user41"));
        assertThat(admin.events(realm, "user41")).anyMatch(e -> e.path("type").asText().equals("LOGIN"));
    }

    @Test
    void unknownUnverifiedAndDisabledNumbersGetTheSamePagesAndNoSms() {
        String realm = "sms-phone-sign-in-decoy";
        phoneRealm(realm, Map.of(), r -> { });
        Map<String, String> numbers = Map.of(
                "unknown", UNKNOWN,
                "unverified", SmsLogin.phoneOf("user43"),
                "disabled", SmsLogin.phoneOf("user44"));
        RealmGateway gateway = new RealmGateway(server, realm);
        Map<String, List<PageShape>> seen = new java.util.TreeMap<>();
        numbers.forEach((kind, number) -> seen.put(kind, journey(realm, number, false)));
        List<PageShape> known = journey(realm, SmsLogin.phoneOf("user42"), true);

        seen.forEach((kind, shapes) -> assertThat(shapes).as(kind + " number, page by page").isEqualTo(known));
        numbers.values().forEach(number -> assertThat(gateway.to(number)).as("SMS to " + number).isEmpty());
        assertThat(gateway.to(SmsLogin.phoneOf("user42"))).hasSize(1);
        // Admins see which numbers signed nobody in; users never do.
        JsonNode unknownEvents = admin.get("/admin/realms/" + realm + "/events?type=LOGIN_ERROR&max=100");
        assertThat(unknownEvents.findValues("sms_otp_reason")).extracting(JsonNode::asText).contains("unknown_number");
        assertThat(unknownEvents.toString()).doesNotContain(UNKNOWN);
    }

    /** The number page, the code page after the number, and the page after a wrong code. */
    private List<PageShape> journey(String realm, String number, boolean known) {
        PhoneSignIn user = new PhoneSignIn(server, realm);
        Page numberPage = user.start();
        Page codePage = user.number(numberPage, number);
        if (known) {
            new RealmGateway(server, realm).awaitCode(number);
        }
        Page wrong = user.code(codePage, "000000");
        return List.of(PageShape.of(numberPage), PageShape.of(codePage), PageShape.of(wrong));
    }

    @Test
    void knownAndUnknownNumbersTakeTheSameTimeWithASlowGateway() throws IOException {
        String realm = "sms-phone-sign-in-timing";
        phoneRealm(realm, Map.of("limit-number-sends-per-10-minutes", "1000", "limit-user-sends-per-hour", "1000"),
                r -> { });
        String known = SmsLogin.phoneOf("user45");
        int rounds = 50;
        InterleavedTiming.Result timing;
        server.gateway().latency(Duration.ofMillis(300));
        try {
            timing = InterleavedTiming.run(3, rounds, i -> timedNumberStep(realm, known),
                    i -> timedNumberStep(realm, i < 3 ? UNKNOWN : "+1201555" + (9100 + i)));
            new RealmGateway(server, realm).awaitCount(known, rounds + 3);
        } finally {
            server.gateway().latency(Duration.ZERO);
        }
        long knownMedian = timing.firstPercentile(50);
        long unknownMedian = timing.secondPercentile(50);
        String report = String.format("Keycloak %s, %d requests each, gateway latency 300 ms:%n"
                        + "  known number:   median %d ms, p95 %d ms%n  unknown number: median %d ms, p95 %d ms%n",
                KeycloakServer.version(), rounds, knownMedian, timing.firstPercentile(95), unknownMedian,
                timing.secondPercentile(95));
        System.out.print(report);
        Files.writeString(KeycloakServer.runDir().resolve("enumeration-timing.txt"), report);
        assertThat(Math.abs(knownMedian - unknownMedian)).as(report).isLessThanOrEqualTo(50);
        assertThat(knownMedian).as("the gateway's 300 ms are not in the page's time: " + report).isLessThan(300);
    }

    private long timedNumberStep(String realm, String number) {
        PhoneSignIn user = new PhoneSignIn(server, realm);
        Page numberPage = user.start();
        long start = System.nanoTime();
        Page codePage = user.number(numberPage, number);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(codePage.has("#" + PhoneSignIn.CODE_FORM)).as(codePage.text()).isTrue();
        return millis;
    }

    @Test
    void aSendThatFailsAfterThePageLooksLikeAnUnknownNumber() {
        String realm = "sms-phone-sign-in-late-failure";
        phoneRealm(realm, Map.of("limit-number-sends-per-10-minutes", "1000", "limit-user-sends-per-hour", "1000"),
                r -> { });
        String known = SmsLogin.phoneOf("user41");
        String failedSend = "sending to +1 \u2022\u2022\u2022 \u2022\u2022\u2022 1041 via 'http' failed";
        int rounds = 15;
        InterleavedTiming.Result timing;
        List<String> knownSeen;
        List<String> unknownSeen;
        server.gateway().mode(GatewayStub.Mode.FAIL_500);
        try {
            knownSeen = lateFailureJourney(realm, known, failedSend, 1);
            unknownSeen = lateFailureJourney(realm, UNKNOWN, null, 0);
            timing = InterleavedTiming.run(0, rounds, i -> timedNumberStep(realm, known),
                    i -> timedNumberStep(realm, "+1201555" + (9300 + i)));
        } finally {
            server.gateway().mode(GatewayStub.Mode.ACCEPT);
        }
        assertThat(unknownSeen).as("pages and status poll, step by step").isEqualTo(knownSeen);
        assertThat(knownSeen.get(2)).as("the code page, reloaded after the failed send")
                .doesNotContain("We could not send the SMS").contains("Send a new code");
        assertThat(admin.events(realm, "user41")).as("no event tells the user's failed send apart")
                .noneMatch(e -> e.path("error").asText().equals("sms_otp_send_failed"));
        long knownMedian = timing.firstPercentile(50);
        long unknownMedian = timing.secondPercentile(50);
        String report = String.format("Keycloak %s, number step with a gateway that fails after the page, %d "
                + "requests each: known number median %d ms, unknown number median %d ms%n", KeycloakServer.version(),
                rounds, knownMedian, unknownMedian);
        System.out.print(report);
        assertThat(Math.abs(knownMedian - unknownMedian)).as(report).isLessThanOrEqualTo(50);
        // The operator sees the failure: in the log (masked number) and in the send-failure counter.
        assertThat(server.log()).contains(failedSend).doesNotContain(known);
    }

    /**
     * The number page, the code page, the code page reloaded once the send after it has run (or, for a
     * number that gets none, straight away), the status poll's answer and the page after a wrong code.
     */
    private List<String> lateFailureJourney(String realm, String number, String failureLine, int failures) {
        PhoneSignIn user = new PhoneSignIn(server, realm);
        Page numberPage = user.start();
        Page codePage = user.number(numberPage, number);
        if (failureLine != null) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> server.log().split(java.util.regex.Pattern.quote(failureLine), -1).length - 1 >= failures);
        }
        Page reloaded = user.browser().get(codePage.uri().toString());
        String tab = codePage.html().selectFirst("#" + PhoneSignIn.CODE_FORM).attr("action")
                .replaceAll(".*[?&]tab_id=([^&]+).*", "$1");
        Page poll = user.browser().get(server.baseUrl() + "/realms/" + realm
                + "/sms-otp/delivery-status?client_id=it-app&tab_id=" + tab);
        Page wrong = user.code(reloaded, "000000");
        return List.of(PageShape.of(numberPage).toString(), PageShape.of(codePage).toString(),
                PageShape.of(reloaded).toString(), poll.status() + " " + poll.body(), PageShape.of(wrong).toString());
    }

    @Test
    void theSendLimitsHoldForKnownAndUnknownNumbersAlike() {
        String realm = "sms-phone-sign-in-limits";
        phoneRealm(realm, Map.of("limit-number-sends-per-10-minutes", "2"), r -> { });
        String known = SmsLogin.phoneOf("user46");
        RealmGateway gateway = new RealmGateway(server, realm);
        List<PageShape> knownPages = new ArrayList<>();
        List<PageShape> unknownPages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PhoneSignIn a = new PhoneSignIn(server, realm);
            knownPages.add(PageShape.of(a.number(a.start(), known)));
            PhoneSignIn b = new PhoneSignIn(server, realm);
            unknownPages.add(PageShape.of(b.number(b.start(), UNKNOWN)));
        }
        assertThat(unknownPages).isEqualTo(knownPages);
        assertThat(knownPages.get(2).messages()).anyMatch(m -> m.contains("Too many codes were requested"));
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.to(known).size() >= 2);
        assertThat(gateway.to(known)).hasSize(2);
        assertThat(admin.reasons(realm, "user46")).contains("number_limit");
    }

    @Test
    void everyOtherLimitGivesKnownAndUnknownNumbersTheSameRefusal() {
        String known = SmsLogin.phoneOf("user49");
        // Per client address: each number tries twice from an address of its own; the second is refused.
        String ipRealm = "sms-phone-sign-in-ip-limit";
        phoneRealm(ipRealm, Map.of("limit-ip-sends-per-hour", "1"), r -> { });
        assertSameRefusal(ipRealm, "Too many codes were requested",
                number -> signInFrom(ipRealm, number.equals(known) ? "198.51.100.49" : "198.51.100.50", number)
                        .andThen(signInFrom(ipRealm, number.equals(known) ? "198.51.100.49" : "198.51.100.50", number)),
                known);
        // Per realm: the budget is spent by the known number's first send; every send after it is refused.
        String realmBudget = "sms-phone-sign-in-realm-limit";
        phoneRealm(realmBudget, Map.of("limit-realm-sends-per-hour", "1"), r -> { });
        assertSameRefusal(realmBudget, "Too many codes were requested",
                number -> signInFrom(realmBudget, null, number).andThen(signInFrom(realmBudget, null, number)), known);
        // Per login: the page offers no "Send a new code" after the only send of this login; a resend
        // posted anyway is refused.
        String loginCap = "sms-phone-sign-in-login-cap";
        phoneRealm(loginCap, Map.of("sends-per-login", "1", "resend-cooldown-seconds", "0"), r -> { });
        assertSameRefusal(loginCap, "the most codes allowed for one sign-in", number -> () -> {
            PhoneSignIn user = new PhoneSignIn(server, loginCap);
            Page codePage = user.number(user.start(), number);
            assertThat(codePage.has("#kc-sms-otp-resend-form")).isFalse();
            return user.browser().post(codePage.form(PhoneSignIn.CODE_FORM).absUrl("action"), Map.of("resend", "true"));
        }, known);
        // The extension's own lockout: wrong codes across codes and logins, per user (or unknown number).
        String lockout = "sms-phone-sign-in-lockout";
        phoneRealm(lockout, Map.of("lockout-after-failures", "2"), r -> { });
        assertSameRefusal(lockout, "Too many wrong codes", number -> () -> {
            PhoneSignIn user = new PhoneSignIn(server, lockout);
            Page page = user.number(user.start(), number);
            for (int i = 0; i < 3; i++) {
                page = user.browser().post(page.form(page.has("#" + PhoneSignIn.CODE_FORM) ? PhoneSignIn.CODE_FORM
                        : "kc-sms-otp-resend-form").absUrl("action"), Map.of("code", "00000" + i));
            }
            return page;
        }, known);
    }

    /** A journey that ends on a page. */
    private interface Journey {
        Page run();

        default Journey andThen(Journey next) {
            return () -> {
                run();
                return next.run();
            };
        }
    }

    private Journey signInFrom(String realm, String address, String number) {
        return () -> {
            PhoneSignIn user = new PhoneSignIn(server, realm, new Browser(address));
            return user.number(user.start(), number);
        };
    }

    /** The known number's journey ends refused, and an unknown number's journey ends on the same page. */
    private void assertSameRefusal(String realm, String refusal, java.util.function.Function<String, Journey> journey,
                                   String known) {
        PageShape knownPage = PageShape.of(journey.apply(known).run());
        PageShape unknownPage = PageShape.of(journey.apply(UNKNOWN).run());
        assertThat(knownPage.messages()).as(realm).anyMatch(m -> m.contains(refusal));
        assertThat(unknownPage).as(realm).isEqualTo(knownPage);
    }

    @Test
    void badNumbersGetAFieldErrorAndNoSms() {
        String realm = "sms-phone-sign-in-bad-input";
        phoneRealm(realm, Map.of("allowed-calling-codes", "1"), r -> { });
        RealmGateway gateway = new RealmGateway(server, realm);
        int before = gateway.all().size();
        Map<String, String> inputs = Map.of(
                "malformed", "call me maybe",
                "other country", "+44 7911 123456",
                "too long", "+1 201 555 0123 " + "9".repeat(60),
                "markup", "<script>alert('sms')</script>",
                "too short", "+1 201 555");
        inputs.forEach((kind, typed) -> {
            PhoneSignIn user = new PhoneSignIn(server, realm);
            Page page = user.number(user.start(), typed);
            assertThat(page.status()).as(kind).isEqualTo(200);
            assertThat(page.has("#input-error-phone")).as(kind + ": " + page.text()).isTrue();
            assertThat(page.has("#" + PhoneSignIn.NUMBER_FORM)).as(kind).isTrue();
            assertThat(page.body()).as(kind).doesNotContain("<script>alert");
        });
        assertThat(gateway.all()).hasSize(before);
    }

    @Test
    void wrongCodesCountForTheNumbersHolderAndALockedHolderGetsNoSms() {
        String realm = "sms-phone-sign-in-brute-force";
        phoneRealm(realm, Map.of(), r -> {
            r.put("bruteForceProtected", true);
            r.put("failureFactor", 2);
            r.put("quickLoginCheckMilliSeconds", 0);
            r.put("waitIncrementSeconds", 600);
            r.put("maxFailureWaitSeconds", 900);
        });
        RealmGateway gateway = new RealmGateway(server, realm);
        String number = SmsLogin.phoneOf("user47");
        PhoneSignIn user = new PhoneSignIn(server, realm);
        Page codePage = user.number(user.start(), number);
        gateway.awaitCode(number);
        Page wrong = user.code(codePage, "000000");
        user.code(wrong, "000001");
        assertThat(admin.bruteForceStatus(realm, "user47").path("numFailures").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(admin.bruteForceStatus(realm, "user47").path("disabled").asBoolean()).isTrue();

        // Locked: the number now gets the pages of an unknown one, and no SMS.
        int sent = gateway.to(number).size();
        PhoneSignIn again = new PhoneSignIn(server, realm);
        PageShape locked = PageShape.of(again.number(again.start(), number));
        PhoneSignIn stranger = new PhoneSignIn(server, realm);
        assertThat(locked).isEqualTo(PageShape.of(stranger.number(stranger.start(), UNKNOWN)));
        PhoneSignIn known = new PhoneSignIn(server, realm);
        awaitCodeAfter(known, realm, SmsLogin.phoneOf("user48"));
        assertThat(gateway.to(number)).hasSize(sent);
    }

    /** Signs in another known number and waits for its SMS: sends before it have had their turn. */
    private void awaitCodeAfter(PhoneSignIn user, String realm, String number) {
        user.number(user.start(), number);
        new RealmGateway(server, realm).awaitCode(number);
    }


    /**
     * The test realm with phone sign-in first in its browser flow (username and password as the
     * alternative), users 41 to 49 holding their numbers as verified; user43's is unverified and
     * user44 is disabled.
     */
    void phoneRealm(String name, Map<String, String> config, Consumer<ObjectNode> tweak) {
        Map<String, String> settings = new java.util.HashMap<>(config);
        settings.putAll(new RealmGateway(server, name).settings());
        admin.createRealm(name, settings, r -> {
            IdentityFlows.phoneSignIn(r, true);
            holdVerifiedNumbers(r);
            tweak.accept(r);
        });
    }

    /** Users 41 to 49 hold their numbers as verified; user43's is unverified and user44 is disabled. */
    public static void holdVerifiedNumbers(ObjectNode realm) {
        for (JsonNode user : realm.withArray("users")) {
            String username = user.path("username").asText();
            if (!username.matches("user4[1-9]")) {
                continue;
            }
            ObjectNode attributes = ((ObjectNode) user).with("attributes");
            attributes.putArray("phoneNumber").add(SmsLogin.phoneOf(username));
            attributes.putArray("phoneNumberVerified").add(username.equals("user43") ? "false" : "true");
            if (username.equals("user44")) {
                ((ObjectNode) user).put("enabled", false);
            }
        }
    }
}
