package io.github.smsotp.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.JsonHttp;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.GatewayStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One place per realm: the SMS settings saved in Realm settings > SMS serve the login step and the
 * enrollment alike; a flow execution's own value overrides them there only; bad values are refused
 * on save; the settings travel with the realm's export. A realm created with the extension installed
 * lets users without a number enroll, unless the realm says otherwise.
 */
@ExtendWith(KeycloakExtension.class)
public class RealmSmsSettingsIT {

    private static final String ENROLL_FORM = "kc-sms-otp-enroll-form";

    private final KeycloakServer server;
    private final AdminApi admin;

    RealmSmsSettingsIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @Test
    void settingsSavedForTheRealmServeEnrollmentAndLoginAndAnExecutionOverrideWinsThere() {
        String realm = "sms-realm-settings";
        // Provisioned numbers are confirmed by a code before use: each user enrolls, then signs in.
        admin.createRealm(realm, Map.of(), r -> AdminApi.smsSettingsAtRealmLevel(r,
                Map.of("code-length", "8", "provisioned-numbers", "verify")));
        assertThat(admin.stepConfig(realm).path("config").size()).as("the execution's own config").isZero();

        SmsLogin first = new SmsLogin(server, realm, "user41", null);
        assertThat(enrollAndSignIn(first)).as("enrollment's code").hasSize(8);
        assertThat(signIn(new SmsLogin(server, realm, "user41", null))).as("login's code").hasSize(8);

        admin.updateStepConfig(realm, Map.of("code-length", "7"));
        assertThat(signIn(new SmsLogin(server, realm, "user41", null))).as("login's code, overridden").hasSize(7);
        assertThat(enrollAndSignIn(new SmsLogin(server, realm, "user42", null)))
                .as("enrollment's code: the override is the execution's only").hasSize(8);
    }

    @Test
    void aBadValueIsRefusedOnSaveWithItsKeyAndTheSavedSettingsStay() {
        String realm = "sms-realm-settings-bad";
        admin.createRealm(realm, Map.of(), r -> AdminApi.smsSettingsAtRealmLevel(r, Map.of("code-length", "8")));
        Map<String, String> saved = admin.smsSettings(realm);

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("code-length", "twelve");
        bad.put("http.url", "ftp://127.0.0.1/sms");
        bad.put("sender", "carrier-pigeon");
        bad.put("provisioned-numbers", "always");
        bad.put("default-region", "Germany");
        bad.put("limit-ip-sends-per-hour", "-1");
        for (Map.Entry<String, String> value : bad.entrySet()) {
            Map<String, String> changed = new LinkedHashMap<>(saved);
            changed.put(value.getKey(), value.getValue());
            HttpResponse<String> answer = admin.saveSmsSettings(realm, changed);
            assertThat(answer.statusCode()).as("saving %s", value).isEqualTo(400);
            assertThat(JsonHttp.read(answer.body()).path("errorMessage").asText()).as("saving %s", value)
                    .contains("'" + value.getKey() + "'");
        }
        assertThat(admin.smsSettings(realm)).isEqualTo(saved);

        Map<String, String> good = new LinkedHashMap<>(saved);
        good.put("code-length", "9");
        assertThat(admin.saveSmsSettings(realm, good).statusCode()).isEqualTo(204);
        SmsLogin login = new SmsLogin(server, realm, "user43", null);
        login.codePage();
        assertThat(lastCode(login)).hasSize(9);
    }

    @Test
    void theRealmsSmsSettingsSurviveExportAndImport() {
        String realm = "sms-realm-settings-export";
        admin.createRealm(realm, Map.of(), r -> AdminApi.smsSettingsAtRealmLevel(r, Map.of("code-length", "8")));
        ObjectNode exported = admin.partialExport(realm);
        String copy = realm + "-copy";
        exported.put("realm", copy);
        withoutIds(exported);
        // A partial export holds no users: the copy gets the test realm's.
        exported.set("users", admin.templateUsers(exported.path("defaultRole").path("name").asText()));
        admin.importRealm(exported);

        assertThat(admin.smsSettings(copy)).isEqualTo(admin.smsSettings(realm));
        assertThat(admin.smsSettings(copy).get("http.auth-value")).as("a vault reference is exported as it is")
                .isEqualTo("${vault.sms-gateway-token}");
        SmsLogin login = new SmsLogin(server, copy, "user44", null);
        Page page = login.codePage();
        String code = lastCode(login);
        assertThat(code).hasSize(8);
        assertThat(login.enter(page, code).loggedIn()).isTrue();
    }

    @Test
    void aNewRealmOffersEnrollmentAndAnImportedRealmKeepsTheChoiceItLists() {
        admin.createEmptyRealm("sms-new-realm");
        JsonNode registered = admin.get("/admin/realms/sms-new-realm/authentication/required-actions/sms-otp-phone");
        assertThat(registered.path("enabled").asBoolean()).as("enabled, as Keycloak's Configure OTP").isTrue();
        assertThat(registered.path("defaultAction").asBoolean()).as("never asked of new users").isFalse();

        admin.importRealm((ObjectNode) JsonHttp.read("{\"realm\":\"sms-new-realm-off\",\"enabled\":true,"
                + "\"requiredActions\":[{\"alias\":\"sms-otp-phone\",\"name\":\"Verify mobile number (SMS)\","
                + "\"providerId\":\"sms-otp-phone\",\"enabled\":false,\"defaultAction\":false,\"priority\":10}]}"));
        assertThat(admin.get("/admin/realms/sms-new-realm-off/authentication/required-actions/sms-otp-phone")
                .path("enabled").asBoolean()).as("the imported realm's own choice").isFalse();
    }

    private String enrollAndSignIn(SmsLogin login) {
        Page page = login.passwordStep("it-app");
        assertThat(page.text()).as(page.text()).contains("Confirm your mobile number");
        String code = lastCode(login);
        Page done = login.enter(page, code);
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        return code;
    }

    private String signIn(SmsLogin login) {
        Page page = login.codePage();
        String code = lastCode(login);
        Page done = login.enter(page, code);
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        return code;
    }

    private String lastCode(SmsLogin login) {
        List<GatewayStub.Received> sent = server.gateway().to(login.phone());
        assertThat(sent).as("SMS to %s", login.phone()).isNotEmpty();
        return sent.get(sent.size() - 1).code();
    }

    /** Drops every id, so the copy's objects get their own (as importing under another name needs). */
    private static void withoutIds(JsonNode node) {
        if (node.isObject()) {
            ((ObjectNode) node).remove(List.of("id", "containerId", "parentId"));
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            withoutIds(children.next());
        }
    }
}
