package io.github.smsotp.it.senders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.PrometheusScrape;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.harness.ReleaseMatrix;
import io.github.smsotp.it.stubs.GatewayStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Routing by country on the real server: each country's SMS reaches its route's gateway and no
 * other, the allow-list refuses a country before any route, and events and metrics name the route.
 */
@Tag(ReleaseMatrix.BUILT_RELEASE_ONLY)
@ExtendWith(KeycloakExtension.class)
public class CountryRoutingIT {

    private static final String REALM = "sms-routes";
    private static final String US_USER = "user01";
    private static final String US_PHONE = "+12015551001";
    private static final String DE_USER = "user02";
    private static final String DE_PHONE = "+4915123450002";
    private static final String AT_USER = "user04";
    private static final String AT_PHONE = "+436641234567";
    private static final String GB_USER = "user03";
    private static final String GB_PHONE = "+447911123456";

    private static GatewayStub americas;
    private static GatewayStub europe;

    private final KeycloakServer server;
    private final AdminApi admin;

    CountryRoutingIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @BeforeAll
    static void createRealm(KeycloakServer server) throws Exception {
        americas = new GatewayStub();
        europe = new GatewayStub();
        new AdminApi(server).createRealm(REALM, Map.of(
                "routes", "1 -> http@us; 49,41 -> http@eu; 43 -> http@at",
                "us.url", "http://127.0.0.1:" + americas.port() + "/us",
                "eu.url", "http://127.0.0.1:" + europe.port() + "/eu",
                "eu.auth-value", "Bearer eu-token",
                // Nothing listens on port 9: the route fails, and the fallback takes over.
                "at.url", "http://127.0.0.1:9/down",
                "fallback-sender", "log",
                "allowed-calling-codes", "1, 49, 43, 41"), realm -> {
                    setPhone(realm, DE_USER, DE_PHONE);
                    setPhone(realm, AT_USER, AT_PHONE);
                    setPhone(realm, GB_USER, GB_PHONE);
                });
    }

    @AfterAll
    static void stopGateways() {
        americas.close();
        europe.close();
    }

    @Test
    void eachCountrysSmsReachesItsRoutesGatewayOnlyAndSignsTheUserIn() {
        PrometheusScrape before = PrometheusScrape.of(server);
        // The shared realm's user01 has this number too: earlier tests of this server sent to it.
        int ownSenderBefore = server.gateway().to(US_PHONE, "/sms").size();

        SmsLogin american = new SmsLogin(server, REALM, US_USER, null);
        Page usPage = american.codePage();
        SmsLogin german = new SmsLogin(server, REALM, DE_USER, null);
        Page dePage = german.codePage();

        assertThat(americas.to(US_PHONE)).hasSize(1);
        assertThat(europe.to(DE_PHONE)).hasSize(1);
        assertThat(europe.to(US_PHONE)).isEmpty();
        assertThat(americas.to(DE_PHONE)).isEmpty();
        assertThat(server.gateway().to(US_PHONE, "/sms")).as("the step's own sender is not used")
                .hasSize(ownSenderBefore);
        assertThat(europe.to(DE_PHONE).get(0).header("Authorization")).isEqualTo("Bearer eu-token");
        assertThat(americas.to(US_PHONE).get(0).header("Authorization")).as("a route's settings are its own").isNull();

        assertThat(german.enter(dePage, europe.to(DE_PHONE).get(0).code()).loggedIn()).isTrue();
        assertThat(american.enter(usPage, americas.to(US_PHONE).get(0).code()).loggedIn()).isTrue();
        assertThat(sendEvent(DE_USER).path("details").path("sms_otp_sender").asText()).isEqualTo("eu");
        assertThat(sendEvent(US_USER).path("details").path("sms_otp_sender").asText()).isEqualTo("us");
        PrometheusScrape after = PrometheusScrape.of(server);
        assertThat(after.since(before, "sms_otp_codes_sent_total", Map.of("realm", REALM, "sender", "eu"))).isEqualTo(1);
        assertThat(after.since(before, "sms_otp_codes_sent_total", Map.of("realm", REALM, "sender", "us"))).isEqualTo(1);
    }

    @Test
    void whenARoutesSenderFailsTheFallbackDeliversAsWithoutRoutes() {
        SmsLogin austrian = new SmsLogin(server, REALM, AT_USER, null);
        Page page = austrian.codePage();

        Matcher logged = Pattern.compile("SIMULATED SMS .* to \\" + AT_PHONE + ": ([0-9]{6}) ").matcher(server.log());
        assertThat(logged.find()).as("the fallback (log) sender delivered").isTrue();
        assertThat(server.log()).contains("sender 'at' failed, trying fallback 'log'");
        assertThat(austrian.enter(page, logged.group(1)).loggedIn()).isTrue();
        assertThat(sendEvent(AT_USER).path("details").path("sms_otp_sender").asText()).isEqualTo("log");
    }

    @Test
    void theAllowListRefusesACountryBeforeAnyRouteIsTried() {
        Page page = new SmsLogin(server, REALM, GB_USER, null).passwordStep("it-app");

        assertThat(page.status()).isLessThan(500);
        assertThat(page.text()).contains("We cannot send SMS to the country of your phone number.");
        assertThat(americas.to(GB_PHONE)).isEmpty();
        assertThat(europe.to(GB_PHONE)).isEmpty();
        assertThat(admin.reasons(REALM, GB_USER)).contains("country");
    }

    /** The user's sign-in event. */
    private JsonNode sendEvent(String username) {
        return admin.events(REALM, username).stream().filter(e -> e.path("type").asText().equals("LOGIN"))
                .findFirst().orElseThrow();
    }

    private static void setPhone(ObjectNode realm, String username, String phone) {
        for (JsonNode user : realm.withArray("users")) {
            if (user.path("username").asText().equals(username)) {
                ((ObjectNode) user).putObject("attributes").putArray("phone_number").add(phone);
            }
        }
    }
}
