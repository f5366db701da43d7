package io.github.smsotp.it.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AccountApi;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.Registration;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.RealmGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Registration with a mobile number ({@code sms-otp-registration-phone}): the number is checked on
 * the registration page, confirmed by code before the first sign-in ends, and then the verified
 * phone number of the account; the user cannot change it by editing the profile.
 */
@ExtendWith(KeycloakExtension.class)
public class RegistrationPhoneIT {

    private static final String REGISTER_FORM = Registration.REGISTER_FORM;
    private static final String CODE_FORM = Registration.CODE_FORM;

    private final KeycloakServer server;
    private final AdminApi admin;

    RegistrationPhoneIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @Test
    void aNewUserRegistersWithANumberConfirmsItAndTheIdTokenSaysItIsVerified() {
        String realm = "sms-registration";
        registrationRealm(realm, Map.of());
        Browser browser = new Browser();
        Page confirm = register(browser, realm, "newcomer1", "+1 201 555 7301");
        assertThat(confirm.has("#" + CODE_FORM)).as(confirm.text()).isTrue();
        // Not yet confirmed: the account holds the number as unverified.
        JsonNode before = admin.user(realm, "newcomer1").path("attributes");
        assertThat(before.path("phoneNumber").get(0).asText()).isEqualTo("+12015557301");
        assertThat(before.path("phoneNumberVerified").get(0).asText()).isEqualTo("false");

        Page done = browser.submit(confirm, CODE_FORM, Map.of("code",
                new RealmGateway(server, realm).awaitCode("+12015557301")));
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        AccountApi account = new AccountApi(server, realm, done);
        JsonNode idToken = account.idToken();
        assertThat(idToken.path("phone_number").asText()).isEqualTo("+12015557301");
        assertThat(idToken.path("phone_number_verified").asBoolean()).isTrue();

        // The profile keeps the number: an unchanged save works, a changed one is refused.
        ObjectNode profile = (ObjectNode) account.profile();
        assertThat(account.updateProfile(profile)).isEqualTo(204);
        ((ObjectNode) profile.path("attributes")).putArray("phoneNumber").add("+12015557399");
        assertThat(account.updateProfile(profile)).isEqualTo(400);
        assertThat(account.refreshedIdToken().path("phone_number").asText()).isEqualTo("+12015557301");
    }

    @Test
    void badNumbersGetAFieldErrorOnTheRegistrationPageAndNoAccountAndNoSms() {
        String realm = "sms-registration-bad-input";
        registrationRealm(realm, Map.of("allowed-calling-codes", "1"));
        RealmGateway gateway = new RealmGateway(server, realm);
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("missing", "");
        inputs.put("malformed", "call me maybe");
        inputs.put("other country", "+44 7911 123456");
        inputs.put("too long", "+1 201 555 0123 " + "9".repeat(60));
        inputs.put("markup", "<img src=x onerror=alert(1)>");
        int i = 0;
        for (Map.Entry<String, String> input : inputs.entrySet()) {
            String username = "bad-input-" + i++;
            Page page = register(new Browser(), realm, username, input.getValue());
            assertThat(page.status()).as(input.getKey()).isEqualTo(200);
            assertThat(page.has("#" + REGISTER_FORM)).as(input.getKey() + ": " + page.text()).isTrue();
            assertThat(page.has("#input-error-phoneNumber")).as(input.getKey() + ": " + page.text()).isTrue();
            assertThat(page.body()).as(input.getKey()).doesNotContain("<img src=x");
            assertThat(admin.get("/admin/realms/" + realm + "/users?exact=true&username=" + username).size())
                    .as(input.getKey() + ": no account").isZero();
        }
        assertThat(gateway.all()).isEmpty();
    }

    @Test
    void aNumberAnotherAccountHoldsIsRefusedOnlyAfterItsCodeAndNothingIsStored() {
        String realm = "sms-registration-taken";
        registrationRealm(realm, Map.of());
        // user41 signs in once with the code: the number becomes its verified one.
        SmsLogin holder = new SmsLogin(server, realm, "user41", null);
        Page holderCode = holder.codePage();
        RealmGateway gateway = new RealmGateway(server, realm);
        assertThat(holder.enter(holderCode, gateway.awaitCode(holder.phone())).loggedIn()).isTrue();

        int toHolder = gateway.to(holder.phone()).size();
        Browser browser = new Browser();
        Page confirm = register(browser, realm, "newcomer2", holder.phone());
        assertThat(confirm.has("#" + CODE_FORM)).as("nothing told before the code: " + confirm.text()).isTrue();
        gateway.awaitCount(holder.phone(), toHolder + 1);
        String code = gateway.awaitCode(holder.phone());
        Page refused = browser.submit(confirm, CODE_FORM, Map.of("code", code));
        assertThat(refused.text()).contains("already used by another account");
        assertThat(admin.user(realm, "newcomer2").path("attributes").path("phoneNumberVerified").get(0).asText())
                .isEqualTo("false");
        assertThat(admin.credentials(realm, "newcomer2").toString()).doesNotContain("sms-otp");
    }

    private Page register(Browser browser, String realm, String username, String number) {
        return Registration.register(server, browser, realm, username, number);
    }

    private void registrationRealm(String name, Map<String, String> enrollment) {
        Registration.realm(server, name, enrollment, r -> { });
    }
}
