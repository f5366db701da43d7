package io.github.smsotp.it.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Chromium;
import io.github.smsotp.it.clients.IdentityFlows;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.RealmGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The phone as identity in a real browser (Debian's headless Chromium): signing in with the phone
 * number through "Try another way", registering with a number, and "Forgot password?" by SMS. Saves
 * the screenshots the docs show.
 */
@ExtendWith(KeycloakExtension.class)
public class IdentityJourneyIT {

    private static final String REALM = "sms-identity-browser";

    private final KeycloakServer server;

    IdentityJourneyIT(KeycloakServer server) {
        this.server = server;
    }

    @BeforeAll
    static void createRealm(KeycloakServer server) {
        Map<String, String> gateway = new RealmGateway(server, REALM).settings();
        new AdminApi(server).createRealm(REALM, gateway, realm -> {
            realm.put("displayName", "SMS OTP demo");
            AdminApi.enrollmentConfig(realm, gateway);
            IdentityFlows.phoneSignIn(realm, false);
            IdentityFlows.resetBySms(realm);
            IdentityFlows.registrationWithPhone(realm);
            for (JsonNode user : realm.withArray("users")) {
                if (user.path("username").asText().equals("user41")) {
                    ObjectNode attributes = ((ObjectNode) user).with("attributes");
                    attributes.putArray("phoneNumber").add(SmsLogin.phoneOf("user41"));
                    attributes.putArray("phoneNumberVerified").add("true");
                }
            }
        });
    }

    @Test
    void userSignsInWithThePhoneNumberThroughTryAnotherWay() throws Exception {
        try (Chromium browser = Chromium.start("en")) {
            browser.open(accountConsole());
            browser.await(By.id("kc-form-login"));
            browser.click(By.id("try-another-way"));
            browser.awaitText("Sign in with a code sent by SMS to your mobile number.");
            browser.screenshot("phone-sign-in-choice");
            browser.click(By.xpath("//div[contains(@onclick, 'requestSubmit')][contains(., 'Phone number')]"));

            browser.await(By.id("kc-sms-otp-phone-login-form"));
            browser.type(By.id("phone"), "+1 201 555 1041");
            browser.screenshot("phone-sign-in-number");
            browser.submit(By.id("kc-sms-otp-phone-login-submit"));

            browser.await(By.id("kc-sms-otp-form"));
            assertThat(browser.text(By.id("sms-otp-destination"))).contains("1041");
            browser.screenshot("phone-sign-in-code");
            browser.type(By.id("code"), awaitCodeTo(SmsLogin.phoneOf("user41")));
            browser.submit(By.id("kc-sms-otp-submit"));
            browser.awaitText("Personal info");
            assertThat(browser.url()).startsWith(accountConsole());
        }
    }

    @Test
    void newUserRegistersWithANumberAndConfirmsIt() throws Exception {
        try (Chromium browser = Chromium.start("en")) {
            browser.open(accountConsole());
            browser.click(By.linkText("Register"));
            browser.await(By.id("kc-register-form"));
            browser.type(By.id("username"), "newcomer");
            browser.type(By.id("email"), "newcomer@example.org");
            browser.type(By.id("firstName"), "New");
            browser.type(By.id("lastName"), "Comer");
            browser.type(By.id("password"), "a-long-password-1");
            browser.type(By.id("password-confirm"), "a-long-password-1");
            browser.type(By.id("phoneNumber"), "+1 201 555 0166");
            browser.screenshot("registration-with-number");
            browser.submit(By.cssSelector("#kc-register-form [type=submit]"));

            browser.await(By.id("kc-sms-otp-form"));
            assertThat(browser.text(By.tagName("body"))).contains("Confirm your mobile number");
            browser.screenshot("registration-confirm-number");
            browser.type(By.id("code"), awaitCodeTo("+12015550166"));
            browser.submit(By.id("kc-sms-otp-submit"));
            browser.awaitText("Personal info");
            assertThat(browser.url()).startsWith(accountConsole());
        }
    }

    @Test
    void userResetsThePasswordWithACodeBySms() throws Exception {
        try (Chromium browser = Chromium.start("en")) {
            browser.open(accountConsole());
            browser.click(By.linkText("Forgot Password?"));
            browser.await(By.id("kc-reset-password-form"));
            browser.type(By.id("username"), "user42");
            browser.submit(By.cssSelector("#kc-reset-password-form [type=submit]"));

            browser.await(By.id("kc-sms-otp-form"));
            assertThat(browser.text(By.id("sms-otp-destination"))).doesNotContain("1042");
            browser.screenshot("reset-code-page");
            browser.type(By.id("code"), awaitCodeTo(SmsLogin.phoneOf("user42")));
            browser.submit(By.id("kc-sms-otp-submit"));

            browser.await(By.id("password-new"));
            browser.type(By.id("password-new"), "a-new-password-42");
            browser.type(By.id("password-confirm"), "a-new-password-42");
            browser.submit(By.cssSelector("#kc-passwd-update-form [type=submit]"));
            browser.awaitText("Personal info");
            assertThat(browser.url()).startsWith(accountConsole());
        }
    }

    @Test
    void adminSeesTheThreeFlows() throws Exception {
        try (Chromium browser = Chromium.start("en")) {
            browser.open(server.baseUrl() + "/admin/master/console/#/" + REALM + "/authentication");
            browser.type(By.id("username"), "admin");
            browser.type(By.id("password"), "admin");
            browser.submit(By.id("kc-login"));
            Map<String, String> flows = Map.of("phone browser", "Phone number and SMS code",
                    "sms reset", "SMS code to the account's number",
                    "sms registration form", "Mobile number, confirmed by SMS");
            for (Map.Entry<String, String> flow : List.copyOf(new java.util.TreeMap<>(flows).entrySet())) {
                browser.open(server.baseUrl() + "/admin/master/console/#/" + REALM + "/authentication");
                String top = flow.getKey().equals("sms registration form") ? "sms registration" : flow.getKey();
                browser.click(By.linkText(top));
                browser.awaitText(flow.getValue());
                browser.screenshot("admin-" + top.replace(' ', '-'));
            }
        }
    }

    private String accountConsole() {
        return server.baseUrl() + "/realms/" + REALM + "/account/";
    }

    private String awaitCodeTo(String phone) {
        return new RealmGateway(server, REALM).awaitCode(phone);
    }
}
