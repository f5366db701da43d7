package io.github.smsotp.it.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.it.clients.AccountApi;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What enrollment must not do before the second factor is passed or across numbers: persist
 * anything on the user, send without limit, or let a password alone replace a provisioned
 * number; and what it must leave behind: credential events an auditor can follow.
 */
@ExtendWith(KeycloakExtension.class)
public class EnrollmentSafetyIT {

    private static final String ENROLL_FORM = "kc-sms-otp-enroll-form";
    private static final String CHANGE_FORM = "kc-sms-otp-change-form";

    private final KeycloakServer server;
    private final AdminApi admin;

    EnrollmentSafetyIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @Test
    void userSetupAsksForANumberWithoutStoringARequiredActionOnTheUser() {
        String realm = "sms-setup-session";
        admin.createRealm(realm, Map.of(), r -> AdminApi.enrollmentConfig(r, Map.of("provisioned-numbers", "off")));

        Page enroll = new SmsLogin(server, realm, "user31", null).passwordStep("it-app");
        assertThat(enroll.has("#" + ENROLL_FORM)).as(enroll.text()).isTrue();
        // The user walks away here: only a password was given, so nothing may stick to the account.
        assertThat(admin.user(realm, "user31").path("requiredActions")).as("required actions stored on the user")
                .isEmpty();

        Page again = new SmsLogin(server, realm, "user31", null).passwordStep("it-app");
        assertThat(again.has("#" + ENROLL_FORM)).as("the next login still enrolls: " + again.text()).isTrue();
        assertThat(admin.user(realm, "user31").path("requiredActions")).isEmpty();
    }

    @Test
    void enrollingReplacingAndRemovingANumberAreCredentialEvents() {
        String realm = "sms-credential-events";
        admin.createRealm(realm, Map.of(), r -> AdminApi.enrollmentConfig(r, Map.of("provisioned-numbers", "off")));
        SmsLogin login = new SmsLogin(server, realm, "user32", null);

        Page confirm = login.browser().submit(login.passwordStep("it-app"), ENROLL_FORM,
                Map.of("phone", "+1 201 555 7632"));
        Page done = login.enter(confirm, latestCode("+12015557632"));
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        String first = smsCredentialId(realm, "user32");
        assertThat(events(realm, "UPDATE_CREDENTIAL")).singleElement()
                .satisfies(e -> assertThat(e.path("details").path("credential_type").asText()).isEqualTo("sms-otp"));

        // A new number replaces the old credential: the old one's removal is on record too.
        Page change = login.browser().get(server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/auth"
                + "?client_id=it-app&response_type=code&scope=openid&kc_action=sms-otp-phone&redirect_uri="
                + Browser.CALLBACK);
        Page changed = login.enter(login.browser().submit(change, ENROLL_FORM, Map.of("phone", "+1 201 555 7732")),
                latestCode("+12015557732"));
        assertThat(changed.loggedIn()).as(changed.text()).isTrue();
        assertThat(events(realm, "UPDATE_CREDENTIAL")).hasSize(2);
        assertThat(events(realm, "REMOVE_CREDENTIAL")).singleElement().satisfies(e -> {
            assertThat(e.path("details").path("credential_type").asText()).isEqualTo("sms-otp");
            assertThat(e.path("details").path("selected_credential_id").asText()).isEqualTo(first);
            assertThat(e.path("details").toString()).contains("7632").doesNotContain("2015557632");
        });

        AccountApi account = new AccountApi(server, realm, changed);
        String second = account.smsCredential().orElseThrow().path("id").asText();
        assertThat(account.delete(second)).isEqualTo(204);
        assertThat(events(realm, "REMOVE_CREDENTIAL")).hasSize(2).first().satisfies(e -> {
            assertThat(e.path("details").path("credential_type").asText()).isEqualTo("sms-otp");
            assertThat(e.path("details").path("selected_credential_id").asText()).isEqualTo(second);
        });
    }

    @Test
    void theSendCapAndTheCooldownSpanEveryNumberTriedInOneLogin() {
        String realm = "sms-enroll-cap";
        admin.createRealm(realm, Map.of(), r -> AdminApi.enrollmentConfig(r, Map.of("provisioned-numbers", "off",
                "sends-per-login", "3", "resend-cooldown-seconds", "20")));
        SmsLogin login = new SmsLogin(server, realm, "user33", null);
        List<String> numbers = List.of("+12015557833", "+12015557933", "+12015558033", "+12015558133");

        Page page = typeNumber(login, login.passwordStep("it-app"), numbers.get(0));
        assertThat(server.gateway().to(numbers.get(0))).hasSize(1);

        // Straight to another number: the cooldown of the first code applies.
        page = typeNumber(login, page, numbers.get(1));
        assertThat(page.text()).contains("Please wait");
        assertThat(server.gateway().to(numbers.get(1))).as("sent within the cooldown").isEmpty();
        page = login.awaitCodeTo(page, numbers.get(1));
        assertThat(server.gateway().to(numbers.get(1))).hasSize(1);

        page = login.awaitCodeTo(typeNumber(login, page, numbers.get(2)), numbers.get(2));
        assertThat(server.gateway().to(numbers.get(2))).hasSize(1);

        // Three sends in this login: a fourth number gets nothing, once the cooldown is over either.
        AtomicReference<Page> last = new AtomicReference<>(page);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            last.set(typeNumber(login, last.get(), numbers.get(3)));
            return last.get().text().contains("most codes allowed for one sign-in");
        });
        assertThat(server.gateway().to(numbers.get(3))).isEmpty();
        assertThat(numbers.stream().mapToInt(n -> server.gateway().to(n).size()).sum()).isEqualTo(3);
    }

    @Test
    void inVerifyModeAPasswordAloneCannotSwapTheProvisionedNumberForAnother() {
        String realm = "sms-enroll-fixed";
        admin.createRealm(realm, Map.of(), r -> AdminApi.enrollmentConfig(r, Map.of("provisioned-numbers", "verify", "code-lifetime-seconds", "600")));
        SmsLogin login = new SmsLogin(server, realm, "user34", null);
        Page confirm = login.passwordStep("it-app");
        assertThat(confirm.text()).as(confirm.text()).contains("Confirm your mobile number").contains("1034");
        int sent = server.gateway().all().size();

        Page refused = login.browser().submit(confirm, CHANGE_FORM, Map.of("change", "true"));
        assertThat(refused.has("#" + ENROLL_FORM)).as(refused.text()).isFalse();
        assertThat(refused.text()).contains("ask your administrator to change it").contains("1034");

        // Typing another number straight into the form (as the number page would post it) is refused too.
        Page typed = login.post(refused, Map.of("phone", "+1 201 555 7834"));
        assertThat(typed.text()).as(typed.text()).contains("ask your administrator to change it").contains("1034");
        assertThat(server.gateway().to("+12015557834")).isEmpty();
        assertThat(server.gateway().all()).as("nothing sent by the refusals").hasSize(sent);

        Page done = login.enter(typed, latestCode(login.phone()));
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        assertThat(new AccountApi(server, realm, done).smsCredential().orElseThrow().path("userLabel").asText())
                .endsWith("1034");
        assertThat(admin.events(realm, "user34")).anySatisfy(e -> {
            assertThat(e.path("error").asText()).isEqualTo("sms_otp_number_refused");
            assertThat(e.path("details").path("sms_otp_reason").asText()).isEqualTo("provisioned_number");
        });
    }

    /** From the code page ("Use another number") or the number page, types a number. */
    private static Page typeNumber(SmsLogin login, Page page, String number) {
        Page form = page.has("#" + CHANGE_FORM) ? login.browser().submit(page, CHANGE_FORM, Map.of("change", "true"))
                : page;
        return login.browser().submit(form, ENROLL_FORM, Map.of("phone", number));
    }

    private List<JsonNode> events(String realm, String type) {
        return admin.events(realm, "user32").stream().filter(e -> e.path("type").asText().equals(type)).toList();
    }

    private String smsCredentialId(String realm, String username) {
        for (JsonNode credential : admin.credentials(realm, username)) {
            if (credential.path("type").asText().equals("sms-otp")) {
                return credential.path("id").asText();
            }
        }
        throw new AssertionError("no SMS credential: " + admin.credentials(realm, username));
    }

    private String latestCode(String number) {
        return server.gateway().latestTo(number).orElseThrow(() -> new AssertionError("no SMS to " + number)).code();
    }
}
