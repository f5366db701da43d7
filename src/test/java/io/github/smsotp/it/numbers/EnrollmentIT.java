package io.github.smsotp.it.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AccountApi;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.GatewayStub;
import io.github.smsotp.it.stubs.SmtpStub;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Users add, confirm, change and remove their own number; admins roll the step out. */
@ExtendWith(KeycloakExtension.class)
public class EnrollmentIT {

    private static final String ENROLL_FORM = "kc-sms-otp-enroll-form";

    private final KeycloakServer server;
    private final AdminApi admin;

    EnrollmentIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @Test
    void aUserWithoutANumberEnrollsAndTheCredentialShowsInTheAccountApiUntilRemoved() {
        String realm = "sms-enroll";
        admin.createRealm(realm, Map.of(), r -> AdminApi.enrollmentConfig(r, Map.of("provisioned-numbers", "off",
                "default-region", "US", "allowed-calling-codes", "1, 49")));
        SmsLogin login = new SmsLogin(server, realm, "user26", null);

        Page enroll = login.passwordStep("it-app");
        assertThat(enroll.has("#" + ENROLL_FORM)).as(enroll.text()).isTrue();
        Page confirm = login.browser().submit(enroll, ENROLL_FORM, Map.of("phone", "(201) 555-7026"));
        assertThat(confirm.text()).contains("Confirm your mobile number").contains("+1 \u2022\u2022\u2022 \u2022\u2022\u2022 7026");
        assertThat(confirm.has("#kc-sms-otp-change")).isTrue();
        Page done = login.enter(confirm, latestCode("+12015557026"));
        assertThat(done.loggedIn()).as(done.text()).isTrue();

        AccountApi account = new AccountApi(server, realm, done);
        JsonNode type = account.smsCredentialType();
        assertThat(type.path("category").asText()).isEqualTo("two-factor");
        assertThat(type.path("createAction").asText()).isEqualTo("sms-otp-phone");
        assertThat(type.path("removeable").asBoolean()).isTrue();
        JsonNode credential = account.smsCredential().orElseThrow();
        assertThat(credential.path("userLabel").asText()).isEqualTo("+1 \u2022\u2022\u2022 \u2022\u2022\u2022 7026");
        assertThat(credential.path("createdDate").asLong()).isPositive();

        assertThat(account.delete(credential.path("id").asText())).isEqualTo(204);
        Page again = new SmsLogin(server, realm, "user26", null).passwordStep("it-app");
        assertThat(again.has("#" + ENROLL_FORM)).as("removing the credential makes the next login enroll")
                .isTrue();
    }

    @Test
    void badNumbersGetFieldErrorsAndNoSmsAndTheNumberCanBeChangedBeforeConfirming() {
        String realm = "sms-enroll-errors";
        admin.createRealm(realm, Map.of(), r -> AdminApi.enrollmentConfig(r, Map.of("provisioned-numbers", "off",
                "allowed-calling-codes", "1, 49")));
        SmsLogin login = new SmsLogin(server, realm, "user27", null);
        Page page = login.passwordStep("it-app");
        int sentBefore = server.gateway().all().size();

        page = login.browser().submit(page, ENROLL_FORM, Map.of("phone", "12"));
        assertThat(page.textOf("#input-error-phone")).contains("This is not a valid phone number");
        page = login.browser().submit(page, ENROLL_FORM, Map.of("phone", "+49 30 12345678"));
        assertThat(page.textOf("#input-error-phone")).contains("landline");
        page = login.browser().submit(page, ENROLL_FORM, Map.of("phone", "+44 7911 123456"));
        assertThat(page.textOf("#input-error-phone")).contains("Numbers from this country are not supported.");
        page = login.browser().submit(page, ENROLL_FORM, Map.of("phone", "<script>alert(1)</script>"));
        assertThat(page.body()).doesNotContain("<script>alert(1)</script>");
        assertThat(server.gateway().all()).hasSize(sentBefore);

        Page confirm = login.browser().submit(page, ENROLL_FORM, Map.of("phone", "+1 201 555 7127"));
        assertThat(server.gateway().to("+12015557127")).hasSize(1);
        Page back = login.browser().submit(confirm, "kc-sms-otp-change-form", Map.of("change", "true"));
        assertThat(back.has("#" + ENROLL_FORM)).isTrue();
        // The first number's cooldown holds for the next one too.
        Page second = login.awaitCodeTo(login.browser().submit(back, ENROLL_FORM, Map.of("phone", "+1 201 555 7227")),
                "+12015557227");
        Page done = login.enter(second, latestCode("+12015557227"));
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        assertThat(new AccountApi(server, realm, done).smsCredential().orElseThrow().path("userLabel").asText())
                .endsWith("7227");
    }

    @Test
    void aNationalNumberIsReadInTheCountryPickedAmongTheAllowedOnes() {
        String realm = "sms-enroll-country";
        admin.createRealm(realm, Map.of(), r -> AdminApi.enrollmentConfig(r, Map.of("provisioned-numbers", "off",
                "allowed-calling-codes", "1, 49")));
        SmsLogin login = new SmsLogin(server, realm, "user35", null);
        Page page = login.passwordStep("it-app");
        assertThat(page.html().select("#region option").eachAttr("value"))
                .contains("", "US", "CA", "DE").doesNotContain("GB", "FR");
        assertThat(page.html().select("#region option[selected]").attr("value")).as("English, no default region")
                .isEmpty();
        assertThat(page.html().select("#region option[value=US]").attr("data-example"))
                .matches("\\([0-9]{3}\\) [0-9]{3}-[0-9]{4}");
        int sentBefore = server.gateway().all().size();

        // Without a country, or with one the page did not offer, a national number is not a number.
        page = login.browser().submit(page, ENROLL_FORM, Map.of("phone", "201 555 7135"));
        assertThat(page.textOf("#input-error-phone")).contains("This is not a valid phone number");
        assertThat(page.html().select("#phone").attr("aria-describedby")).as("the error is tied to its field")
                .isEqualTo("input-error-phone");
        page = login.browser().submit(page, ENROLL_FORM, Map.of("phone", "201 555 7135", "region", "GB"));
        assertThat(page.textOf("#input-error-phone")).contains("This is not a valid phone number");
        assertThat(server.gateway().all()).hasSize(sentBefore);

        Page confirm = login.browser().submit(page, ENROLL_FORM, Map.of("phone", "(201) 555-7135", "region", "US"));
        assertThat(confirm.textOf("#sms-otp-destination")).as(confirm.text()).contains("7135");
        assertThat(server.gateway().to("+12015557135")).hasSize(1);
    }

    @Test
    void anApplicationStartsANumberChangeWithKcAction() {
        SmsLogin login = new SmsLogin(server, SmsLogin.REALM, "user29", null);
        Page login1 = login.browser().get(server.baseUrl() + "/realms/" + SmsLogin.REALM
                + "/protocol/openid-connect/auth?client_id=it-app&response_type=code&scope=openid"
                + "&kc_action=sms-otp-phone&redirect_uri=" + Browser.CALLBACK);
        Page smsStep = login.browser().submit(login1, "kc-form-login",
                Map.of("username", "user29", "password", login.password()));
        Page enroll = login.enter(smsStep, latestCode(login.phone()));
        assertThat(enroll.has("#" + ENROLL_FORM)).as(enroll.text()).isTrue();

        // The sign-in's own code started the cooldown of this login.
        Page confirm = login.awaitCodeTo(login.browser().submit(enroll, ENROLL_FORM, Map.of("phone", "+1 201 555 7329")),
                "+12015557329");
        Page done = login.enter(confirm, latestCode("+12015557329"));
        assertThat(done.loggedIn()).as(done.text()).isTrue();

        // From now on codes go to the new, verified number.
        SmsLogin next = new SmsLogin(server, SmsLogin.REALM, "user29", null);
        Page code = next.passwordStep("it-app");
        assertThat(code.textOf("#sms-otp-destination")).as(code.text()).contains("7329");
    }

    @Test
    void aNumberChangeIsToldToTheUserByEmailWithTheNumberMasked() throws Exception {
        // Records, the moment the mail is handed over, whether the new number is committed already.
        try (SmtpStub smtp = new SmtpStub(() -> admin.credentials("sms-notify", "user29").toString())) {
            admin.createRealm("sms-notify", Map.of(), r -> {
                AdminApi.enrollmentConfig(r, Map.of("provisioned-numbers", "trust"));
                r.putObject("smtpServer").put("host", "127.0.0.1").put("port", String.valueOf(smtp.port()))
                        .put("from", "sso@example.org");
            });
            SmsLogin login = new SmsLogin(server, "sms-notify", "user29", null);
            Page smsStep = login.browser().submit(login.browser().get(server.baseUrl()
                    + "/realms/sms-notify/protocol/openid-connect/auth?client_id=it-app&response_type=code"
                    + "&scope=openid&kc_action=sms-otp-phone&redirect_uri=" + Browser.CALLBACK),
                    "kc-form-login", Map.of("username", "user29", "password", login.password()));
            Page enroll = login.enter(smsStep, latestCode(login.phone()));
            Page confirm = login.awaitCodeTo(login.browser().submit(enroll, ENROLL_FORM,
                    Map.of("phone", "+1 201 555 7429")), "+12015557429");
            Page done = login.enter(confirm, latestCode("+12015557429"));
            assertThat(done.loggedIn()).as(done.text()).isTrue();

            await().atMost(Duration.ofSeconds(10)).until(() -> smtp.mails().size() == 1);
            SmtpStub.Mail mail = smtp.mails().get(0);
            assertThat(mail.witnessed()).as("credentials when the mail arrived").contains("\"sms-otp\"")
                    .contains("7429");
            assertThat(mail.recipients()).containsExactly("user29@example.org");
            assertThat(mail.content()).contains("Your mobile number for sign-in codes was changed")
                    .contains("7429").doesNotContain("2015557429");
        }
    }

    @Test
    void provisionedNumbersAreTrustedVerifiedOrIgnoredAsConfigured() {
        admin.createRealm("sms-prov-trust", Map.of(), r -> AdminApi.enrollmentConfig(r,
                Map.of("provisioned-numbers", "trust")));
        admin.createRealm("sms-prov-verify", Map.of(), r -> AdminApi.enrollmentConfig(r,
                Map.of("provisioned-numbers", "verify")));
        admin.createRealm("sms-prov-off", Map.of(), r -> AdminApi.enrollmentConfig(r,
                Map.of("provisioned-numbers", "off")));
        String number = SmsLogin.phoneOf("user30");

        Page trusted = new SmsLogin(server, "sms-prov-trust", "user30", null).passwordStep("it-app");
        assertThat(trusted.has("#kc-sms-otp-form")).as("trusted: straight to the code").isTrue();
        assertThat(trusted.has("#kc-sms-otp-change")).isFalse();

        SmsLogin verifying = new SmsLogin(server, "sms-prov-verify", "user30", null);
        Page confirm = verifying.passwordStep("it-app");
        assertThat(confirm.text()).as("verify: the number is confirmed first").contains("Confirm your mobile number");
        Page done = verifying.enter(confirm, latestCode(number));
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        assertThat(new AccountApi(server, "sms-prov-verify", done).smsCredential()).isPresent();

        Page refused = new SmsLogin(server, "sms-prov-off", "user30", null).passwordStep("it-app");
        assertThat(refused.has("#" + ENROLL_FORM)).as("off: the attribute is not a verified number").isTrue();
    }

    @Test
    void asAnAlternativeTheStepIsOfferedUnderTryAnotherWay() {
        String realm = "sms-alt";
        admin.createRealm(realm, Map.of(), r -> {
            secondFactorChoice(r);
            addTotp(r, "user28");
            addSmsCredential(r, "user28", SmsLogin.phoneOf("user28"));
        });
        SmsLogin login = new SmsLogin(server, realm, "user28", null);
        Page otp = login.passwordStep("it-app");
        assertThat(otp.has("#kc-otp-login-form")).as(otp.text()).isTrue();

        Page choices = login.browser().post(otp.form("kc-otp-login-form").absUrl("action"),
                Map.of("tryAnotherWay", "on"));
        // Each choice: a form with the execution's id, and the label the user clicks.
        Element sms = choices.html().select("li").stream()
                .filter(option -> option.text().contains("SMS code")).findFirst()
                .orElseThrow(() -> new AssertionError("no SMS option in: " + choices.text()));
        assertThat(sms.text()).contains("Enter a code sent by SMS to your mobile number.");
        Element choice = sms.selectFirst("form");
        Page code = login.browser().post(choice.absUrl("action"),
                Map.of("authenticationExecution", choice.selectFirst("[name=authenticationExecution]").attr("value")));
        assertThat(code.has("#kc-sms-otp-form")).as(code.text()).isTrue();
        Page done = login.enter(code, latestCode(login.phone()));
        assertThat(done.loggedIn()).as(done.text()).isTrue();
    }

    @Test
    void aConditionalSubFlowAsksOnlyUsersWithANumber() {
        String realm = "sms-cond";
        admin.createRealm(realm, Map.of(), r -> {
            AdminApi.enrollmentConfig(r, Map.of("provisioned-numbers", "trust"));
            onlyIfConfigured(r);
        });
        Page withNumber = new SmsLogin(server, realm, "user27", null).passwordStep("it-app");
        assertThat(withNumber.has("#kc-sms-otp-form")).as(withNumber.text()).isTrue();

        Page withoutNumber = new SmsLogin(server, realm, "nophone", null).passwordStep("it-app");
        assertThat(withoutNumber.loggedIn()).as(withoutNumber.text()).isTrue();
    }

    @Test
    void changingTheNumberAsksForAFreshSignInOnceTheLastOneIsOlderThanTheMaximumAge() throws Exception {
        String realm = "sms-reauth";
        admin.createRealm(realm, Map.of(), r -> AdminApi.enrollmentConfig(r,
                Map.of("provisioned-numbers", "trust", "max_auth_age", "3")));
        SmsLogin login = new SmsLogin(server, realm, "user28", null);
        Page signedIn = login.enter(login.codePage(), latestCode(login.phone()));
        assertThat(signedIn.loggedIn()).as(signedIn.text()).isTrue();
        String changeNumber = server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=it-app"
                + "&response_type=code&scope=openid&kc_action=sms-otp-phone&redirect_uri=" + Browser.CALLBACK;

        Page recent = login.browser().get(changeNumber);
        assertThat(recent.has("#" + ENROLL_FORM)).as("a recent sign-in goes straight on: " + recent.text()).isTrue();

        Thread.sleep(4_000);
        Page stale = login.browser().get(changeNumber);
        assertThat(stale.has("#" + ENROLL_FORM)).isFalse();
        assertThat(stale.has("#kc-form-login")).as("an old sign-in must be repeated: " + stale.text()).isTrue();
    }

    private String latestCode(String number) {
        List<GatewayStub.Received> sms = server.gateway().to(number);
        assertThat(sms).as("SMS to " + number).isNotEmpty();
        return sms.get(sms.size() - 1).code();
    }

    /** Password, then a choice of Keycloak's OTP form or the SMS step. */
    private static void secondFactorChoice(ObjectNode realm) {
        replaceSmsStep(realm, "second factor", "REQUIRED", "auth-otp-form", "ALTERNATIVE", "ALTERNATIVE");
    }

    /** A number the user enrolled before (as an export of such a realm holds it). */
    private static void addSmsCredential(ObjectNode realm, String username, String number) {
        for (JsonNode user : realm.withArray("users")) {
            if (user.path("username").asText().equals(username)) {
                ((ArrayNode) user.path("credentials")).addObject().put("type", "sms-otp")
                        .put("userLabel", "+1 \u2022\u2022\u2022 \u2022\u2022\u2022 " + number.substring(8))
                        .put("secretData", "{}").put("credentialData", "{\"phone\":\"" + number + "\"}");
            }
        }
    }

    /** Password, then the SMS step only for users who have a number ("Condition - user configured"). */
    private static void onlyIfConfigured(ObjectNode realm) {
        replaceSmsStep(realm, "sms if configured", "CONDITIONAL", "conditional-user-configured", "REQUIRED",
                "REQUIRED");
    }

    /**
     * Replaces the SMS step after the password with a sub-flow: {@code first} (another authenticator
     * or a condition), then the SMS step.
     */
    private static void replaceSmsStep(ObjectNode realm, String subFlow, String subFlowRequirement, String first,
                                       String firstRequirement, String smsRequirement) {
        for (JsonNode flow : realm.withArray("authenticationFlows")) {
            if (flow.path("alias").asText().equals("browser with sms forms")) {
                ArrayNode executions = (ArrayNode) flow.path("authenticationExecutions");
                executions.remove(1);
                executions.addObject().put("authenticatorFlow", true).put("requirement", subFlowRequirement)
                        .put("priority", 20).put("flowAlias", subFlow).put("userSetupAllowed", false);
            }
        }
        ObjectNode added = realm.withArray("authenticationFlows").addObject();
        added.put("alias", subFlow).put("providerId", "basic-flow").put("topLevel", false).put("builtIn", false);
        ArrayNode executions = added.putArray("authenticationExecutions");
        executions.addObject().put("authenticator", first).put("authenticatorFlow", false)
                .put("requirement", firstRequirement).put("priority", 10).put("userSetupAllowed", false);
        executions.addObject().put("authenticator", "sms-otp-code").put("authenticatorConfig", "sms-otp-it")
                .put("authenticatorFlow", false).put("requirement", smsRequirement).put("priority", 20)
                .put("userSetupAllowed", false);
    }

    private static void addTotp(ObjectNode realm, String username) {
        for (JsonNode user : realm.withArray("users")) {
            if (user.path("username").asText().equals(username)) {
                ((ArrayNode) user.path("credentials")).addObject().put("type", "otp").put("userLabel", "phone app")
                        .put("secretData", "{\"value\":\"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\"}")
                        .put("credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
                                + "\"algorithm\":\"HmacSHA1\"}");
            }
        }
    }
}
