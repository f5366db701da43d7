package io.github.smsotp.it.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.it.clients.AccountApi;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.PhoneSignIn;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.harness.ReleaseMatrix;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo realm from realm-export/ imports and its flow works with the log sender, as the README says. */
@Tag(ReleaseMatrix.CONTAINER_PATH)
@ExtendWith(KeycloakExtension.class)
public class DemoRealmIT {

    private static final String DEMO_PHONE = "+12015550123";

    private final KeycloakServer server;

    DemoRealmIT(KeycloakServer server) {
        this.server = server;
    }

    @Test
    void demoUserSignsInToTheAccountConsoleWithTheCodeFromTheConsole() {
        signsInWithTheCodeFromTheConsole(server, "sms-demo", DEMO_PHONE);
        // The code confirmed the provisioned number: it is now the verified one the phone scope reads,
        // shown to admins (read-only, as the demo's user profile declares it).
        JsonNode attributes = new AdminApi(server).user("sms-demo", "demo").path("attributes");
        assertThat(attributes.path("phoneNumber").path(0).asText()).isEqualTo("+12015550123");
        assertThat(attributes.path("phoneNumberVerified").path(0).asText()).isEqualTo("true");
    }

    /**
     * The demo user signs in to the Account Console of the realm with the code the log sender printed.
     *
     * @param phone the user's number in E.164
     */
    static void signsInWithTheCodeFromTheConsole(KeycloakServer server, String realm, String phone) {
        Browser browser = new Browser();
        int seen = loggedCodes(server, phone).size();
        Page codePage = browser.submit(accountLogin(server, browser, realm), "kc-form-login",
                Map.of("username", "demo", "password", "demo"));
        assertThat(codePage.has("#kc-sms-otp-form")).as(codePage.text()).isTrue();
        assertThat(codePage.textOf("#sms-otp-destination")).contains(phone.substring(phone.length() - 4));

        assertThat(server.log()).as("the log sender prints the SMS to the console")
                .containsPattern(" to " + Pattern.quote(phone) + ": [0-9]{6} is your SMS OTP demo sign-in code");
        Page done = browser.submit(codePage, "kc-sms-otp-form", Map.of("code", awaitLoggedCode(server, phone, seen)));
        assertThat(done.uri().toString()).startsWith(account(server, realm)).contains("code=");
    }

    @Test
    void theStepUpClientAsksForAFreshCodeInsideTheSession() {
        Browser browser = new Browser();
        int seen = loggedCodes(server, DEMO_PHONE).size();
        Page codePage = browser.submit(accountLogin(server, browser, "sms-demo"), "kc-form-login",
                Map.of("username", "demo", "password", "demo"));
        Page signedIn = browser.submit(codePage, "kc-sms-otp-form",
                Map.of("code", awaitLoggedCode(server, DEMO_PHONE, seen)));
        assertThat(signedIn.uri().toString()).startsWith(account(server, "sms-demo"));

        String stepUpReturn = account(server, "sms-demo");
        Page stepUp = browser.get(server.baseUrl() + "/realms/sms-demo/protocol/openid-connect/auth"
                + "?client_id=sms-demo-stepup&response_type=code&scope=openid&redirect_uri=" + stepUpReturn);
        assertThat(stepUp.has("#kc-sms-otp-form")).as("a fresh code inside the session: " + stepUp.text()).isTrue();
        assertThat(stepUp.has("#password")).isFalse();
        String code = awaitLoggedCode(server, DEMO_PHONE, seen + 1);
        Page steppedUp = browser.submit(stepUp, "kc-sms-otp-form", Map.of("code", code));
        assertThat(steppedUp.uri().toString()).startsWith(stepUpReturn).contains("code=");
        JsonNode idToken = new AccountApi(server, "sms-demo", steppedUp, "sms-demo-stepup", stepUpReturn).idToken();
        assertThat(idToken.path("acr").asText()).isEqualTo("fresh-sms");
    }

    @Test
    void theUserWithoutANumberEnrollsOneWithTheCodeFromTheConsole() {
        Browser browser = new Browser();
        Page enroll = browser.submit(accountLogin(server, browser, "sms-demo"), "kc-form-login",
                Map.of("username", "newuser", "password", "newuser"));
        Page confirm = browser.submit(enroll, "kc-sms-otp-enroll-form", Map.of("phone", "+1 201 555 0199"));
        assertThat(confirm.text()).contains("Confirm your mobile number");

        Matcher matcher = Pattern.compile("SIMULATED SMS .* to \\+12015550199: ([0-9]{6}) ").matcher(server.log());
        assertThat(matcher.find()).as("the enrollment code is printed to the console").isTrue();
        Page done = browser.submit(confirm, "kc-sms-otp-form", Map.of("code", matcher.group(1)));
        assertThat(done.uri().toString()).startsWith(account(server, "sms-demo")).contains("code=");
    }

    @Test
    void thePhoneOnlyUserSignsInWithTheNumberThroughTryAnotherWay() {
        Browser browser = new Browser();
        Page login = accountLogin(server, browser, "sms-demo");
        Page choices = browser.submit(login, "kc-select-try-another-way-form", Map.of());
        assertThat(choices.text()).contains("Phone number");
        Page numberPage = choose(browser, choices, "Phone number");
        int seen = loggedCodes(server, "+12015550124").size();
        Page codePage = browser.submit(numberPage, PhoneSignIn.NUMBER_FORM, Map.of("phone", "+1 201 555 0124"));
        assertThat(codePage.has("#" + PhoneSignIn.CODE_FORM)).as(codePage.text()).isTrue();

        Page done = browser.submit(codePage, PhoneSignIn.CODE_FORM, Map.of("code", awaitLoggedCode(server, "+12015550124", seen)));
        assertThat(done.uri().toString()).startsWith(account(server, "sms-demo")).contains("code=");
    }

    @Test
    void forgotPasswordSendsACodeToTheNumberAndRegistrationAsksForOne() {
        Browser browser = new Browser();
        Page login = accountLogin(server, browser, "sms-demo");
        Page reset = browser.get(login.html().select("a[href*=reset-credentials]").first().absUrl("href"));
        Page codePage = browser.submit(reset, "kc-reset-password-form", Map.of("username", "phoneonly"));
        assertThat(codePage.has("#kc-sms-otp-form")).as(codePage.text()).isTrue();
        assertThat(codePage.text()).contains("Try Another Way");

        Browser newcomer = new Browser();
        Page start = accountLogin(server, newcomer, "sms-demo");
        Page register = newcomer.get(start.html().select("a[href*=login-actions/registration]").first().absUrl("href"));
        assertThat(register.has("#kc-register-form input[name=phoneNumber]")).as(register.text()).isTrue();
    }

    /** Picks the option named {@code name} on Keycloak's "Try another way" page, as a click on it does. */
    private static Page choose(Browser browser, Page choices, String name) {
        for (Element option : choices.html().select("[onclick*=requestSubmit]")) {
            Matcher index = Pattern.compile("forms\\[([0-9]+)]").matcher(option.attr("onclick"));
            if (option.text().contains(name) && index.find()) {
                Element form = choices.html().select("form").get(Integer.parseInt(index.group(1)));
                Map<String, String> fields = new java.util.HashMap<>();
                form.select("input[type=hidden]").forEach(input -> fields.put(input.attr("name"), input.attr("value")));
                return browser.post(form.absUrl("action"), fields);
            }
        }
        throw new AssertionError("no option " + name + " in " + choices.text());
    }

    /** The codes the log sender printed for {@code phone} so far, oldest first. */
    private static List<String> loggedCodes(KeycloakServer server, String phone) {
        Matcher matcher = Pattern.compile("SIMULATED SMS .* to " + Pattern.quote(phone) + ": ([0-9]{6}) ")
                .matcher(server.log());
        List<String> codes = new ArrayList<>();
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }

    /** The newest code printed for {@code phone}, once more than {@code seen} are (phone sign-in sends after the page). */
    private static String awaitLoggedCode(KeycloakServer server, String phone, int seen) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> loggedCodes(server, phone).size() > seen);
        List<String> codes = loggedCodes(server, phone);
        return codes.get(codes.size() - 1);
    }

    private static String account(KeycloakServer server, String realm) {
        return server.baseUrl() + "/realms/" + realm + "/account/";
    }

    /** The Account Console's login page; the console is a public client that requires PKCE. */
    static Page accountLogin(KeycloakServer server, Browser browser, String realm) {
        return browser.get(server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/auth"
                + "?client_id=account-console&response_type=code&scope=openid&redirect_uri=" + account(server, realm)
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
    }
}
