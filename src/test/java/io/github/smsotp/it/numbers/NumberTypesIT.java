package io.github.smsotp.it.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.IdentityFlows;
import io.github.smsotp.it.clients.JsonHttp;
import io.github.smsotp.it.clients.PhoneSignIn;
import io.github.smsotp.it.clients.Registration;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.RealmGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where SMS pumping earns its money, no code goes: premium-rate, toll-free and shared-cost numbers
 * are refused wherever a number enters (registration, enrollment, phone sign-in, the admin API),
 * with a message naming the kind of number, the event {@code sms_otp_number_refused} (reason
 * {@code number_type}) and nothing at the gateway.
 */
@ExtendWith(KeycloakExtension.class)
public class NumberTypesIT {

    /** Typed as people type them, with the type each is refused as. */
    private static final Map<String, String> REFUSED = Map.of(
            "+44 909 879 0000", "premium-rate",
            "+1 800 555 0100", "toll-free",
            "+34 901 123 456", "shared-cost");
    private static final Map<String, String> PAGE_SAYS = Map.of(
            "premium-rate", "premium-rate or shared-cost numbers",
            "toll-free", "toll-free numbers",
            "shared-cost", "premium-rate or shared-cost numbers");

    private final KeycloakServer server;
    private final AdminApi admin;

    NumberTypesIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @Test
    void registrationRefusesThemOnTheFormAndCreatesNoAccount() {
        String realm = "sms-types-registration";
        Registration.realm(server, realm, Map.of(), r -> { });
        int i = 0;
        for (Map.Entry<String, String> number : REFUSED.entrySet()) {
            String username = "pumper-" + i++;
            Page page = Registration.register(server, new Browser(), realm, username, number.getKey());
            assertThat(page.has("#" + Registration.REGISTER_FORM)).as(number.getKey()).isTrue();
            assertThat(page.textOf("#input-error-phoneNumber")).as(number.getKey())
                    .contains(PAGE_SAYS.get(number.getValue()));
            assertThat(admin.get("/admin/realms/" + realm + "/users?exact=true&username=" + username).size())
                    .as("no account for " + number.getKey()).isZero();
        }
        assertRefusalEvents(admin.get("/admin/realms/" + realm + "/events?type=REGISTER_ERROR&max=100"));
        assertThat(new RealmGateway(server, realm).all()).isEmpty();
    }

    @Test
    void enrollmentRefusesThemOnTheNumberPage() {
        String realm = "sms-types-enrollment";
        admin.createRealm(realm, new RealmGateway(server, realm).settings(),
                r -> AdminApi.enrollmentConfig(r, Map.of("provisioned-numbers", "off")));
        SmsLogin login = new SmsLogin(server, realm, "user26", null);
        Page page = login.passwordStep("it-app");
        for (Map.Entry<String, String> number : REFUSED.entrySet()) {
            page = login.browser().submit(page, "kc-sms-otp-enroll-form", Map.of("phone", number.getKey()));
            assertThat(page.textOf("#input-error-phone")).as(number.getKey()).contains(PAGE_SAYS.get(number.getValue()));
        }
        assertRefusalEvents(admin.events(realm, "user26"));
        assertThat(new RealmGateway(server, realm).all()).isEmpty();
    }

    @Test
    void phoneSignInRefusesThemOnTheNumberPage() {
        String realm = "sms-types-phone";
        admin.createRealm(realm, new RealmGateway(server, realm).settings(), r -> IdentityFlows.phoneSignIn(r, true));
        for (Map.Entry<String, String> number : REFUSED.entrySet()) {
            PhoneSignIn user = new PhoneSignIn(server, realm);
            Page page = user.number(user.start(), number.getKey());
            assertThat(page.has("#" + PhoneSignIn.NUMBER_FORM)).as(number.getKey()).isTrue();
            assertThat(page.textOf("#input-error-phone")).as(number.getKey()).contains(PAGE_SAYS.get(number.getValue()));
        }
        assertRefusalEvents(admin.get("/admin/realms/" + realm + "/events?type=LOGIN_ERROR&max=100"));
        assertThat(new RealmGateway(server, realm).all()).isEmpty();
    }

    @Test
    void theAdminApiRefusesThemWithA400NamingTheType() {
        String realm = "sms-types-admin";
        admin.createRealm(realm, new RealmGateway(server, realm).settings(), r -> {
            for (JsonNode user : r.withArray("users")) {
                if (user.path("username").asText().equals("user30")) {
                    ((ObjectNode) user).with("attributes").putArray("mobile_number").add("+34901123456");
                }
            }
        });
        String userId = admin.userId(realm, "user30");

        HttpResponse<String> set = admin.sms(realm, "PUT", "users/" + userId + "/phone",
                "{\"number\":\"+44 909 879 0000\",\"status\":\"verified\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(400);
        assertThat(JsonHttp.read(set.body()).path("field").asText()).isEqualTo("number");
        assertThat(set.body()).contains("premium-rate").contains("allowed-number-types");

        HttpResponse<String> test = admin.sms(realm, "POST", "test-sms", "{\"to\":\"+1 800 555 0100\"}");
        assertThat(test.statusCode()).as(test.body()).isEqualTo(400);
        assertThat(test.body()).contains("toll-free");

        HttpResponse<String> imported = admin.sms(realm, "POST", "import",
                "{\"source\":\"attribute\",\"attribute\":\"mobile_number\",\"mode\":\"trust\",\"dryRun\":false}");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode report = JsonHttp.read(imported.body());
        assertThat(report.path("imported").asInt()).isZero();
        assertThat(report.path("invalidNumbers").toString()).contains("user30").contains("shared-cost")
                .doesNotContain("+34901123456");
        assertThat(admin.credentials(realm, "user30").toString()).doesNotContain("sms-otp");
        assertThat(new RealmGateway(server, realm).all()).isEmpty();
    }

    /** One refusal event per number, each naming its type. */
    private static void assertRefusalEvents(Iterable<JsonNode> events) {
        List<String> types = new ArrayList<>();
        for (JsonNode event : events) {
            if (event.path("error").asText().equals("sms_otp_number_refused")) {
                assertThat(event.path("details").path("sms_otp_reason").asText()).as(event.toString())
                        .isEqualTo("number_type");
                types.add(event.path("details").path("sms_otp_number_type").asText());
            }
        }
        assertThat(types).containsExactlyInAnyOrderElementsOf(REFUSED.values());
    }
}
