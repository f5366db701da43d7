package io.github.smsotp.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.login.SmsCodeLoginIT;
import io.github.smsotp.it.stubs.GatewayStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an attacker meets: lockouts that survive new codes, send limits enforced before the
 * gateway is called, a country allow-list. Each scenario gets a realm of its own (its counters are
 * per realm) and users no other test uses (the gateway stub is shared).
 */
@ExtendWith(KeycloakExtension.class)
public class AbuseLimitsIT {

    private static final String LIMIT_REACHED = "Too many codes were requested. Please try again in";

    private final KeycloakServer server;
    private final AdminApi admin;

    AbuseLimitsIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @Test
    void wrongSmsCodesLockTheUserThroughTheRealmsBruteForceDetection() {
        String realm = "sms-bf";
        admin.createRealm(realm, Map.of("attempts-per-code", "10", "lockout-after-failures", "0"), r -> r
                .put("bruteForceProtected", true).put("failureFactor", 3).put("quickLoginCheckMilliSeconds", 0)
                .put("waitIncrementSeconds", 600).put("maxFailureWaitSeconds", 900).put("permanentLockout", false));
        SmsLogin login = new SmsLogin(server, realm, "user14", null);
        Page page = login.codePage();
        String code = server.gateway().to(login.phone()).get(0).code();

        // Keycloak's brute-force detector records failures on a thread of its own, after the request.
        // With three wrong codes posted back to back on a loaded machine it once reported 2 failures;
        // so each wrong code waits until its failure is recorded, as a user typing would.
        for (int i = 1; i <= 3; i++) {
            page = login.enter(page, SmsCodeLoginIT.otherThan(code));
            int failures = i;
            await("failure " + i + " of user14 recorded").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> admin.bruteForceStatus(realm, "user14"), s -> s.path("numFailures").asInt() >= failures);
        }
        JsonNode status = await("realm lockout of user14").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> admin.bruteForceStatus(realm, "user14"), s -> s.path("disabled").asBoolean());
        assertThat(status.path("numFailures").asInt()).as(status.toString()).isEqualTo(3);

        Page refused = login.enter(page, code);
        assertThat(refused.loggedIn()).isFalse();
        assertThat(refused.textOf("#input-error-code")).isEqualTo("That code is not right.");
        assertThat(errors(realm, "user14")).contains("user_temporarily_disabled");
    }

    @Test
    void ourLockoutHoldsAcrossNewCodesAndNewLogins() {
        String realm = "sms-lock";
        admin.createRealm(realm, Map.of("attempts-per-code", "2", "resend-cooldown-seconds", "0",
                "lockout-after-failures", "4", "lockout-minutes", "15"), r -> { });
        SmsLogin login = new SmsLogin(server, realm, "user15", null);
        Page page = login.codePage();
        page = login.enter(page, SmsCodeLoginIT.otherThan(latestCode(login)));
        page = login.enter(page, SmsCodeLoginIT.otherThan(latestCode(login)));
        page = login.resend(page);
        page = login.enter(page, SmsCodeLoginIT.otherThan(latestCode(login)));
        String liveCode = latestCode(login);
        page = login.enter(page, SmsCodeLoginIT.otherThan(liveCode));
        assertThat(server.gateway().to(login.phone())).hasSize(2);

        Page locked = login.resend(page);
        assertThat(locked.text()).contains("Too many wrong codes. Please try again in 15 minutes.");
        SmsLogin again = new SmsLogin(server, realm, "user15", null);
        Page fresh = again.passwordStep("it-app");
        assertThat(fresh.text()).contains("Too many wrong codes. Please try again in 15 minutes.");
        assertThat(server.gateway().to(login.phone())).as("nothing sent while locked").hasSize(2);
        assertThat(errors(realm, "user15")).contains("sms_otp_send_refused");
        assertThat(reasons(realm, "user15")).contains("locked");
    }

    @Test
    void aRightCodeResetsOurFailureCount() {
        String realm = "sms-lock-reset";
        admin.createRealm(realm, Map.of("attempts-per-code", "5", "lockout-after-failures", "3"), r -> { });
        for (int round = 0; round < 2; round++) {
            SmsLogin login = new SmsLogin(server, realm, "user16", null);
            Page page = login.codePage();
            String code = latestCode(login);
            page = login.enter(page, SmsCodeLoginIT.otherThan(code));
            page = login.enter(page, SmsCodeLoginIT.otherThan(code));
            Page done = login.enter(page, code);
            assertThat(done.loggedIn()).as("round %d: %s", round, done.text()).isTrue();
        }
    }

    @Test
    void sendLimitsPerUserNumberAndAddressRefuseBeforeTheGateway() {
        String realm = "sms-limits";
        admin.createRealm(realm, Map.of("resend-cooldown-seconds", "0", "sends-per-login", "10",
                "limit-user-sends-per-hour", "2", "limit-number-sends-per-10-minutes", "3",
                "limit-ip-sends-per-hour", "3", "limit-realm-sends-per-hour", "0"),
                r -> setPhone(r, "user19", SmsLogin.phoneOf("user18")));

        // Per user: the third SMS within the hour is refused.
        SmsLogin user = new SmsLogin(server, realm, "user17", "198.51.100.17");
        Page page = user.resend(user.codePage());
        Page refused = user.resend(page);
        assertThat(refused.text()).contains(LIMIT_REACHED + " 60 minutes.");
        assertThat(server.gateway().to(user.phone())).hasSize(2);
        assertThat(reasons(realm, "user17")).contains("user_limit");

        // Per number: two users sharing one number get three SMS between them.
        SmsLogin first = new SmsLogin(server, realm, "user18", "198.51.100.18");
        first.resend(first.codePage());
        SmsLogin second = new SmsLogin(server, realm, "user19", "198.51.100.19");
        Page secondPage = second.codePage();
        assertThat(second.resend(secondPage).text()).contains(LIMIT_REACHED + " 10 minutes.");
        assertThat(server.gateway().to(SmsLogin.phoneOf("user18"))).hasSize(3);
        assertThat(reasons(realm, "user19")).contains("number_limit");

        // Per address: three SMS from one address, whoever asks.
        SmsLogin a = new SmsLogin(server, realm, "user20", "198.51.100.20");
        a.resend(a.codePage());
        SmsLogin b = new SmsLogin(server, realm, "user21", "198.51.100.20");
        Page bPage = b.codePage();
        Page bRefused = b.resend(bPage);
        assertThat(bRefused.text()).contains(LIMIT_REACHED + " 60 minutes.");
        assertThat(server.gateway().to(b.phone())).hasSize(1);
        assertThat(reasons(realm, "user21")).contains("ip_limit");

        // A refused send is not a wrong code: the code already sent still works.
        Page done = b.enter(bRefused, server.gateway().to(b.phone()).get(0).code());
        assertThat(done.loggedIn()).as(done.text()).isTrue();
    }

    @Test
    void aSendRefusedByALaterLimitLeavesTheEarlierLimitsCountsAsTheyWere() {
        String realm = "sms-limit-order";
        admin.createRealm(realm, Map.of("resend-cooldown-seconds", "0", "limit-user-sends-per-hour", "3",
                "limit-ip-sends-per-hour", "1", "limit-number-sends-per-10-minutes", "0",
                "limit-realm-sends-per-hour", "0"), r -> { });
        String address = "198.51.100.32";
        String phone = SmsLogin.phoneOf("user32");
        int sentBefore = server.gateway().to(phone).size();
        new SmsLogin(server, realm, "user32", address).codePage();

        // The user limit is checked first and claims its slot; the address limit then refuses.
        for (int login = 2; login <= 3; login++) {
            SmsLogin refused = new SmsLogin(server, realm, "user32", address);
            Page page = refused.passwordStep("it-app");
            assertThat(page.text()).as("login %d", login).contains(LIMIT_REACHED + " 60 minutes.");
            // A reload of the refused page tries again, and is refused again.
            assertThat(refused.reload(page).text()).contains(LIMIT_REACHED + " 60 minutes.");
        }
        assertThat(reasons(realm, "user32")).contains("ip_limit").doesNotContain("user_limit");

        // With the address limit raised, the user has had 1 SMS of 3: two more go out, the next is refused.
        admin.updateStepConfig(realm, Map.of("limit-ip-sends-per-hour", "100"));
        new SmsLogin(server, realm, "user32", address).codePage();
        new SmsLogin(server, realm, "user32", address).codePage();
        Page capped = new SmsLogin(server, realm, "user32", address).passwordStep("it-app");
        assertThat(capped.text()).contains(LIMIT_REACHED + " 60 minutes.");
        assertThat(reasons(realm, "user32")).contains("user_limit");
        assertThat(server.gateway().to(phone)).hasSize(sentBefore + 3);
    }

    @Test
    void ipv6ClientsAreLimitedPerSlash64() {
        String realm = "sms-ipv6";
        admin.createRealm(realm, Map.of("limit-ip-sends-per-hour", "1", "limit-user-sends-per-hour", "0",
                "limit-number-sends-per-10-minutes", "0", "limit-realm-sends-per-hour", "0"), r -> { });
        new SmsLogin(server, realm, "user36", "2001:db8:36:1::1").codePage();

        // Another address of the same /64: the same client, refused.
        SmsLogin sameNetwork = new SmsLogin(server, realm, "user37", "2001:db8:36:1:ffff:ffff:ffff:fffe");
        int sentBefore = server.gateway().to(sameNetwork.phone()).size();
        Page refused = sameNetwork.passwordStep("it-app");
        assertThat(refused.text()).contains(LIMIT_REACHED + " 60 minutes.");
        assertThat(reasons(realm, "user37")).contains("ip_limit");
        assertThat(admin.events(realm, "user37")).as("Keycloak saw the client's IPv6 address")
                .anyMatch(e -> e.path("ipAddress").asText().startsWith("2001:db8:36:1:"));
        assertThat(server.gateway().to(sameNetwork.phone())).hasSize(sentBefore);

        // The next /64 is another client.
        new SmsLogin(server, realm, "user38", "2001:db8:36:2::1").codePage();
    }

    @Test
    void theRealmBudgetCapsAllSends() {
        String realm = "sms-budget";
        admin.createRealm(realm, Map.of("limit-realm-sends-per-hour", "2"), r -> { });
        new SmsLogin(server, realm, "user22", "198.51.100.22").codePage();
        new SmsLogin(server, realm, "user23", "198.51.100.23").codePage();

        SmsLogin third = new SmsLogin(server, realm, "user24", "198.51.100.24");
        Page refused = third.passwordStep("it-app");
        assertThat(refused.text()).contains(LIMIT_REACHED + " 60 minutes.");
        assertThat(refused.has("#kc-sms-otp-form")).as("no code was sent, none can be entered").isFalse();
        assertThat(server.gateway().to(third.phone())).isEmpty();
        assertThat(reasons(realm, "user24")).contains("realm_limit");
    }

    @Test
    void aNumberOutsideTheAllowedCountriesNeverReachesTheGateway() {
        String realm = "sms-country";
        admin.createRealm(realm, Map.of("allowed-calling-codes", "44, 49"), r -> { });
        SmsLogin login = new SmsLogin(server, realm, "user25", null);

        Page page = login.passwordStep("it-app");
        assertThat(page.status()).isLessThan(500);
        assertThat(page.text()).contains("We cannot send SMS to the country of your phone number.");
        assertThat(server.gateway().to(login.phone())).isEmpty();
        assertThat(reasons(realm, "user25")).contains("country");
    }

    private String latestCode(SmsLogin login) {
        List<GatewayStub.Received> sms = server.gateway().to(login.phone());
        return sms.get(sms.size() - 1).code();
    }

    private List<String> errors(String realm, String username) {
        return admin.events(realm, username).stream().map(e -> e.path("error").asText()).toList();
    }

    /** The reasons of the user's refusal events, which also carry the masked number, never the full one. */
    private List<String> reasons(String realm, String username) {
        List<JsonNode> events = admin.events(realm, username);
        for (JsonNode event : events) {
            String details = event.path("details").toString();
            assertThat(details).doesNotContain(SmsLogin.phoneOf(username).substring(2));
        }
        return events.stream().filter(e -> e.path("details").has("sms_otp_reason"))
                .peek(e -> assertThat(e.path("details").path("sms_otp_phone").asText()).contains("\u2022"))
                .map(e -> e.path("details").path("sms_otp_reason").asText()).toList();
    }

    private static void setPhone(ObjectNode realm, String username, String phone) {
        for (JsonNode user : realm.withArray("users")) {
            if (user.path("username").asText().equals(username)) {
                ((ObjectNode) user).putObject("attributes").putArray("phone_number").add(phone);
            }
        }
    }
}
