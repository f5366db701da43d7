package io.github.smsotp.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Chromium;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.GatewayStub.Received;
import io.github.smsotp.it.stubs.GatewayStub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * A real browser (Debian's headless Chromium) through the pages end users and admins see, on the
 * real server. Saves the screenshots the docs show.
 */
@ExtendWith(KeycloakExtension.class)
public class ChromiumJourneyIT {

    private static final String REALM = "sms-browser";
    private static final String GATEWAY_PATH = "/browser";

    private final KeycloakServer server;

    ChromiumJourneyIT(KeycloakServer server) {
        this.server = server;
    }

    @BeforeAll
    static void createRealm(KeycloakServer server) {
        String gateway = "http://127.0.0.1:" + server.gateway().port() + GATEWAY_PATH;
        new AdminApi(server).createRealm(REALM, Map.of("http.url", gateway, "resend-cooldown-seconds", "30"), realm -> {
            realm.put("displayName", "SMS OTP demo");
            AdminApi.enrollmentConfig(realm, Map.of("http.url", gateway));
        });
    }

    @Test
    void userSignsInWithTheSmsCodeAfterAWrongOne() throws Exception {
        try (Chromium browser = Chromium.start("en")) {
            browser.open(accountConsole());
            signIn(browser, "user01", "pass-01");

            browser.await(By.id("kc-sms-otp-form"));
            assertThat(browser.text(By.id("sms-otp-destination"))).contains("+1 \u2022\u2022\u2022 \u2022\u2022\u2022 1001");
            assertThat(browser.text(By.id("kc-sms-otp-resend"))).matches("Send a new code \\(in [0-9]+ s\\)");
            browser.screenshot("code-page");
            String code = lastCodeTo("+12015551001");

            browser.type(By.id("code"), SmsCodeLoginIT.otherThan(code));
            browser.submit(By.id("kc-sms-otp-submit"));
            assertThat(browser.text(By.id("input-error-code"))).isEqualTo("That code is not right.");
            browser.screenshot("code-page-wrong-code");

            browser.type(By.id("code"), code);
            browser.submit(By.id("kc-sms-otp-submit"));
            browser.awaitText("Personal info");
            assertThat(browser.url()).startsWith(accountConsole());
        }
    }

    @Test
    void userWithoutANumberEnrollsOneAndSeesItInTheAccountConsole() throws Exception {
        try (Chromium browser = Chromium.start("en")) {
            browser.open(accountConsole() + "account-security/signing-in");
            signIn(browser, "nophone", "pass-nophone");

            browser.await(By.id("kc-sms-otp-enroll-form"));
            browser.screenshot("enroll-page");
            browser.type(By.id("phone"), "+1 201 555 0177");
            browser.submit(By.cssSelector("#kc-sms-otp-enroll-form [type=submit]"));

            browser.await(By.id("kc-sms-otp-form"));
            assertThat(browser.text(By.tagName("body"))).contains("Confirm your mobile number");
            browser.screenshot("enroll-confirm-page");
            browser.type(By.id("code"), lastCodeTo("+12015550177"));
            browser.submit(By.id("kc-sms-otp-submit"));

            String maskedNumber = "+1 \u2022\u2022\u2022 \u2022\u2022\u2022 0177";
            browser.awaitText(maskedNumber);
            // Every label of the credential type is a translated message, never a bare key.
            assertThat(browser.pageText()).contains("SMS code").doesNotContain("sms-otp-").doesNotContain("smsOtp");
            browser.reveal(maskedNumber);
            browser.screenshot("account-console-sms-credential");
        }
    }

    @Test
    void adminSeesTheStepInTheLoginFlow() throws Exception {
        try (Chromium browser = Chromium.start("en")) {
            browser.open(server.baseUrl() + "/admin/master/console/#/" + REALM + "/authentication");
            signIn(browser, "admin", "admin");
            browser.click(By.linkText("browser with sms"));
            browser.awaitText("SMS one-time code");
            browser.screenshot("admin-flow");
        }
    }

    private static void signIn(Chromium browser, String username, String password) {
        browser.type(By.id("username"), username);
        browser.type(By.id("password"), password);
        browser.submit(By.id("kc-login"));
    }

    private String accountConsole() {
        return server.baseUrl() + "/realms/" + REALM + "/account/";
    }

    private String lastCodeTo(String phone) {
        List<Received> sms = server.gateway().to(phone, GATEWAY_PATH);
        assertThat(sms).as("SMS to %s at %s", phone, GATEWAY_PATH).isNotEmpty();
        return sms.get(sms.size() - 1).code();
    }
}
