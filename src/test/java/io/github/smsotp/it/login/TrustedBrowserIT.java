package io.github.smsotp.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.it.clients.AccountApi;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.Chromium;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.GatewayStub;
import io.github.smsotp.it.stubs.RealmGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * "Do not ask for a code on this browser": the right code with the box ticked trusts the browser, a
 * later sign-in of the same user there passes the SMS step without a code, and anything the trust is
 * bound to ends it. A cookie that does not pass every check gets the code page, never an error.
 */
@ExtendWith(KeycloakExtension.class)
public class TrustedBrowserIT {

    private static final String COOKIE = "KC_SMS_OTP_TRUSTED";
    /** A realm HMAC key the test knows, so that it can write tokens as the server does. */
    private static final byte[] KNOWN_SECRET = "a known 64-byte secret for the trusted-browser test, not random!"
            .getBytes(StandardCharsets.US_ASCII);
    private static final String KNOWN_KID = "trusted-browser-it";

    private final KeycloakServer server;
    private final AdminApi admin;

    TrustedBrowserIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @Test
    void theBoxTrustsTheBrowserAndTheNextSignInThereNeedsNoCode() {
        String realm = "sms-trust";
        trustRealm(realm);
        enroll(realm, "user21");
        SmsLogin login = new SmsLogin(server, realm, "user21", null);
        Page codePage = login.codePage();
        assertThat(codePage.has("#trust")).as("the box is offered").isTrue();
        assertThat(codePage.text()).contains("Do not ask for a code on this browser for 30 days");
        int sent = new RealmGateway(server, realm).to(login.phone()).size();
        LocalDate trustedOn = LocalDate.now(ZoneOffset.UTC);
        Page done = login.post(codePage, Map.of("code", lastCode(realm, login.phone()), "trust", "on"));
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        LocalDate trustedBy = LocalDate.now(ZoneOffset.UTC);

        HttpCookie cookie = login.browser().cookie(COOKIE).orElseThrow();
        assertThat(cookie.getPath()).isEqualTo("/realms/" + realm + "/");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSecure()).isTrue();
        assertThat(cookie.getMaxAge()).isEqualTo(30L * 24 * 60 * 60);

        Page again = signIn(login.browser().keeping(COOKIE), realm, "user21");
        assertThat(again.loggedIn()).as("no code asked: " + again.text()).isTrue();
        // The Account Console, asked from the trusted browser, says until when; from another, nothing.
        AccountApi account = new AccountApi(server, realm, again);
        JsonNode seen = account.smsCredentialSeenWith(COOKIE, cookie.getValue());
        assertThat(seen.path("infoMessage").path("key").asText()).isEqualTo("smsOtpTrustedUntil");
        assertThat(seen.path("infoMessage").path("parameters").path(0).asText())
                .isIn(trustedOn.plusDays(30).toString(), trustedBy.plusDays(30).toString());
        assertThat(account.smsCredentialSeenWith("other", "x").path("infoMessage").path("key").asText()).isEmpty();
        assertThat(new RealmGateway(server, realm).to(login.phone())).hasSize(sent);
        assertThat(admin.events(realm, "user21")).anyMatch(e -> e.path("type").asText().equals("LOGIN")
                && e.path("details").path("sms_otp_trusted_browser").asText().equals("true"));

        // Without the box: no cookie, and the next sign-in asks for a code.
        SmsLogin other = new SmsLogin(server, realm, "user22", null);
        Page otherCode = other.codePage();
        assertThat(other.enter(otherCode, lastCode(realm, other.phone())).loggedIn()).isTrue();
        assertThat(other.browser().cookie(COOKIE)).isEmpty();
    }

    @Test
    void inChromiumTheBoxIsOnTheCodePageAndTheNextSignInAsksNoCode() throws Exception {
        String realm = "sms-trust-browser";
        trustRealm(realm);
        enroll(realm, "user30");
        RealmGateway gateway = new RealmGateway(server, realm);
        String account = server.baseUrl() + "/realms/" + realm + "/account/";
        try (Chromium browser = Chromium.start("en")) {
            browser.open(account);
            passwordStep(browser, "user30");
            browser.await(By.id("trust"));
            browser.screenshot("trust-browser-code-page");
            browser.click(By.id("trust"));
            browser.type(By.id("code"), gateway.awaitCode(SmsLogin.phoneOf("user30")));
            browser.submit(By.id("kc-sms-otp-submit"));
            browser.awaitText("Personal info");

            // Signed out: Keycloak's session ends, the browser keeps its trust.
            browser.open(server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/logout");
            browser.submit(By.id("kc-logout"));
            int sent = gateway.to(SmsLogin.phoneOf("user30")).size();
            browser.open(account);
            passwordStep(browser, "user30");
            browser.awaitText("Personal info");
            browser.screenshot("trust-browser-second-sign-in");
            assertThat(browser.url()).startsWith(account);
            assertThat(gateway.to(SmsLogin.phoneOf("user30"))).hasSize(sent);

            browser.open(account + "account-security/signing-in");
            browser.awaitText("This browser is trusted until ");
            browser.reveal("This browser is trusted until ");
            assertThat(browser.pageText()).containsPattern("This browser is trusted until [0-9]{4}-[0-9]{2}-[0-9]{2}: ");
            browser.screenshot("trust-browser-account-console");
        }
    }

    /**
     * A day of one user on one browser: 20 sign-ins (each after a sign-out, as a new session), with
     * trusted browsers on and off. The send limits are off so that only the trust decides.
     */
    @Test
    void aDayOfTwentySignInsOnOneBrowserSendsOneSmsWithTrustAndTwentyWithout() {
        Map<String, String> noLimits = Map.of("limit-user-sends-per-hour", "0", "limit-number-sends-per-10-minutes", "0",
                "limit-ip-sends-per-hour", "0");
        int withTrust = dayOfSignIns("sms-trust-day-on", "30", noLimits);
        int withoutTrust = dayOfSignIns("sms-trust-day-off", "0", noLimits);
        System.out.printf("A day of 20 sign-ins on one browser: %d SMS with trusted browsers, %d without%n",
                withTrust, withoutTrust);
        assertThat(withTrust).isEqualTo(1);
        assertThat(withoutTrust).isEqualTo(20);
    }

    /** Signs user36 in 20 times, ticking the box whenever it is offered; the SMS the realm sent. */
    private int dayOfSignIns(String realm, String trustDays, Map<String, String> settings) {
        Map<String, String> config = new java.util.HashMap<>(new RealmGateway(server, realm).settings());
        config.putAll(settings);
        config.put("trust-browser-days", trustDays);
        admin.createRealm(realm, config, r -> { });
        Browser browser = new Browser();
        for (int signIn = 1; signIn <= 20; signIn++) {
            Browser afterSignOut = browser.keeping(COOKIE);
            Page page = signIn(afterSignOut, realm, "user36");
            if (!page.loggedIn()) {
                Map<String, String> fields = new java.util.HashMap<>(Map.of("code", lastCode(realm, SmsLogin.phoneOf("user36"))));
                if (page.has("#trust")) {
                    fields.put("trust", "on");
                }
                page = afterSignOut.post(page.form("kc-sms-otp-form").absUrl("action"), fields);
            }
            assertThat(page.loggedIn()).as("sign-in " + signIn + ": " + page.text()).isTrue();
            browser = afterSignOut;
        }
        return new RealmGateway(server, realm).to(SmsLogin.phoneOf("user36")).size();
    }

    private static void passwordStep(Chromium browser, String user) {
        browser.type(By.id("username"), user);
        browser.type(By.id("password"), "pass-" + user.substring(4));
        browser.submit(By.id("kc-login"));
    }

    @Test
    void eachRevocationEndsTheTrust() {
        String realm = "sms-trust-revoked";
        trustRealm(realm);
        Map<String, BiConsumer<String, Page>> causes = new java.util.LinkedHashMap<>();
        causes.put("user23", (user, signedIn) -> assertThat(admin.tryPut(phonePath(realm, user),
                "{\"number\":\"+12015557023\",\"status\":\"verified\"}").statusCode()).isEqualTo(200));
        causes.put("user24", (user, signedIn) -> assertThat(admin.delete(phonePath(realm, user))).isEqualTo(204));
        causes.put("user25", (user, signedIn) -> admin.put(userPath(realm, user) + "/reset-password",
                "{\"type\":\"password\",\"value\":\"pass-25\",\"temporary\":false}"));
        causes.put("user26", (user, signedIn) -> assertThat(admin.post(userPath(realm, user) + "/logout", "").statusCode())
                .isEqualTo(204));
        causes.put("user27", (user, signedIn) -> assertThat(admin.delete(phonePath(realm, user) + "/trusted-browsers"))
                .isEqualTo(204));
        // The user's own "Sign out all devices" (Account Console, Device activity). Keycloak 26.4 signs
        // the sessions out without an event, so nothing hears it there: the trust stays (docs/TRUST-AND-STEP-UP.md).
        causes.put("user38", (user, signedIn) -> assertThat(new AccountApi(server, realm, signedIn).signOutAllDevices())
                .isEqualTo(204));
        boolean signOutHeard = KeycloakServer.atLeast(26, 5);
        causes.forEach((user, cause) -> {
            if (user.equals("user24")) {
                enroll(realm, user); // an enrolled number (a credential) to remove
            }
            Browser trusted = trust(realm, user);
            Page signedIn = signIn(trusted.keeping(COOKIE), realm, user);
            assertThat(signedIn.loggedIn()).as(user + " trusted").isTrue();
            cause.accept(user, signedIn);
            Page after = signIn(trusted.keeping(COOKIE), realm, user);
            boolean asked = after.has("#kc-sms-otp-form");
            if (user.equals("user38") && !signOutHeard) {
                assertThat(after.loggedIn()).as(user + ": on 26.4 the trust stays: " + after.text()).isTrue();
            } else {
                assertThat(asked).as(user + ": the code is asked again: " + after.text()).isTrue();
            }
        });
    }

    @Test
    void aCookieThatFailsAnyCheckGetsTheCodePage() throws Exception {
        String realm = "sms-trust-bad-tokens";
        trustRealm(realm);
        String otherRealm = "sms-trust-bad-tokens-other";
        trustRealm(otherRealm);
        addKnownKey(realm);
        long now = System.currentTimeMillis() / 1000;
        String valid = token(realm, "user28", now, now + 3600);
        // The server's own format, signed with the realm's key: it passes.
        assertThat(signInWith(realm, "user28", valid).loggedIn()).as("a well-made token passes").isTrue();

        Map<String, String> bad = new java.util.LinkedHashMap<>();
        String signature = valid.substring(valid.lastIndexOf('.') + 1);
        bad.put("tampered signature", valid.substring(0, valid.lastIndexOf('.') + 1)
                + (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1));
        bad.put("another user's", token(realm, "user29", now, now + 3600));
        bad.put("expired", token(realm, "user28", now - 7200, now - 3600));
        bad.put("garbage", "v1.%%%.<script>.x");
        bad.forEach((kind, value) -> {
            Page page = signInWith(realm, "user28", value);
            assertThat(page.status()).as(kind).isEqualTo(200);
            assertThat(page.has("#kc-sms-otp-form")).as(kind + ": " + page.text()).isTrue();
        });
        // A realm's token in another realm (same user name, another realm id and key).
        Page elsewhere = signInWith(otherRealm, "user28", valid);
        assertThat(elsewhere.has("#kc-sms-otp-form")).as("another realm: " + elsewhere.text()).isTrue();
        // A rotation: a newer key signs from now on, the old one is still the realm's: the token passes.
        addKey(realm, "newer-hmac", "trusted-browser-it-rotated", "2000",
                "another 64-byte secret: the realm's active key after the rotation".getBytes(StandardCharsets.US_ASCII));
        assertThat(signInWith(realm, "user28", valid).loggedIn()).as("after a rotation").isTrue();
        // A key the realm no longer has.
        removeKnownKey(realm);
        Page oldKey = signInWith(realm, "user28", valid);
        assertThat(oldKey.has("#kc-sms-otp-form")).as("old key: " + oldKey.text()).isTrue();
        assertThat(server.log()).doesNotContain("Exception in").doesNotContain(valid);
    }

    /** Gives the user an enrolled number (an SMS credential, listed in the Account Console): their own. */
    private void enroll(String realm, String user) {
        assertThat(admin.tryPut(phonePath(realm, user), "{\"number\":\"" + SmsLogin.phoneOf(user)
                + "\",\"status\":\"verified\"}").statusCode()).isEqualTo(200);
    }

    private Page signInWith(String realm, String user, String token) {
        Browser browser = new Browser();
        browser.setCookie(COOKIE, token, "/realms/" + realm + "/");
        return signIn(browser, realm, user);
    }

    /** Signs the user in with the code and the box ticked; the browser then holds the trust cookie. */
    private Browser trust(String realm, String user) {
        SmsLogin login = new SmsLogin(server, realm, user, null);
        Page codePage = login.codePage();
        Page done = login.post(codePage, Map.of("code", lastCode(realm, login.phone()), "trust", "on"));
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        return login.browser();
    }

    private Page signIn(Browser browser, String realm, String user) {
        Page login = browser.get(server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=it-app"
                + "&response_type=code&scope=openid&state=it&redirect_uri=" + Browser.CALLBACK);
        return browser.submit(login, "kc-form-login", Map.of("username", user, "password", "pass-" + user.substring(4)));
    }

    private void trustRealm(String name) {
        Map<String, String> settings = new java.util.HashMap<>(new RealmGateway(server, name).settings());
        settings.put("trust-browser-days", "30");
        admin.createRealm(name, settings, r -> { });
    }

    /** A token as the server writes it, for the user's current state, signed with the known key. */
    private String token(String realm, String user, long issuedAt, long expiresAt) throws Exception {
        JsonNode credentials = admin.credentials(realm, user);
        String credential = "provisioned";
        String passwordStamp = "none";
        for (JsonNode c : credentials) {
            if (c.path("type").asText().equals("sms-otp")) {
                credential = c.path("id").asText();
            } else if (c.path("type").asText().equals("password")) {
                passwordStamp = c.path("createdDate").asText();
            }
        }
        String realmId = admin.get("/admin/realms/" + realm).path("id").asText();
        String claims = String.join("|", realmId, admin.userId(realm, user), credential,
                Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(SmsLogin.phoneOf(user).getBytes(StandardCharsets.UTF_8))).substring(0, 22),
                passwordStamp, "0", Long.toString(issuedAt), Long.toString(expiresAt));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String unsigned = "v1." + b64.encodeToString(KNOWN_KID.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KNOWN_SECRET, "HmacSHA256"));
        return unsigned + "." + b64.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * An HMAC key provider with a secret the test knows, above the generated one. HS256: the
     * algorithm Keycloak's key manager serves for {@code getActiveHmacKey} (it generates such a key on
     * first use).
     */
    private void addKnownKey(String realm) {
        addKey(realm, "known-hmac", KNOWN_KID, "1000", KNOWN_SECRET);
    }

    private void addKey(String realm, String name, String kid, String priority, byte[] secretBytes) {
        String realmId = admin.get("/admin/realms/" + realm).path("id").asText();
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        String component = "{\"name\":\"" + name + "\",\"providerId\":\"hmac-generated\","
                + "\"providerType\":\"org.keycloak.keys.KeyProvider\",\"parentId\":\"" + realmId + "\","
                + "\"config\":{\"priority\":[\"" + priority + "\"],\"active\":[\"true\"],\"enabled\":[\"true\"],"
                + "\"secretSize\":[\"64\"],\"algorithm\":[\"HS256\"],\"kid\":[\"" + kid + "\"],"
                + "\"secret\":[\"" + secret + "\"]}}";
        assertThat(admin.post("/admin/realms/" + realm + "/components", component).statusCode()).isEqualTo(201);
    }

    private void removeKnownKey(String realm) {
        for (JsonNode component : admin.get("/admin/realms/" + realm + "/components?name=known-hmac")) {
            assertThat(admin.delete("/admin/realms/" + realm + "/components/" + component.path("id").asText()))
                    .isEqualTo(204);
        }
    }

    private String lastCode(String realm, String number) {
        List<GatewayStub.Received> sms = new RealmGateway(server, realm).to(number);
        assertThat(sms).as("SMS to " + number).isNotEmpty();
        return sms.get(sms.size() - 1).code();
    }

    private String userPath(String realm, String user) {
        return "/admin/realms/" + realm + "/users/" + admin.userId(realm, user);
    }

    private String phonePath(String realm, String user) {
        return "/admin/realms/" + realm + "/sms-otp/users/" + admin.userId(realm, user) + "/phone";
    }
}
