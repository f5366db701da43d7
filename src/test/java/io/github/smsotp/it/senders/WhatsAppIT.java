package io.github.smsotp.it.senders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Chromium;
import io.github.smsotp.it.clients.IdentityFlows;
import io.github.smsotp.it.clients.JsonHttp;
import io.github.smsotp.it.clients.PumpingAttack;
import io.github.smsotp.it.clients.Registration;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.clients.TokenRequests;
import io.github.smsotp.it.clients.TokenRequests.Answer;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.GatewayStub.Received;
import io.github.smsotp.it.stubs.ProviderReceipts;
import io.github.smsotp.it.stubs.WhatsAppStub.Sent;
import io.github.smsotp.it.stubs.WhatsAppStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Codes by WhatsApp on the real server: each provider's authentication template as its API
 * documents it (the stub refuses any other shape), the user signing in with the code it carried,
 * the SMS that follows a send WhatsApp could not make, "Send by SMS instead", the limits each
 * channel counts against, and the pumping guard counting WhatsApp sends.
 */
@ExtendWith(KeycloakExtension.class)
public class WhatsAppIT {

    private static WhatsAppStub whatsApp;

    private final KeycloakServer server;
    private final AdminApi admin;

    WhatsAppIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @BeforeAll
    static void startProvider() throws Exception {
        whatsApp = new WhatsAppStub();
    }

    @AfterAll
    static void stopProvider() {
        whatsApp.close();
    }

    @AfterEach
    void providerUp() {
        whatsApp.down(false);
    }

    @Test
    void metaSendsTheTemplateInTheUsersLanguageAndTheUserSignsInWithItsCode() {
        String realm = realm("user01", "+12015557701", "de", meta());
        SmsLogin login = new SmsLogin(server, realm, "user01", null);

        Page page = login.codePage();

        assertThat(page.textOf("#sms-otp-destination")).contains("per WhatsApp an");
        Sent sent = only(whatsApp.to("+12015557701"));
        assertThat(sent.provider()).isEqualTo("meta");
        assertThat(sent.template()).isEqualTo("sign_in_code");
        assertThat(sent.language()).as("the user's language, as Meta names it").isEqualTo("de");
        assertThat(sent.authorization()).isEqualTo("Bearer meta-token");
        assertThat(server.gateway().to("+12015557701")).as("no SMS besides").isEmpty();
        Page done = login.enter(page, sent.code());
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        JsonNode login1 = loginEvent(realm, "user01");
        assertThat(login1.path("details").path("sms_otp_sender").asText()).isEqualTo("whatsapp");
        assertThat(login1.path("details").path("sms_otp_channel").asText()).isEqualTo("whatsapp");
    }

    @Test
    void twilioSendsTheContentTemplateOfTheUsersLanguageFromTheWhatsAppSender() {
        String realm = realm("user02", "+12015557702", "de", Map.of("whatsapp.preset", "twilio",
                "whatsapp.url", whatsApp.url(), "whatsapp.account", "AC0123456789abcdef0123456789abcdef",
                "whatsapp.auth-value", "twilio-token", "whatsapp.from", "+15005550006",
                "whatsapp.template", "de -> HXde0000000000000000000000000001; * -> HXen0000000000000000000000000001"));
        SmsLogin login = new SmsLogin(server, realm, "user02", null);

        Page page = login.codePage();

        Sent sent = only(whatsApp.to("+12015557702"));
        assertThat(sent.provider()).isEqualTo("twilio");
        assertThat(sent.template()).isEqualTo("HXde0000000000000000000000000001");
        assertThat(sent.from()).isEqualTo("+15005550006");
        assertThat(sent.authorization()).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                "AC0123456789abcdef0123456789abcdef:twilio-token".getBytes()));
        assertThat(login.enter(page, sent.code()).loggedIn()).isTrue();
    }

    @Test
    void infobipSendsTheTemplateInTheLanguageTheSettingsName() {
        String realm = realm("user03", "+12015557703", null, Map.of("whatsapp.preset", "infobip",
                "whatsapp.url", whatsApp.url(), "whatsapp.auth-value", "infobip-key", "whatsapp.from", "441134960000",
                "whatsapp.template", "sign_in_code", "whatsapp.languages", "en -> en_GB; * -> en_GB"));
        SmsLogin login = new SmsLogin(server, realm, "user03", null);

        Page page = login.codePage();

        Sent sent = only(whatsApp.to("+12015557703"));
        assertThat(sent.provider()).isEqualTo("infobip");
        assertThat(sent.language()).isEqualTo("en_GB");
        assertThat(sent.from()).isEqualTo("+441134960000");
        assertThat(sent.authorization()).isEqualTo("App infobip-key");
        assertThat(login.enter(page, sent.code()).loggedIn()).isTrue();
    }

    @Test
    void aSendWhatsAppCannotMakeGoesOutBySmsAtOnceAndThePageSaysSo() {
        whatsApp.down(true);
        String realm = realm("user04", "+12015557704", null, meta());
        SmsLogin login = new SmsLogin(server, realm, "user04", null);

        Page page = login.codePage();

        assertThat(whatsApp.to("+12015557704")).isEmpty();
        Received sms = only(server.gateway().to("+12015557704"));
        Page next = login.reload(page);
        assertThat(next.textOf("#sms-otp-fell-back")).isEqualTo("WhatsApp could not take the code, so we sent it by SMS.");
        assertThat(next.textOf("#sms-otp-destination")).contains("by SMS");
        assertThat(next.has("#kc-sms-otp-next-channel")).as("the code went by SMS already").isFalse();
        Page done = login.enter(next, sms.code());
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        JsonNode event = loginEvent(realm, "user04");
        assertThat(event.path("details").path("sms_otp_sender").asText()).isEqualTo("http");
        assertThat(event.path("details").path("sms_otp_channel").asText()).isEqualTo("sms");
    }

    @Test
    void withoutSmsAfterItAFailedWhatsAppSendIsShownAndTriedAgain() {
        whatsApp.down(true);
        Map<String, String> onlyWhatsApp = new HashMap<>(meta());
        onlyWhatsApp.put("channels", "whatsapp");
        String realm = realm("user05", "+12015557705", null, onlyWhatsApp);
        SmsLogin login = new SmsLogin(server, realm, "user05", null);

        Page next = login.reload(login.passwordStep("it-app"));

        assertThat(next.text()).contains("We could not send the code by WhatsApp.");
        assertThat(next.has("#kc-sms-otp-form")).as("no code to type").isFalse();
        assertThat(server.gateway().to("+12015557705")).isEmpty();
        whatsApp.down(false);
        Page retried = login.resend(next);
        assertThat(login.enter(retried, only(whatsApp.to("+12015557705")).code()).loggedIn()).isTrue();
        assertThat(admin.events(realm, "user05").stream().filter(e -> "sms_otp_send_failed".equals(
                e.path("error").asText())).findFirst().orElseThrow().path("details").path("sms_otp_reason").asText())
                .isEqualTo("whatsapp");
    }

    @Test
    void sendBySmsInsteadSendsANewCodeBySmsAndTheLoginStaysWithSms() {
        String realm = realm("user06", "+12015557706", null, meta());
        SmsLogin login = new SmsLogin(server, realm, "user06", null);
        Page page = login.codePage();
        assertThat(page.textOf("#kc-sms-otp-next-channel")).isEqualTo("Send by SMS instead");

        Page bySms = login.browser().submit(page, "kc-sms-otp-next-channel-form", Map.of("next-channel", "sms"));

        Received sms = only(server.gateway().to("+12015557706"));
        assertThat(bySms.textOf("#sms-otp-destination")).contains("by SMS");
        assertThat(bySms.has("#kc-sms-otp-next-channel")).isFalse();
        assertThat(login.enter(bySms, only(whatsApp.to("+12015557706")).code()).loggedIn())
                .as("the WhatsApp code was replaced").isFalse();
        Page resent = login.resend(login.reload(bySms));
        assertThat(server.gateway().to("+12015557706")).as("a new code goes by SMS too").hasSize(2);
        assertThat(whatsApp.to("+12015557706")).hasSize(1);
        String latest = server.gateway().to("+12015557706").get(1).code();
        assertThat(sms.code()).isNotEqualTo(latest);
        assertThat(login.enter(resent, latest).loggedIn()).isTrue();
    }

    @Test
    void eachChannelCountsAgainstLimitsOfItsOwn() {
        Map<String, String> config = new HashMap<>(meta());
        config.put("limit-number-sends-per-10-minutes", "1");
        String realm = realm("user07", "+12015557707", null, config);
        SmsLogin login = new SmsLogin(server, realm, "user07", null);
        Page page = login.codePage();

        Page bySms = login.browser().submit(page, "kc-sms-otp-next-channel-form", Map.of("next-channel", "sms"));
        assertThat(bySms.textOf("#sms-otp-destination")).as("the number's one WhatsApp message leaves its SMS")
                .contains("by SMS");
        Page refused = login.resend(bySms);

        assertThat(refused.text()).contains("Too many codes were requested.");
        assertThat(whatsApp.to("+12015557707")).hasSize(1);
        assertThat(server.gateway().to("+12015557707")).hasSize(1);
        assertThat(admin.reasons(realm, "user07")).contains("number_limit");
    }

    @Test
    void anAppsTokenRequestSaysTheCodeWentByWhatsAppOrBySmsWhenWhatsAppCouldNotTakeIt() {
        String realm = realm("user09", "+12015557709", null, meta(),
                r -> IdentityFlows.directGrantWith(r, "sms-otp-direct-grant"));
        TokenRequests app = new TokenRequests(server, realm, "it-app");

        Answer byWhatsApp = app.password("user09", "pass-09");

        assertThat(byWhatsApp.status()).as(byWhatsApp.toString()).isEqualTo(401);
        assertThat(byWhatsApp.json().path("channel").asText()).isEqualTo("whatsapp");
        String code = only(whatsApp.to("+12015557709")).code();
        assertThat(app.password("user09", "pass-09", Map.of("sms_otp", code)).tokens()).isTrue();

        whatsApp.down(true);
        Answer bySms = app.password("user09", "pass-09");

        assertThat(bySms.status()).as(bySms.toString()).isEqualTo(401);
        assertThat(bySms.json().path("channel").asText()).isEqualTo("sms");
        String smsCode = only(server.gateway().to("+12015557709")).code();
        assertThat(app.password("user09", "pass-09", Map.of("sms_otp", smsCode)).tokens()).isTrue();
    }

    @Test
    void thePumpingGuardCountsWhatsAppSendsToUnprovenNumbers() {
        String realm = AdminApi.uniqueRealmName("sms-whatsapp-pumping");
        Map<String, String> settings = new HashMap<>(meta());
        settings.put("channels", "whatsapp, sms");
        PumpingAttack.createRealm(server, realm, settings);
        List<String> numbers = IntStream.range(0, 15).mapToObj(i -> String.format("+3712000%04d", i)).toList();

        int throttled = 0;
        for (int i = 0; i < numbers.size(); i++) {
            Page page = Registration.register(server, new Browser(PumpingAttack.address(i)), realm, "wa-" + i,
                    numbers.get(i));
            throttled += page.text().contains(PumpingAttack.THROTTLED) ? 1 : 0;
        }

        int sent = numbers.stream().mapToInt(number -> whatsApp.to(number).size()).sum();
        assertThat(sent).as("WhatsApp messages to one block of unproven numbers, none confirmed").isBetween(10, 11);
        assertThat(throttled).isEqualTo(numbers.size() - sent);
        assertThat(numbers.stream().mapToInt(number -> server.gateway().to(number).size()).sum())
                .as("no SMS instead").isZero();
        List<String> reasons = new ArrayList<>();
        admin.get("/admin/realms/" + realm + "/events?max=500").forEach(e -> reasons.add(
                e.path("details").path("sms_otp_reason").asText()));
        assertThat(reasons).contains("range_throttled");
    }

    @Test
    void inChromiumThePageSaysWhereTheCodeWentAndThatItWentBySmsWithoutAReload() throws Exception {
        String realm = realm("user08", "+12015557708", null, meta());
        try (Chromium browser = Chromium.start("en")) {
            signIn(browser, realm, "user08", "pass-08");
            assertThat(browser.text(By.id("sms-otp-destination")))
                    .isEqualTo("We send your sign-in code by WhatsApp to +1 \u2022\u2022\u2022 \u2022\u2022\u2022 7708.");
            assertThat(browser.text(By.id("kc-page-title"))).isEqualTo("Enter the code from WhatsApp");
            assertThat(browser.text(By.id("sms-otp-code-label"))).isEqualTo("WhatsApp code");
            assertThat(browser.text(By.id("kc-sms-otp-next-channel"))).isEqualTo("Send by SMS instead");
            browser.screenshot("code-page-whatsapp");
        }

        whatsApp.down(true);
        try (Chromium browser = Chromium.start("en")) {
            signIn(browser, realm, "user08", "pass-08");
            String page = browser.url();
            browser.await(By.id("sms-otp-fell-back"));
            assertThat(browser.text(By.id("sms-otp-fell-back")))
                    .isEqualTo("WhatsApp could not take the code, so we sent it by SMS.");
            assertThat(browser.text(By.id("sms-otp-destination"))).contains("by SMS");
            assertThat(browser.text(By.id("kc-page-title"))).isEqualTo("Enter the code from the SMS");
            assertThat(browser.text(By.id("sms-otp-code-label"))).isEqualTo("SMS code");
            browser.awaitGone(By.id("kc-sms-otp-next-channel"));
            assertThat(browser.url()).as("no reload").isEqualTo(page);
            browser.screenshot("code-page-whatsapp-fell-back");
            browser.type(By.id("code"), only(server.gateway().to("+12015557708")).code());
            browser.submit(By.id("kc-sms-otp-submit"));
            browser.awaitText("Personal info");
        }
    }

    @Test
    void aMessageTwilioOrInfobipCouldNotDeliverLetsTheNextChannelSendAtOnceDespiteTheCooldown() {
        List<Map<String, String>> providers = List.of(
                Map.of("whatsapp.preset", "twilio", "whatsapp.url", whatsApp.url(),
                        "whatsapp.account", "AC0123456789abcdef0123456789abcdef", "whatsapp.auth-value", "twilio-token",
                        "whatsapp.from", "+15005550006", "whatsapp.template", "HXen0000000000000000000000000001"),
                Map.of("whatsapp.preset", "infobip", "whatsapp.url", whatsApp.url(),
                        "whatsapp.auth-value", "infobip-key", "whatsapp.from", "441134960000",
                        "whatsapp.template", "sign_in_code", "whatsapp.receipt-secret", "infobip-receipts"));
        for (int i = 0; i < providers.size(); i++) {
            String username = "user1" + (i + 1);
            String phone = "+120155577" + (11 + i);
            Map<String, String> settings = new HashMap<>(providers.get(i));
            settings.put("whatsapp.receipts", "on");
            settings.put("resend-cooldown-seconds", "600");
            // The receipts endpoint reads the realm's settings (the SMS tab), not a step's.
            String realm = realm(username, phone, null, Map.of(), r -> AdminApi.smsSettingsAtRealmLevel(r, settings));
            SmsLogin login = new SmsLogin(server, realm, username, null);
            Page page = login.codePage();
            Sent sent = only(whatsApp.to(phone));
            assertThat(sent.statusUrl()).as(sent.provider())
                    .isEqualTo(server.baseUrl() + "/realms/" + realm + "/sms-otp/delivery/whatsapp");

            HttpResponse<String> answer = call(sent.provider().equals("twilio")
                    // Twilio's "not a WhatsApp user": undelivered, 63024 (invalid message recipient).
                    ? ProviderReceipts.twilio(sent.statusUrl(), "twilio-token", Map.of("MessageSid", sent.messageId(),
                    "MessageStatus", "undelivered", "ErrorCode", "63024", "To", "whatsapp:" + phone))
                    : ProviderReceipts.infobip(sent.statusUrl(), sent.messageId(), "UNDELIVERABLE", 7001,
                    sent.callbackData()));

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            Page next = login.reload(page);
            assertThat(next.text()).contains("WhatsApp could not deliver the code to your phone.");
            Page bySms = login.browser().submit(next, "kc-sms-otp-next-channel-form", Map.of("next-channel", "sms"));
            Received sms = only(server.gateway().to(phone));
            assertThat(bySms.textOf("#sms-otp-destination")).contains("by SMS");
            Page again = login.resend(bySms);
            assertThat(again.text()).as("the cooldown holds for codes that arrive").contains("Please wait");
            assertThat(login.enter(again, sms.code()).loggedIn()).isTrue();
            assertThat(loginEvent(realm, username).path("details").path("sms_otp_channel").asText()).isEqualTo("sms");
        }
    }

    @Test
    void inChromiumACodeMetaCouldNotDeliverGoesBySmsWithoutTheUserAsking() throws Exception {
        Map<String, String> settings = new HashMap<>(meta());
        settings.put("whatsapp.receipts", "on");
        settings.put("whatsapp.receipt-secret", "meta-app-secret");
        settings.put("whatsapp.verify-token", "meta-verify-token");
        settings.put("resend-cooldown-seconds", "600");
        String realm = realm("user13", "+12015557713", null, Map.of(), r -> AdminApi.smsSettingsAtRealmLevel(r, settings));
        String webhook = server.baseUrl() + "/realms/" + realm + "/sms-otp/delivery/whatsapp";

        HttpResponse<String> subscribed = call(HttpRequest.newBuilder(URI.create(webhook
                + "?hub.mode=subscribe&hub.verify_token=meta-verify-token&hub.challenge=1158201444")).GET().build());
        HttpResponse<String> refused = call(HttpRequest.newBuilder(URI.create(webhook
                + "?hub.mode=subscribe&hub.verify_token=guessed&hub.challenge=1158201444")).GET().build());
        HttpResponse<String> notOurs = call(ProviderReceipts.meta(webhook, "meta-app-secret", "wamid.other", "failed",
                131026));
        HttpResponse<String> forged = call(ProviderReceipts.meta(webhook, "guessed", "wamid.other", "failed", 131026));

        assertThat(subscribed.statusCode()).isEqualTo(200);
        assertThat(subscribed.body()).as("Meta's dashboard checks the address").isEqualTo("1158201444");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(notOurs.statusCode()).as("the app's webhook carries every message's status").isEqualTo(200);
        assertThat(forged.statusCode()).isEqualTo(401);
        try (Chromium browser = Chromium.start("en")) {
            signIn(browser, realm, "user13", "pass-13");
            // The message goes once the page was answered.
            await().atMost(Duration.ofSeconds(30)).until(() -> !whatsApp.to("+12015557713").isEmpty());
            Sent sent = only(whatsApp.to("+12015557713"));

            HttpResponse<String> failed = call(ProviderReceipts.meta(webhook, "meta-app-secret", sent.messageId(),
                    "failed", 131026));

            assertThat(failed.statusCode()).as(failed.body()).isEqualTo(200);
            // Nobody but the page's script asks for the SMS.
            await().atMost(Duration.ofSeconds(30)).until(() -> !server.gateway().to("+12015557713").isEmpty());
            browser.awaitText("We send your sign-in code by SMS");
            assertThat(browser.text(By.id("kc-page-title"))).isEqualTo("Enter the code from the SMS");
            browser.screenshot("code-page-whatsapp-not-delivered");
            browser.type(By.id("code"), only(server.gateway().to("+12015557713")).code());
            browser.submit(By.id("kc-sms-otp-submit"));
            browser.awaitText("Personal info");
        }
    }

    private static HttpResponse<String> call(HttpRequest request) {
        return JsonHttp.send(HttpRequest.newBuilder(request, (name, value) -> true));
    }

    private void signIn(Chromium browser, String realm, String username, String password) {
        browser.open(server.baseUrl() + "/realms/" + realm + "/account/");
        browser.type(By.id("username"), username);
        browser.type(By.id("password"), password);
        browser.submit(By.id("kc-login"));
        browser.await(By.id("sms-otp-destination"));
    }

    /** The Meta preset's settings, the channels WhatsApp then SMS. */
    private static Map<String, String> meta() {
        return Map.of("whatsapp.preset", "meta", "whatsapp.url", whatsApp.url() + "/v23.0",
                "whatsapp.account", "106540352242922", "whatsapp.auth-value", "meta-token",
                "whatsapp.template", "sign_in_code");
    }

    /** A realm whose step sends by WhatsApp, then SMS, with no cooldown; the user has this number and language. */
    private String realm(String username, String phone, String locale, Map<String, String> whatsAppSettings) {
        return realm(username, phone, locale, whatsAppSettings, r -> { });
    }

    /** As {@link #realm(String, String, String, Map)}, with anything else changed by {@code tweak}. */
    private String realm(String username, String phone, String locale, Map<String, String> whatsAppSettings,
                         Consumer<ObjectNode> tweak) {
        String realm = AdminApi.uniqueRealmName("sms-whatsapp");
        Map<String, String> config = new HashMap<>(Map.of("channels", "whatsapp, sms", "resend-cooldown-seconds", "0"));
        config.putAll(whatsAppSettings);
        admin.createRealm(realm, config, r -> {
            if (locale != null) {
                r.put("internationalizationEnabled", true).put("defaultLocale", "en");
                r.putArray("supportedLocales").add("en").add(locale);
            }
            AdminApi.setUser(r, username, phone, locale);
            tweak.accept(r);
        });
        return realm;
    }

    private JsonNode loginEvent(String realm, String username) {
        return admin.events(realm, username).stream().filter(e -> e.path("type").asText().equals("LOGIN"))
                .findFirst().orElseThrow();
    }

    private static <T> T only(List<T> sent) {
        assertThat(sent).hasSize(1);
        return sent.get(0);
    }
}
