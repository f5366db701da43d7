package io.github.smsotp.it.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AccountApi;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.GatewayStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A verified number is the user's phone number for every client: Keycloak's built-in {@code phone}
 * scope puts it into tokens as {@code phone_number} and {@code phone_number_verified}, with no mapper
 * of ours. Users cannot change either by editing their profile; removing the number ends the claim
 * that it is verified.
 */
@ExtendWith(KeycloakExtension.class)
public class PhoneClaimsIT {

    private static final String ENROLL_FORM = "kc-sms-otp-enroll-form";

    private final KeycloakServer server;
    private final AdminApi admin;

    PhoneClaimsIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @Test
    void anEnrolledNumberIsInTheTokensOfClientsAskingForThePhoneScopeAndTheUserCannotEditIt() {
        String realm = "sms-phone-claims";
        admin.createRealm(realm, Map.of(), r -> AdminApi.enrollmentConfig(r, Map.of("provisioned-numbers", "off")));
        SmsLogin login = new SmsLogin(server, realm, "user39", null);
        Page enroll = login.passwordStep("it-app", "openid phone");
        assertThat(enroll.has("#" + ENROLL_FORM)).as(enroll.text()).isTrue();
        Page confirm = login.browser().submit(enroll, ENROLL_FORM, Map.of("phone", "+1 201 555 7139"));
        Page done = login.enter(confirm, latestCode("+12015557139"));
        assertThat(done.loggedIn()).as(done.text()).isTrue();

        AccountApi account = new AccountApi(server, realm, done);
        JsonNode idToken = account.idToken();
        assertThat(idToken.path("phone_number").asText()).isEqualTo("+12015557139");
        assertThat(idToken.path("phone_number_verified").isBoolean()).as("a JSON boolean").isTrue();
        assertThat(idToken.path("phone_number_verified").asBoolean()).isTrue();

        // The Account Console's "Personal info" does not show or take either attribute.
        ObjectNode profile = (ObjectNode) account.profile();
        assertThat(profile.path("attributes").has("phoneNumber")).isFalse();
        profile.putObject("attributes").putArray("phoneNumber").add("+12015550000");
        ((ObjectNode) profile.path("attributes")).putArray("phoneNumberVerified").add("true");
        int saved = account.updateProfile(profile);
        assertThat(saved).as("saved or refused, never taken").isIn(204, 400);
        JsonNode refreshed = account.refreshedIdToken();
        assertThat(refreshed.path("phone_number").asText()).isEqualTo("+12015557139");
        assertThat(refreshed.path("phone_number_verified").asBoolean()).isTrue();

        // Removed in the Account Console: no token claims a verified number any more.
        assertThat(account.delete(account.smsCredential().orElseThrow().path("id").asText())).isEqualTo(204);
        assertThat(account.refreshedIdToken().path("phone_number_verified").asBoolean()).isFalse();
    }

    @Test
    void aTrustedNumberBecomesTheVerifiedPhoneNumberAtTheUsersNextSmsSignIn() {
        String realm = "sms-phone-claims-trusted";
        // The test realm trusts provisioned numbers: this user has one, and no claim yet.
        admin.createRealm(realm, Map.of(), r -> { });
        SmsLogin login = new SmsLogin(server, realm, "user40", null);
        Page codePage = login.passwordStep("it-app", "openid phone");
        assertThat(codePage.has("#kc-sms-otp-form")).as(codePage.text()).isTrue();
        Page done = login.enter(codePage, latestCode(login.phone()));
        assertThat(done.loggedIn()).as(done.text()).isTrue();

        JsonNode idToken = new AccountApi(server, realm, done).idToken();
        assertThat(idToken.path("phone_number").asText()).isEqualTo(login.phone());
        assertThat(idToken.path("phone_number_verified").asBoolean()).isTrue();
    }

    @Test
    void clientsThatDoNotAskForThePhoneScopeGetNoNumber() {
        String realm = "sms-phone-claims-no-scope";
        admin.createRealm(realm, Map.of(), r -> { });
        SmsLogin login = new SmsLogin(server, realm, "user39", null);
        Page codePage = login.codePage();
        Page done = login.enter(codePage, latestCode(login.phone()));
        assertThat(done.loggedIn()).as(done.text()).isTrue();

        JsonNode idToken = new AccountApi(server, realm, done).idToken();
        assertThat(idToken.has("phone_number")).as(idToken.toString()).isFalse();
        assertThat(idToken.has("phone_number_verified")).isFalse();
    }

    @Test
    void aNumberAnAdminTypesIsUnverifiedUntilACodeComesBack() {
        String realm = "sms-phone-claims-admin-edit";
        admin.createRealm(realm, Map.of(), r -> { });
        SmsLogin login = new SmsLogin(server, realm, "user41", null);
        Page codePage = login.passwordStep("it-app", "openid phone");
        Page done = login.enter(codePage, latestCode(login.phone()));
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        assertThat(admin.user(realm, "user41").path("attributes").path("phoneNumberVerified").get(0).asText())
                .isEqualTo("true");

        // The admin console's "Save" on the user's details, with another number typed in.
        ObjectNode user = (ObjectNode) admin.user(realm, "user41");
        ((ObjectNode) user.path("attributes")).putArray("phoneNumber").add("+12015550177");
        admin.put("/admin/realms/" + realm + "/users/" + user.path("id").asText(), user.toString());
        JsonNode attributes = admin.user(realm, "user41").path("attributes");
        assertThat(attributes.path("phoneNumber").get(0).asText()).isEqualTo("+12015550177");
        assertThat(attributes.path("phoneNumberVerified").get(0).asText()).isEqualTo("false");
        assertThat(new AccountApi(server, realm, done).refreshedIdToken().path("phone_number_verified").asBoolean())
                .isFalse();
    }

    private String latestCode(String number) {
        List<GatewayStub.Received> sms = server.gateway().to(number);
        assertThat(sms).as("SMS to " + number).isNotEmpty();
        return sms.get(sms.size() - 1).code();
    }
}
