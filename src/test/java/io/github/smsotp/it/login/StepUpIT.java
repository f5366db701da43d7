package io.github.smsotp.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import io.github.smsotp.it.clients.AccountApi;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.IdentityFlows;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.RealmGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Step-up with Keycloak's own conditions: "Condition - Level of Authentication" (the recipe in docs/TRUST-AND-STEP-UP.md:
 * level 1 the password and an SMS code a trusted browser may answer, level 2 a fresh code) and
 * "Condition - User Role" and "Condition - Client Scope" (the nearest to a client condition these
 * versions have). A client asking for the SMS level gets a code inside a single sign-on
 * session and on a trusted browser; the ID token's {@code acr} says the level reached.
 */
@ExtendWith(KeycloakExtension.class)
public class StepUpIT {

    private static final String TRUST_COOKIE = "KC_SMS_OTP_TRUSTED";

    private final KeycloakServer server;
    private final AdminApi admin;

    StepUpIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @Test
    void theSmsLevelAsksForACodeInsideSingleSignOnAndTheTokenSaysTheLevel() {
        String realm = "sms-step-up";
        createRealm(realm, IdentityFlows::stepUp);
        RealmGateway gateway = new RealmGateway(server, realm);
        String phone = SmsLogin.phoneOf("user31");
        Browser browser = new Browser();

        Page codePage = passwordStep(browser, realm, "user31", null);
        assertThat(codePage.has("#kc-sms-otp-form")).as(codePage.text()).isTrue();
        Page signedIn = browser.submit(codePage, "kc-sms-otp-form", Map.of("code", gateway.awaitCode(phone)));
        assertThat(acr(realm, signedIn)).isEqualTo("standard");
        assertThat(gateway.to(phone)).hasSize(1);

        // Inside the session, the SMS level: no password, a new code.
        Page stepUp = browser.get(authUrl(realm, "fresh-sms"));
        assertThat(stepUp.has("#kc-sms-otp-form")).as("step-up asks for a code: " + stepUp.text()).isTrue();
        assertThat(stepUp.has("#password")).isFalse();
        gateway.awaitCount(phone, 2);
        Page steppedUp = browser.submit(stepUp, "kc-sms-otp-form", Map.of("code", gateway.awaitCode(phone)));
        assertThat(acr(realm, steppedUp)).isEqualTo("fresh-sms");

        // Max age 0: every request for the level asks again; a plain request asks nothing.
        assertThat(browser.get(authUrl(realm, "fresh-sms")).has("#kc-sms-otp-form")).isTrue();
        Page plain = browser.get(authUrl(realm, null));
        assertThat(plain.loggedIn()).as(plain.text()).isTrue();
    }

    @Test
    void aTrustedBrowserNeverAnswersARequestForTheSmsLevel() {
        String realm = "sms-step-up-trusted";
        createRealm(realm, IdentityFlows::stepUp);
        RealmGateway gateway = new RealmGateway(server, realm);
        String phone = SmsLogin.phoneOf("user32");

        // Level 1 with the box ticked: the browser is trusted for level 1.
        Browser first = new Browser();
        Page codePage = passwordStep(first, realm, "user32", null);
        assertThat(codePage.has("#trust")).isTrue();
        assertThat(browserFlowPost(first, codePage, gateway.awaitCode(phone), true).loggedIn()).isTrue();
        Browser trusted = first.keeping(TRUST_COOKIE);
        assertThat(trusted.cookie(TRUST_COOKIE)).isPresent();

        Page daily = passwordStep(trusted.copy(), realm, "user32", null);
        assertThat(daily.loggedIn()).as("level 1 on a trusted browser: no code: " + daily.text()).isTrue();
        assertThat(gateway.to(phone)).hasSize(1);

        // Inside that session, the SMS level: the code is asked, and the page offers no trust.
        Browser session = trusted.copy();
        assertThat(passwordStep(session, realm, "user32", null).loggedIn()).isTrue();
        Page stepUp = session.get(authUrl(realm, "fresh-sms"));
        assertThat(stepUp.has("#kc-sms-otp-form")).as("a trusted browser steps up by code: " + stepUp.text()).isTrue();
        assertThat(stepUp.has("#trust")).as("no trust offered for the SMS level").isFalse();
        gateway.awaitCount(phone, 2);
        assertThat(acr(realm, browserFlowPost(session, stepUp, gateway.awaitCode(phone), false))).isEqualTo("fresh-sms");

        // A new login asking for the SMS level: trust answers level 1, a code level 2.
        Browser fresh = trusted.copy();
        Page level2 = passwordStep(fresh, realm, "user32", "fresh-sms");
        assertThat(level2.has("#kc-sms-otp-form")).as(level2.text()).isTrue();
        gateway.awaitCount(phone, 3);
        assertThat(acr(realm, browserFlowPost(fresh, level2, gateway.awaitCode(phone), false))).isEqualTo("fresh-sms");

        // Without trust, the code of level 1 answers level 2 of the same login: one SMS, not two.
        Browser untrusted = new Browser();
        Page level1 = passwordStep(untrusted, realm, "user32", "fresh-sms");
        gateway.awaitCount(phone, 4);
        Page done = browserFlowPost(untrusted, level1, gateway.awaitCode(phone), false);
        assertThat(acr(realm, done)).isEqualTo("fresh-sms");
        assertThat(gateway.to(phone)).hasSize(4);
        assertThat(admin.events(realm, "user32")).anyMatch(e -> e.path("type").asText().equals("LOGIN")
                && e.path("details").path("sms_otp_proven_in_this_login").asText().equals("true"));
    }

    @Test
    void withoutAnyLevelConditionEveryLevelRequestGetsACode() {
        String realm = "sms-step-up-plain";
        createRealm(realm, r -> { });
        RealmGateway gateway = new RealmGateway(server, realm);
        String phone = SmsLogin.phoneOf("user33");
        Browser first = new Browser();
        Page codePage = passwordStep(first, realm, "user33", null);
        assertThat(browserFlowPost(first, codePage, gateway.awaitCode(phone), true).loggedIn()).isTrue();
        Browser trusted = first.keeping(TRUST_COOKIE);

        assertThat(passwordStep(trusted.copy(), realm, "user33", null).loggedIn()).isTrue();
        Page asked = passwordStep(trusted.copy(), realm, "user33", "1");
        assertThat(asked.has("#kc-sms-otp-form")).as("acr_values=1: " + asked.text()).isTrue();
        assertThat(asked.has("#trust")).isFalse();
    }

    @Test
    void theRoleConditionAsksOnlyTheRolesMembers() {
        String realm = "sms-role";
        createRealm(realm, r -> {
            IdentityFlows.smsForRole(r, "sms-users");
            for (com.fasterxml.jackson.databind.JsonNode user : r.withArray("users")) {
                if (user.path("username").asText().equals("user34")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) user).withArray("realmRoles").add("sms-users");
                }
            }
        });
        RealmGateway gateway = new RealmGateway(server, realm);
        Page member = passwordStep(new Browser(), realm, "user34", null);
        assertThat(member.has("#kc-sms-otp-form")).as("a member: " + member.text()).isTrue();
        Page other = passwordStep(new Browser(), realm, "user35", null);
        assertThat(other.loggedIn()).as("not a member: " + other.text()).isTrue();
        assertThat(gateway.to(SmsLogin.phoneOf("user35"))).isEmpty();
        assertThat(gateway.to(SmsLogin.phoneOf("user34"))).hasSize(1);
    }

    @Test
    void theClientScopeConditionAsksOnlyLoginsWithTheScope() {
        String realm = "sms-client-scope";
        createRealm(realm, r -> IdentityFlows.smsForClientScope(r, "sms"));
        // The scope "sms", optional for it-app: a login gets it by asking for it.
        String scopes = "/admin/realms/" + realm + "/client-scopes";
        assertThat(admin.post(scopes, "{\"name\":\"sms\",\"protocol\":\"openid-connect\"}").statusCode())
                .isEqualTo(201);
        String scopeId = admin.get(scopes).findParents("name").stream()
                .filter(s -> s.path("name").asText().equals("sms")).findFirst().orElseThrow().path("id").asText();
        String clientId = admin.get("/admin/realms/" + realm + "/clients?clientId=it-app").path(0).path("id").asText();
        admin.put("/admin/realms/" + realm + "/clients/" + clientId + "/optional-client-scopes/" + scopeId, "");
        RealmGateway gateway = new RealmGateway(server, realm);
        SmsLogin without = new SmsLogin(server, realm, "user37", null);
        assertThat(without.passwordStep("it-app").loggedIn()).as("no scope sms: no code").isTrue();
        SmsLogin with = new SmsLogin(server, realm, "user37", null);
        Page asked = with.passwordStep("it-app", "openid sms");
        assertThat(asked.has("#kc-sms-otp-form")).as("scope sms: " + asked.text()).isTrue();
        assertThat(gateway.to(with.phone())).hasSize(1);
    }

    private void createRealm(String realm, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> flow) {
        Map<String, String> settings = new HashMap<>(new RealmGateway(server, realm).settings());
        settings.put("trust-browser-days", "30");
        admin.createRealm(realm, settings, flow);
    }

    private Page passwordStep(Browser browser, String realm, String user, String acr) {
        Page login = browser.get(authUrl(realm, acr));
        if (login.loggedIn()) {
            return login;
        }
        return browser.submit(login, "kc-form-login", Map.of("username", user, "password", "pass-" + user.substring(4)));
    }

    private static Page browserFlowPost(Browser browser, Page codePage, String code, boolean trust) {
        Map<String, String> fields = new HashMap<>(Map.of("code", code));
        if (trust) {
            fields.put("trust", "on");
        }
        return browser.post(codePage.form("kc-sms-otp-form").absUrl("action"), fields);
    }

    private String authUrl(String realm, String acr) {
        return server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=it-app"
                + "&response_type=code&scope=openid&state=it&redirect_uri=" + Browser.CALLBACK
                + (acr == null ? "" : "&acr_values=" + acr);
    }

    /** The {@code acr} claim of the ID token the finished login's code is exchanged for. */
    private String acr(String realm, Page finished) {
        assertThat(finished.loggedIn()).as(finished.text()).isTrue();
        return new AccountApi(server, realm, finished).idToken().path("acr").asText();
    }
}
