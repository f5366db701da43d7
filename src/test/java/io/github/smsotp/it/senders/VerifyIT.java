package io.github.smsotp.it.senders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.IdentityFlows;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.clients.TokenRequests;
import io.github.smsotp.it.clients.TokenRequests.Answer;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.VerifyStub;
import io.github.smsotp.it.stubs.VerifyStub.Check;
import io.github.smsotp.it.stubs.VerifyStub.Sent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verify mode on the real server: Twilio Verify, Vonage Verify v2 and Infobip 2FA make, send and
 * check the codes (the stub speaks each protocol and refuses any other shape), while the pages,
 * tries, limits and lockout stay the extension's. Each provider's right code, wrong code,
 * "too many tries", expiry and timeout, as the user sees them.
 */
@ExtendWith(KeycloakExtension.class)
public class VerifyIT {

    private static final String WRONG = "That code is not right.";
    private static final String TOO_MANY = "Too many wrong codes. Request a new code.";
    private static final String EXPIRED = "This code has expired. Request a new code.";
    private static final String UNCHECKED = "We could not check the code. Please ask for a new one in a moment.";
    private static final String TWILIO_ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String TWILIO_SERVICE = "VA0123456789abcdef0123456789abcdef";

    private static VerifyStub provider;

    private final KeycloakServer server;
    private final AdminApi admin;

    VerifyIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @BeforeAll
    static void startProvider() throws Exception {
        provider = new VerifyStub();
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @AfterEach
    void providerAnswers() {
        provider.hang(false);
        provider.down(false);
    }

    @Test
    void twilioMakesAndChecksTheCodeAndAWrongOneFirstIsTheStepsWrongCode() {
        String realm = realm("user01", "+12015558801", twilio());
        SmsLogin login = new SmsLogin(server, realm, "user01", null);

        Page page = login.codePage();

        Sent sent = only(provider.to("+12015558801"));
        assertThat(sent.provider()).isEqualTo("twilio");
        assertThat(sent.channel()).isEqualTo("sms");
        assertThat(sent.service()).isEqualTo(TWILIO_SERVICE);
        assertThat(sent.locale()).isEqualTo("en");
        assertThat(sent.authorization()).isEqualTo(basic(TWILIO_ACCOUNT, "twilio-token"));
        assertThat(server.gateway().to("+12015558801")).as("no SMS of the step's own").isEmpty();
        Page wrong = login.enter(page, other(sent.code()));
        assertThat(wrong.text()).contains(WRONG);
        Page done = login.enter(wrong, sent.code());
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        assertThat(provider.checks("+12015558801")).extracting(Check::answer).containsExactly("wrong", "approved");
        assertThat(provider.checks("+12015558801")).extracting(Check::id).containsOnly(sent.id());
        assertThat(loginEvent(realm, "user01").path("details").path("sms_otp_sender").asText()).isEqualTo("verify");
        assertThat(server.log()).as("no full number in the log").doesNotContain("+12015558801");
    }

    @Test
    void twilioSaysTooManyTriesBeforeTheStepAndThenThatTheCodeExpired() {
        Map<String, String> settings = new HashMap<>(twilio());
        settings.put("attempts-per-code", "10");
        String realm = realm("user02", "+12015558802", settings);
        SmsLogin login = new SmsLogin(server, realm, "user02", null);
        Page page = login.codePage();
        String code = only(provider.to("+12015558802")).code();
        for (int i = 0; i < 5; i++) {
            page = login.enter(page, other(code));
            assertThat(page.text()).contains(WRONG);
        }

        Page exhausted = login.enter(page, code);

        assertThat(exhausted.text()).as("Twilio takes 5 checks").contains(TOO_MANY);
        Page resent = login.resend(exhausted);
        Sent second = provider.to("+12015558802").get(1);
        assertThat(second.id()).as("a new verification").isNotEqualTo(provider.to("+12015558802").get(0).id());
        provider.expire("+12015558802");
        assertThat(login.enter(resent, second.code()).text()).contains(EXPIRED);
        assertThat(provider.checks("+12015558802")).extracting(Check::answer).endsWith("max_attempts", "expired");
    }

    @Test
    void twilioSendsByWhatsAppWhereItComesFirstAndAnAppGetsItsCodeToo() {
        Map<String, String> settings = new HashMap<>(twilio());
        settings.put("channels", "whatsapp, sms");
        String realm = realm("user03", "+12015558803", settings, r -> IdentityFlows.directGrantWith(r,
                "sms-otp-direct-grant"));
        TokenRequests app = new TokenRequests(server, realm, "it-app");

        Answer asked = app.password("user03", "pass-03");

        assertThat(asked.status()).as(asked.toString()).isEqualTo(401);
        assertThat(asked.json().path("channel").asText()).isEqualTo("whatsapp");
        Sent sent = only(provider.to("+12015558803"));
        assertThat(sent.channel()).isEqualTo("whatsapp");
        assertThat(app.password("user03", "pass-03", Map.of("sms_otp", other(sent.code()))).status()).isEqualTo(401);
        assertThat(app.password("user03", "pass-03", Map.of("sms_otp", sent.code())).tokens()).isTrue();
    }

    @Test
    void vonageRunsAWorkflowAndAResendCancelsTheOneBefore() {
        String realm = realm("user04", "+12015558804", vonage(), r -> r.put("displayName", "Example Bank Online"));
        SmsLogin login = new SmsLogin(server, realm, "user04", null);
        Page page = login.codePage();
        Sent first = only(provider.to("+12015558804"));
        assertThat(first.provider()).isEqualTo("vonage");
        assertThat(first.service()).as("the realm's name, cut to Vonage's 16 characters").isEqualTo("Example Bank Onl");
        assertThat(first.code()).as("the step's code length").hasSize(6);
        assertThat(first.authorization()).isEqualTo(basic("vonage-key", "vonage-secret"));

        Page resent = login.resend(page);

        Sent second = provider.to("+12015558804").get(1);
        assertThat(second.id()).isNotEqualTo(first.id());
        Page wrong = login.enter(resent, first.code());
        assertThat(wrong.text()).as("the code before is gone").contains(WRONG);
        Page done = login.enter(wrong, second.code());
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        assertThat(provider.checks("+12015558804")).extracting(Check::answer).containsExactly("wrong", "approved");
    }

    @Test
    void vonageEndsAWorkflowAfterThreeWrongCodesAndExpires() {
        Map<String, String> settings = new HashMap<>(vonage());
        settings.put("attempts-per-code", "10");
        String realm = realm("user05", "+12015558805", settings);
        SmsLogin login = new SmsLogin(server, realm, "user05", null);
        Page page = login.codePage();
        String code = only(provider.to("+12015558805")).code();
        for (int i = 0; i < 3; i++) {
            page = login.enter(page, other(code));
            assertThat(page.text()).contains(WRONG);
        }

        Page exhausted = login.enter(page, code);

        assertThat(exhausted.text()).contains(TOO_MANY);
        Page resent = login.resend(exhausted);
        provider.expire("+12015558805");
        assertThat(login.enter(resent, provider.to("+12015558805").get(1).code()).text()).contains(EXPIRED);
        assertThat(provider.checks("+12015558805")).extracting(Check::answer).endsWith("max_attempts", "expired");
    }

    @Test
    void infobipSendsAPinFromTheApplicationAndChecksIt() {
        String realm = realm("user06", "+12015558806", infobip());
        SmsLogin login = new SmsLogin(server, realm, "user06", null);
        Page page = login.codePage();
        Sent sent = only(provider.to("+12015558806"));
        assertThat(sent.provider()).isEqualTo("infobip");
        assertThat(sent.service()).isEqualTo("0130269F44AFD07AEBC2FEFEB30398A0");
        assertThat(sent.authorization()).isEqualTo("App infobip-key");

        Page wrong = login.enter(page, other(sent.code()));

        assertThat(wrong.text()).contains(WRONG);
        assertThat(login.enter(wrong, sent.code()).loggedIn()).isTrue();
        assertThat(provider.checks("+12015558806")).extracting(Check::answer).containsExactly("wrong", "approved");
    }

    @Test
    void infobipsLastAttemptAndItsExpiryAreTheStepsOwn() {
        Map<String, String> settings = new HashMap<>(infobip());
        settings.put("attempts-per-code", "10");
        String realm = realm("user07", "+12015558807", settings);
        SmsLogin login = new SmsLogin(server, realm, "user07", null);
        Page page = login.codePage();
        String code = only(provider.to("+12015558807")).code();
        page = login.enter(page, other(code));
        page = login.enter(page, other(code));

        Page exhausted = login.enter(page, other(code));

        assertThat(exhausted.text()).as("Infobip's third attempt was the last").contains(TOO_MANY);
        Page resent = login.resend(exhausted);
        provider.expire("+12015558807");
        assertThat(login.enter(resent, provider.to("+12015558807").get(1).code()).text()).contains(EXPIRED);
        assertThat(provider.checks("+12015558807")).extracting(Check::answer)
                .containsExactly("wrong", "wrong", "wrong", "expired");
    }

    @Test
    void whereInfobipCannotSendByWhatsAppThePinGoesBySmsAndACallIsAPinByVoice() {
        Map<String, String> settings = new HashMap<>(infobip());
        settings.put("channels", "whatsapp, sms");
        settings.put("voice-fallback", "always");
        String realm = realm("user08", "+12015558808", settings);
        SmsLogin login = new SmsLogin(server, realm, "user08", null);

        Page page = login.reload(login.codePage());

        assertThat(only(provider.to("+12015558808")).channel()).isEqualTo("sms");
        assertThat(page.textOf("#sms-otp-fell-back")).isEqualTo("WhatsApp could not take the code, so we sent it by SMS.");
        Page calling = login.browser().submit(page, "kc-sms-otp-call-form", Map.of("call", "true"));
        assertThat(calling.text()).contains("We are calling you now.");
        Sent call = provider.to("+12015558808").get(1);
        assertThat(call.channel()).isEqualTo("voice");
        assertThat(login.enter(calling, call.code()).loggedIn()).isTrue();
    }

    @Test
    void aProviderThatTimesOutOrFailsGetsTheFailedSendPageFromEachProvider() {
        List<Map<String, String>> providers = List.of(twilio(), vonage(), infobip());
        for (int i = 0; i < providers.size(); i++) {
            String username = "user1" + i;
            String phone = "+1201555881" + i;
            Map<String, String> settings = new HashMap<>(providers.get(i));
            settings.put("verify.timeout-ms", "300");
            String realm = realm(username, phone, settings);
            SmsLogin login = new SmsLogin(server, realm, username, null);
            Page page = login.codePage();
            String code = only(provider.to(phone)).code();

            provider.hang(true);
            Page timedOut = login.enter(page, code);
            provider.hang(false);
            // The provider took the check late, after the step had stopped waiting for it.
            await().atMost(Duration.ofSeconds(30)).until(() -> provider.checks(phone).size() == 1);

            assertThat(timedOut.text()).as(settings.get("verify.preset")).contains(UNCHECKED);
            assertThat(timedOut.has("#kc-sms-otp-form")).as("no code to type").isFalse();
            Page next = login.reload(timedOut);
            assertThat(next.text()).as("the next page says it too").contains(UNCHECKED);
            provider.down(true);
            Page failed = login.resend(next);
            provider.down(false);
            Page failedNext = login.reload(failed);
            assertThat(failedNext.text()).contains("We could not send the SMS.");
            Page retried = login.resend(failedNext);
            Page done = login.enter(retried, provider.to(phone).get(1).code());
            assertThat(done.loggedIn()).as(settings.get("verify.preset") + ": " + done.text()).isTrue();
            assertThat(admin.events(realm, username).stream().filter(e -> "sms_otp_send_failed".equals(
                    e.path("error").asText())).map(e -> e.path("details").path("sms_otp_reason").asText()))
                    .containsOnly("verify");
        }
    }

    @Test
    void sendsByTheProviderCountAgainstTheStepsLimits() {
        Map<String, String> settings = new HashMap<>(twilio());
        settings.put("limit-number-sends-per-10-minutes", "1");
        String realm = realm("user09", "+12015558809", settings);
        SmsLogin login = new SmsLogin(server, realm, "user09", null);

        Page refused = login.resend(login.codePage());

        assertThat(refused.text()).contains("Too many codes were requested.");
        assertThat(provider.to("+12015558809")).hasSize(1);
        assertThat(admin.reasons(realm, "user09")).contains("number_limit");
    }

    private static Map<String, String> twilio() {
        return Map.of("verify-sender", "http", "verify.preset", "twilio", "verify.url", provider.url(),
                "verify.account", TWILIO_ACCOUNT, "verify.auth-value", "twilio-token", "verify.service", TWILIO_SERVICE);
    }

    private static Map<String, String> vonage() {
        return Map.of("verify-sender", "http", "verify.preset", "vonage", "verify.url", provider.url(),
                "verify.account", "vonage-key", "verify.auth-value", "vonage-secret");
    }

    private static Map<String, String> infobip() {
        return Map.of("verify-sender", "http", "verify.preset", "infobip", "verify.url", provider.url(),
                "verify.auth-value", "infobip-key", "verify.service", "0130269F44AFD07AEBC2FEFEB30398A0",
                "verify.template", "E5A7E1B4D7A3E0F5C0A3B1D4F5E6A7B8");
    }

    private String realm(String username, String phone, Map<String, String> settings) {
        return realm(username, phone, settings, r -> { });
    }

    /** A realm whose step has the provider make its codes, with no cooldown; the user has this number. */
    private String realm(String username, String phone, Map<String, String> settings, Consumer<ObjectNode> tweak) {
        String realm = AdminApi.uniqueRealmName("sms-verify");
        Map<String, String> config = new HashMap<>(Map.of("resend-cooldown-seconds", "0"));
        config.putAll(settings);
        admin.createRealm(realm, config, r -> {
            AdminApi.setUser(r, username, phone, null);
            tweak.accept(r);
        });
        return realm;
    }

    private JsonNode loginEvent(String realm, String username) {
        return admin.events(realm, username).stream().filter(e -> e.path("type").asText().equals("LOGIN"))
                .findFirst().orElseThrow();
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes());
    }

    private static String other(String code) {
        return code.charAt(0) == '9' ? "0" + code.substring(1) : (char) (code.charAt(0) + 1) + code.substring(1);
    }

    private static <T> T only(List<T> sent) {
        assertThat(sent).hasSize(1);
        return sent.get(0);
    }
}
