package io.github.smsotp.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.smsotp.it.clients.Accessibility;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.Chromium;
import io.github.smsotp.it.clients.IdentityFlows;
import io.github.smsotp.it.clients.KeycloakOtpForm;
import io.github.smsotp.it.clients.PhoneSignIn;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.harness.ReleaseMatrix;
import io.github.smsotp.it.stubs.RealmGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;

/**
 * Pages everyone can use. axe-core on every page the extension renders, in English and German, in
 * Chromium on the real server: no violation of impact serious or critical (every page's count of
 * violations of any impact is printed, for the record). And on a phone-sized screen: nothing to
 * scroll sideways, the numeric keyboard for the code.
 */
@Tag(ReleaseMatrix.BUILT_RELEASE_ONLY)
@ExtendWith(KeycloakExtension.class)
public class AccessibilityIT {

    private static final String REALM = "sms-a11y";
    private static final String DEAD_GATEWAY_REALM = "sms-a11y-no-gateway";
    private static final String PHONE_REALM = "sms-a11y-phone";

    private final KeycloakServer server;

    AccessibilityIT(KeycloakServer server) {
        this.server = server;
    }

    @BeforeAll
    static void createRealms(KeycloakServer server) {
        AdminApi admin = new AdminApi(server);
        Map<String, String> settings = new java.util.HashMap<>(new RealmGateway(server, REALM).settings());
        settings.put("trust-browser-days", "30");
        admin.createRealm(REALM, settings, realm -> {
            multilingual(realm);
            new KeycloakOtpForm(30).addTo().accept(realm);
            AdminApi.enrollmentConfig(realm, new RealmGateway(server, REALM).settings());
        });
        // Nothing listens on port 1 of the loopback: every send fails at once.
        admin.createRealm(DEAD_GATEWAY_REALM, Map.of("http.url", "http://127.0.0.1:1/sms"), AccessibilityIT::multilingual);
        Map<String, String> phoneSettings = new java.util.HashMap<>(new RealmGateway(server, PHONE_REALM).settings());
        phoneSettings.put("resend-cooldown-seconds", "3");
        admin.createRealm(PHONE_REALM, phoneSettings, realm -> {
            multilingual(realm);
            IdentityFlows.phoneSignIn(realm, true);
        });
    }

    private static void multilingual(com.fasterxml.jackson.databind.node.ObjectNode realm) {
        realm.put("internationalizationEnabled", true).put("defaultLocale", "en");
        realm.putArray("supportedLocales").add("en").add("de");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void everyPageOfOursHasNoSeriousOrCriticalViolation(String language) throws Exception {
        Map<String, List<String>> pages = new LinkedHashMap<>();
        RealmGateway gateway = new RealmGateway(server, REALM);
        try (Chromium browser = Chromium.start(language)) {
            browser.open(account(REALM));
            signIn(browser, "user01");
            browser.await(By.id("kc-sms-otp-form"));
            pages.put("code page (cooldown, trust box)", Accessibility.violations(browser));
            String code = gateway.awaitCode(SmsLogin.phoneOf("user01"));

            browser.type(By.id("code"), SmsCodeLoginIT.otherThan(code));
            browser.submit(By.id("kc-sms-otp-submit"));
            browser.await(By.id("input-error-code"));
            pages.put("wrong code", Accessibility.violations(browser));

            browser.submit(By.id("kc-sms-otp-resend"));
            browser.await(By.id("kc-sms-otp-form"));
            pages.put("resend in the cooldown", Accessibility.violations(browser));
        }
        try (Chromium browser = Chromium.start(language)) {
            browser.open(account(DEAD_GATEWAY_REALM));
            signIn(browser, "user02");
            browser.await(By.id("kc-sms-otp-resend"));
            pages.put("could not send", Accessibility.violations(browser));
        }
        try (Chromium browser = Chromium.start(language)) {
            browser.open(account(REALM));
            signIn(browser, "nophone");
            browser.await(By.id("kc-sms-otp-enroll-form"));
            pages.put("enrollment", Accessibility.violations(browser));
            browser.type(By.id("phone"), "12");
            browser.submit(By.cssSelector("#kc-sms-otp-enroll-form [type=submit]"));
            browser.await(By.id("input-error-phone"));
            pages.put("enrollment, bad number", Accessibility.violations(browser));
            browser.type(By.id("phone"), "+1 201 555 0178");
            browser.submit(By.cssSelector("#kc-sms-otp-enroll-form [type=submit]"));
            browser.await(By.id("kc-sms-otp-form"));
            pages.put("confirm", Accessibility.violations(browser));
        }
        try (Chromium browser = Chromium.start(language)) {
            browser.open(account(PHONE_REALM));
            browser.await(By.id(PhoneSignIn.NUMBER_FORM));
            pages.put("phone sign-in, number", Accessibility.violations(browser));
            browser.type(By.id("phone"), "+1 201 555 0179");
            browser.submit(By.cssSelector("#" + PhoneSignIn.NUMBER_FORM + " [type=submit]"));
            browser.await(By.id(PhoneSignIn.CODE_FORM));
            pages.put("phone sign-in, code", Accessibility.violations(browser));
            // The countdown is not a live region; its end is said once, politely.
            assertThat(browser.await(By.id("kc-sms-otp-resend")).getAttribute("aria-live")).isNull();
            assertThat(browser.awaitScript("return document.querySelector('#sms-otp-resend-status[aria-live=polite]')"
                    + ".textContent;")).isEqualTo(language.equals("en") ? "You can send a new code now."
                    : "Sie können jetzt einen neuen Code senden lassen.");
        }

        // Keycloak's own one-time-code page, for comparison: the layout's violation is Keycloak's.
        try (Chromium browser = Chromium.start(language)) {
            browser.open(server.baseUrl() + "/realms/" + REALM + "/protocol/openid-connect/auth?client_id="
                    + KeycloakOtpForm.CLIENT + "&response_type=code&scope=openid&redirect_uri=" + Browser.CALLBACK);
            signIn(browser, "user04");
            browser.await(By.id("otp"));
            List<String> keycloaks = Accessibility.violations(browser);
            System.out.printf("axe %s, Keycloak's OTP form: %d violations %s%n", language, keycloaks.size(), keycloaks);
            assertThat(keycloaks).as("Keycloak's own page has the layout's violation left out of ours")
                    .anyMatch(v -> v.startsWith("label (critical): #kc-attempted-username"));
        }
        pages.forEach((page, violations) -> System.out.printf("axe %s, %s: %d violations %s%n", language, page,
                violations.size(), violations));
        pages.forEach((page, violations) -> assertThat(Accessibility.serious(violations))
                .as("serious or critical violations on the %s page (%s)", page, language).isEmpty());
    }

    @org.junit.jupiter.api.Test
    void onAPhoneSizedScreenTheCodeAndNumberPagesFitAndAskForDigits() throws Exception {
        try (Chromium phone = Chromium.startPhone("en")) {
            phone.open(account(REALM));
            signIn(phone, "user03");
            phone.await(By.id("kc-sms-otp-form"));
            assertThat(phone.fitsTheWidth()).as("the code page scrolls sideways at 375 px").isTrue();
            // The numeric keyboard, and the SMS's code offered above it.
            assertThat(phone.await(By.id("code")).getAttribute("inputmode")).isEqualTo("numeric");
            assertThat(phone.await(By.id("code")).getAttribute("autocomplete")).isEqualTo("one-time-code");
            phone.screenshot("code-page-phone");
        }
        try (Chromium phone = Chromium.startPhone("en")) {
            phone.open(account(REALM));
            signIn(phone, "nophone");
            phone.await(By.id("kc-sms-otp-enroll-form"));
            assertThat(phone.fitsTheWidth()).as("the number page scrolls sideways at 375 px").isTrue();
            assertThat(phone.await(By.id("phone")).getAttribute("type")).isEqualTo("tel");
            phone.screenshot("enroll-page-phone");
        }
    }

    private static void signIn(Chromium browser, String user) {
        browser.type(By.id("username"), user);
        browser.type(By.id("password"), user.startsWith("user") ? "pass-" + user.substring(4) : "pass-" + user);
        browser.submit(By.id("kc-login"));
    }

    private String account(String realm) {
        return server.baseUrl() + "/realms/" + realm + "/account/";
    }
}
