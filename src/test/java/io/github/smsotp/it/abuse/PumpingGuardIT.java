package io.github.smsotp.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.JsonHttp;
import io.github.smsotp.it.clients.PumpingAttack;
import io.github.smsotp.it.clients.Registration;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.RealmGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SMS pumping against a realm at its default limits and guard ({@link PumpingAttack}): what counts
 * is what the gateway received, that users with proven numbers sign in all along, and what the
 * admin sees and can do.
 */
@ExtendWith(KeycloakExtension.class)
public class PumpingGuardIT {

    /** Registrations in the attack, each from its own address to its own number. */
    private static final int ATTACK = 1000;

    private final KeycloakServer server;
    private final AdminApi admin;

    PumpingGuardIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @Test
    void aThousandRegistrationsToOneCountryAbroadLeakFewSmsWhileProvenNumbersSignIn() throws Exception {
        String realm = "sms-pumping";
        PumpingAttack.createRealm(server, realm, Map.of());
        PumpingAttack attack = new PumpingAttack(server, realm);
        RealmGateway gateway = new RealmGateway(server, realm);

        PumpingAttack.Outcome outcome = attack.run(ATTACK, 8);

        System.out.printf("Pumping attack on Keycloak %s: %s%n", KeycloakServer.version(), outcome);
        assertThat(outcome.leaked()).as("SMS that reached the gateway").isLessThanOrEqualTo(100);
        assertThat(outcome.refused()).isGreaterThanOrEqualTo(ATTACK - 100);
        assertThat(outcome.failedSignIns()).as("sign-ins with proven numbers during the attack").isEmpty();
        assertThat(outcome.signIns()).isPositive();
        assertThat(attack.signIn("user15", "10.200.255.1")).as("a sign-in after the attack").isNull();

        // What the admin sees: events with the range, one log line for the throttle, no number in clear.
        List<JsonNode> refusals = new ArrayList<>();
        admin.get("/admin/realms/" + realm + "/events?max=5000").forEach(refusals::add);
        refusals.removeIf(e -> !e.path("details").path("sms_otp_reason").asText().equals("range_throttled"));
        assertThat(refusals).hasSizeGreaterThanOrEqualTo(ATTACK - 100);
        assertThat(refusals.get(0).path("error").asText()).isEqualTo("sms_otp_send_refused");
        assertThat(refusals.get(0).path("details").path("sms_otp_calling_code").asText()).isEqualTo("371");
        assertThat(refusals.get(0).path("details").path("sms_otp_range").asText()).isEqualTo(PumpingAttack.COUNTRY);
        String log = server.log();
        assertThat(log.lines().filter(line -> line.contains("SMS pumping guard in realm '" + realm + "'")
                && line.contains("too few codes"))).as("one line per throttle, never per send").hasSize(1);
        assertThat(Pattern.compile("3712[0-9]{7}").matcher(log).find()).as("a full number in the log").isFalse();

        // Registrations elsewhere go on.
        Page elsewhere = Registration.register(server, new Browser("10.201.0.1"), realm, "newcomer-de", "+49 1512 3456789");
        assertThat(elsewhere.text()).doesNotContain(PumpingAttack.THROTTLED);
        gateway.awaitCount("+4915123456789", 1);

        // The admin lists the throttle and lifts it: the country's next code goes out.
        JsonNode listed = JsonHttp.read(admin.sms(realm, "GET", "guard", null).body());
        assertThat(listed.toString()).contains("\"range\":\"+371\"").contains("\"callingCode\":\"371\"");
        HttpResponse<String> lifted = admin.sms(realm, "DELETE", "guard/+371", null);
        assertThat(lifted.statusCode()).as(lifted.body()).isEqualTo(204);
        assertThat(JsonHttp.read(admin.sms(realm, "GET", "guard", null).body()).toString()).doesNotContain("\"+371\"");
        assertThat(admin.sms(realm, "DELETE", "guard/+371", null).statusCode()).as("lifted already").isEqualTo(404);
        assertThat(admin.sms(realm, "DELETE", "guard/not-a-range", null).statusCode()).isEqualTo(400);
        assertThat(admin.get("/admin/realms/" + realm + "/admin-events?max=100").toString())
                .contains("sms-otp/guard/+371").contains("DELETE");
        Page freed = Registration.register(server, new Browser("10.201.0.2"), realm, "newcomer-lv", "+371 2999 0001");
        assertThat(freed.text()).doesNotContain(PumpingAttack.THROTTLED);
        gateway.awaitCount("+37129990001", 1);
    }

    @Test
    void aSlowerAttackBelowTheRangeThresholdsSpendsOnlyTheUnprovenBudget() {
        String realm = "sms-pumping-slow";
        // A budget of 100 SMS an hour, a tenth of it for unproven numbers; countries judged late, so
        // that one send to each of 30 blocks stays below every threshold.
        PumpingAttack.createRealm(server, realm, Map.of("limit-realm-sends-per-hour", "100", "guard-country-sends", "1000"));
        RealmGateway gateway = new RealmGateway(server, realm);
        int refused = 0;
        for (int i = 0; i < 30; i++) {
            Page page = Registration.register(server, new Browser(PumpingAttack.address(i)), realm,
                    String.format("slow-%02d", i), String.format("+371 2%03d 0000", i));
            refused += page.text().contains("Too many codes were requested") ? 1 : 0;
        }
        assertThat(gateway.all()).as("the unproven budget").hasSize(10);
        assertThat(refused).isEqualTo(20);
        List<String> reasons = new ArrayList<>();
        admin.get("/admin/realms/" + realm + "/events?max=500").forEach(e -> reasons.add(
                e.path("details").path("sms_otp_reason").asText()));
        assertThat(reasons).contains("unproven_limit").doesNotContain("range_throttled");
        assertThat(new PumpingAttack(server, realm).signIn("user05", "10.202.0.1"))
                .as("sign-ins keep the rest of the budget").isNull();
    }
}
