package io.github.smsotp.it.identity;

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
import io.github.smsotp.it.clients.IdentityFlows;
import io.github.smsotp.it.clients.PageShape;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.GatewayStub;
import io.github.smsotp.it.stubs.RealmGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "Forgot password?" with a code by SMS ({@code sms-otp-reset-code}) instead of the e-mail link: the
 * user names the account, types the code sent to its verified number, and sets a new password.
 * Unknown accounts, and accounts without a number, get the same pages and no SMS.
 */
@ExtendWith(KeycloakExtension.class)
public class ResetBySmsIT {

    private static final String RESET_FORM = "kc-reset-password-form";
    private static final String NEW_PASSWORD_FORM = "kc-passwd-update-form";

    private final KeycloakServer server;
    private final AdminApi admin;

    ResetBySmsIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @Test
    void aUserResetsThePasswordWithTheCodeSentToTheAccountsNumberAndKeepsTheNumber() {
        String realm = "sms-reset";
        smsResetRealm(realm);
        Browser browser = new Browser();
        Page codePage = nameAccount(browser, realm, "user41");
        assertThat(codePage.has("#kc-sms-otp-form")).as(codePage.text()).isTrue();
        // The page names no number: it would tell whoever typed the name that the account has one.
        assertThat(codePage.text()).doesNotContain("1041").contains("If this account has a verified mobile number");

        String number = SmsLogin.phoneOf("user41");
        RealmGateway gateway = new RealmGateway(server, realm);
        Page newPassword = browser.submit(codePage, "kc-sms-otp-form", Map.of("code", gateway.awaitCode(number)));
        assertThat(newPassword.has("#" + NEW_PASSWORD_FORM)).as(newPassword.text()).isTrue();
        Page done = browser.submit(newPassword, NEW_PASSWORD_FORM,
                Map.of("password-new", "a-new-pass-41", "password-confirm", "a-new-pass-41"));
        assertThat(done.loggedIn()).as(done.text()).isTrue();

        // The new password works, and sign-in codes still go to the same number.
        Browser later = new Browser();
        Page login = later.get(authUrl(realm));
        Page secondFactor = later.submit(login, "kc-form-login", Map.of("username", "user41", "password", "a-new-pass-41"));
        assertThat(secondFactor.has("#kc-sms-otp-form")).as(secondFactor.text()).isTrue();
        gateway.awaitCount(number, 2);
        assertThat(admin.user(realm, "user41").path("attributes").path("phone_number").get(0).asText()).isEqualTo(number);
    }

    @Test
    void unknownAccountsAndAccountsWithoutANumberGetTheSamePagesAndNoSms() {
        String realm = "sms-reset-decoy";
        smsResetRealm(realm);
        RealmGateway gateway = new RealmGateway(server, realm);
        List<PageShape> unknown = journey(realm, "nobody-here", null);
        List<PageShape> numberless = journey(realm, "user49", null);
        List<PageShape> known = journey(realm, "user42", SmsLogin.phoneOf("user42"));

        // Pages show the name as typed; with it written alike, nothing else may differ.
        assertThat(unknown).isEqualTo(known);
        assertThat(numberless).isEqualTo(known);
        assertThat(gateway.all()).hasSize(1);
    }

    @Test
    void aSendThatFailsAfterThePageLooksLikeAnUnknownName() {
        String realm = "sms-reset-late-failure";
        smsResetRealm(realm);
        String failedSend = "sending to +1 \u2022\u2022\u2022 \u2022\u2022\u2022 1045 via 'http' failed";
        List<PageShape> known;
        List<PageShape> unknown;
        server.gateway().mode(GatewayStub.Mode.FAIL_500);
        try {
            Browser knownBrowser = new Browser();
            Page knownCode = nameAccount(knownBrowser, realm, "user45");
            await().atMost(Duration.ofSeconds(30)).until(() -> server.log().contains(failedSend));
            known = reloadedThenWrong(knownBrowser, knownCode, "user45");
            Browser unknownBrowser = new Browser();
            unknown = reloadedThenWrong(unknownBrowser, nameAccount(unknownBrowser, realm, "nobody-45"), "nobody-45");
        } finally {
            server.gateway().mode(GatewayStub.Mode.ACCEPT);
        }
        assertThat(unknown).isEqualTo(known);
        assertThat(known.get(0).text()).doesNotContain("We could not send the SMS").contains("Send a new code");
    }

    /**
     * The code page reloaded (Keycloak's "Page has expired", then its "continue" link: the step's page
     * as it stands), and the page after a wrong code.
     */
    private static List<PageShape> reloadedThenWrong(Browser browser, Page codePage, String username) {
        Page expired = browser.get(codePage.uri().toString());
        Page reloaded = browser.get(expired.html().selectFirst("#loginContinueLink").absUrl("href"));
        Page wrong = browser.submit(reloaded, "kc-sms-otp-form", Map.of("code", "000000"));
        return List.of(shape(reloaded, username), shape(wrong, username));
    }

    @Test
    void theSendLimitsRefuseKnownAndUnknownNamesAlike() {
        String realm = "sms-reset-limits";
        smsResetRealm(realm, Map.of("limit-number-sends-per-10-minutes", "1"), r -> { });
        // Per number (for an unknown name: per name): the second reset in ten minutes sends nothing.
        nameAccount(new Browser(), realm, "user44");
        Page known = nameAccount(new Browser(), realm, "user44");
        nameAccount(new Browser(), realm, "nobody-44");
        Page unknown = nameAccount(new Browser(), realm, "nobody-44");
        assertThat(known.text()).contains("Too many codes were requested");
        assertThat(shape(unknown, "nobody-44")).isEqualTo(shape(known, "user44"));
        RealmGateway gateway = new RealmGateway(server, realm);
        gateway.awaitCount(SmsLogin.phoneOf("user44"), 1);
        assertThat(gateway.to(SmsLogin.phoneOf("user44"))).hasSize(1);
    }

    private List<PageShape> journey(String realm, String username, String number) {
        Browser browser = new Browser();
        Page codePage = nameAccount(browser, realm, username);
        if (number != null) {
            new RealmGateway(server, realm).awaitCode(number);
        }
        Page wrong = browser.submit(codePage, "kc-sms-otp-form", Map.of("code", "000000"));
        return List.of(shape(codePage, username), shape(wrong, username));
    }

    private static PageShape shape(Page page, String username) {
        PageShape shape = PageShape.of(page);
        return new PageShape(shape.status(), shape.title(), shape.forms(), shape.messages(),
                shape.text().replace(username, "<name>"));
    }

    @Test
    void wrongCodesCountForTheAccountInKeycloaksBruteForceDetection() {
        String realm = "sms-reset-brute-force";
        smsResetRealm(realm, Map.of(), r -> {
            r.put("bruteForceProtected", true);
            r.put("failureFactor", 5);
            r.put("quickLoginCheckMilliSeconds", 0);
        });
        Browser browser = new Browser();
        Page codePage = nameAccount(browser, realm, "user43");
        new RealmGateway(server, realm).awaitCode(SmsLogin.phoneOf("user43"));
        browser.submit(codePage, "kc-sms-otp-form", Map.of("code", "000000"));
        JsonNode status = admin.bruteForceStatus(realm, "user43");
        assertThat(status.path("numFailures").asInt()).as(status.toString()).isEqualTo(1);
    }

    private Page nameAccount(Browser browser, String realm, String username) {
        Page login = browser.get(authUrl(realm));
        String forgot = login.html().select("a[href*=reset-credentials]").first().absUrl("href");
        Page resetPage = browser.get(forgot);
        assertThat(resetPage.has("#" + RESET_FORM)).as(resetPage.text()).isTrue();
        return browser.submit(resetPage, RESET_FORM, Map.of("username", username));
    }

    private String authUrl(String realm) {
        return server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=it-app"
                + "&response_type=code&scope=openid&state=it&redirect_uri=" + Browser.CALLBACK;
    }


    private void smsResetRealm(String name) {
        smsResetRealm(name, Map.of(), r -> { });
    }

    /** The test realm with "Forgot password?" on, by SMS code instead of e-mail; user49 has no number. */
    private void smsResetRealm(String name, Map<String, String> config, java.util.function.Consumer<ObjectNode> tweak) {
        Map<String, String> settings = new java.util.HashMap<>(config);
        settings.putAll(new RealmGateway(server, name).settings());
        admin.createRealm(name, settings, r -> {
            IdentityFlows.resetBySms(r);
            for (JsonNode user : r.withArray("users")) {
                if (user.path("username").asText().equals("user49")) {
                    ((ObjectNode) user).remove("attributes");
                }
            }
            tweak.accept(r);
        });
    }
}
