package io.github.smsotp.it.senders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.TestHashes;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Chromium;
import io.github.smsotp.it.clients.IdentityFlows;
import io.github.smsotp.it.clients.JsonHttp;
import io.github.smsotp.it.clients.PhoneSignIn;
import io.github.smsotp.it.clients.PrometheusScrape;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.harness.ReleaseMatrix;
import io.github.smsotp.it.stubs.ProviderReceipts;
import io.github.smsotp.it.stubs.ProviderStub.Sent;
import io.github.smsotp.it.stubs.ProviderStub;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Delivery receipts from each provider's callback, signed as the provider signs it, on the real
 * server: the login page learns of a failed SMS, the metric counts it, and a callback that is not
 * an authentic, fresh receipt of a known message changes nothing.
 */
@Tag(ReleaseMatrix.BUILT_RELEASE_ONLY)
@ExtendWith(KeycloakExtension.class)
public class DeliveryReceiptsIT {

    private static final String USER = "user01";
    private static final String RECEIPT_SECRET = "receipt-secret-for-tests";
    private static final String TWILIO_TOKEN = "twilio-auth-token";

    private static ProviderStub provider;

    private final KeycloakServer server;
    private final AdminApi admin;

    DeliveryReceiptsIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @BeforeAll
    static void startProvider() throws Exception {
        provider = new ProviderStub();
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @Test
    void twilioReportsUndeliveredAndTheWaitingPageSaysSoWithoutAReload() {
        Login login = codePageThrough("twilio");
        PrometheusScrape before = PrometheusScrape.of(server);

        HttpResponse<String> answer = call(ProviderReceipts.twilio(login.sent().receiptUrl(), TWILIO_TOKEN, Map.of(
                "MessageSid", login.sent().messageId(), "MessageStatus", "undelivered", "ErrorCode", "30003",
                "AccountSid", "AC0001", "From", "+15005550006", "To", login.phone())));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(login.polledStatus()).isEqualTo("failed");
        assertThat(receiptsSince(login, before, "failed")).isEqualTo(1);
        Page next = login.sms().reload(login.page());
        assertThat(next.text()).contains("The SMS could not be delivered to your phone");
    }

    @Test
    void vonageReportsFailedInItsSignedJson() {
        Login login = codePageThrough("vonage");
        PrometheusScrape before = PrometheusScrape.of(server);

        HttpResponse<String> answer = call(ProviderReceipts.vonage(login.sent().receiptUrl(), RECEIPT_SECRET, Map.of(
                "messageId", login.sent().messageId(), "msisdn", login.phone().substring(1), "to", "Acme",
                "status", "failed", "err-code", "6", "network-code", "310260", "scts", "2611301200",
                "message-timestamp", "2026-11-30 12:00:00")));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(login.polledStatus()).isEqualTo("failed");
        assertThat(receiptsSince(login, before, "failed")).isEqualTo(1);
    }

    @Test
    void infobipReportsExpiredWithTheCallbackDataTheSendSet() {
        Login login = codePageThrough("infobip");
        assertThat(login.sent().reference()).as("the signed callback data").isNotBlank();
        PrometheusScrape before = PrometheusScrape.of(server);

        HttpResponse<String> answer = call(ProviderReceipts.infobip(login.sent().receiptUrl(), login.sent().messageId(),
                "EXPIRED", 0, login.sent().reference()));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(login.polledStatus()).isEqualTo("expired");
        assertThat(receiptsSince(login, before, "expired")).isEqualTo(1);
        HttpResponse<String> forged = call(ProviderReceipts.infobip(login.sent().receiptUrl(),
                login.sent().messageId(), "DELIVERED", 0, login.sent().reference() + "x"));
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    @Test
    void messageBirdReportsDeliveredAndTheUserSignsInWithTheEventSayingSo() {
        Login login = codePageThrough("messagebird");
        assertThat(login.sent().reference()).as("MessageBird reports only on messages with a reference").isNotBlank();
        PrometheusScrape before = PrometheusScrape.of(server);

        HttpResponse<String> answer = call(ProviderReceipts.messageBird(login.sent().receiptUrl(), RECEIPT_SECRET,
                Map.of("id", login.sent().messageId(), "reference", login.sent().reference(),
                        "recipient", login.phone().substring(1), "status", "delivered",
                        "statusDatetime", "2026-11-30T12:00:00+00:00")));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(login.polledStatus()).isEqualTo("delivered");
        assertThat(receiptsSince(login, before, "delivered")).isEqualTo(1);
        Page done = login.sms().enter(login.page(), login.sent().code());
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        JsonNode signedIn = admin.events(login.realm(), USER).stream()
                .filter(e -> e.path("type").asText().equals("LOGIN")).findFirst().orElseThrow();
        assertThat(signedIn.path("details").path("sms_otp_delivery").asText()).isEqualTo("delivered");
    }

    @Test
    void webhookReportsFailedWithItsErrorCodeOnTheNextEvent() {
        Login login = codePageThrough("webhook");
        PrometheusScrape before = PrometheusScrape.of(server);

        HttpResponse<String> answer = call(ProviderReceipts.webhook(login.sent().receiptUrl(), RECEIPT_SECRET,
                Map.of("messageId", login.sent().messageId(), "status", "failed", "errorCode", "absent-subscriber")));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(login.polledStatus()).isEqualTo("failed");
        assertThat(receiptsSince(login, before, "failed")).isEqualTo(1);
        Page next = login.sms().enter(login.page(), "000000");
        assertThat(next.text()).contains("The SMS could not be delivered to your phone");
        JsonNode wrongCode = admin.events(login.realm(), USER).stream()
                .filter(e -> e.path("details").has("sms_otp_delivery")).findFirst().orElseThrow();
        assertThat(wrongCode.path("details").path("sms_otp_delivery").asText()).isEqualTo("failed");
        assertThat(wrongCode.path("details").path("sms_otp_delivery_error").asText()).isEqualTo("absent-subscriber");
    }

    @Test
    void callbacksThatAreNotAuthenticFreshReceiptsOfAKnownMessageChangeNothing() {
        Login login = codePageThrough("webhook");
        String url = login.sent().receiptUrl();
        String id = login.sent().messageId();
        PrometheusScrape before = PrometheusScrape.of(server);
        String failed = "{\"messageId\":\"" + id + "\",\"status\":\"failed\"}";

        assertThat(call(ProviderReceipts.webhookBody(url, null, failed)).statusCode()).as("unsigned").isEqualTo(401);
        assertThat(call(ProviderReceipts.webhookBody(url, "sha256=" + "0".repeat(64), failed)).statusCode())
                .as("wrongly signed").isEqualTo(401);
        assertThat(call(ProviderReceipts.webhook(url, "another-secret", Map.of("messageId", id, "status", "failed")))
                .statusCode()).as("signed with another secret").isEqualTo(401);
        assertThat(call(ProviderReceipts.webhook(url, RECEIPT_SECRET, Map.of("messageId", "wh-unknown",
                "status", "failed"))).statusCode()).as("unknown message id").isEqualTo(404);
        assertThat(call(ProviderReceipts.webhook(url, RECEIPT_SECRET, Map.of("messageId", id, "status", "lost")))
                .statusCode()).as("malformed: no such status").isEqualTo(400);
        assertThat(call(ProviderReceipts.webhookBody(url, signature("not json"), "not json")).statusCode())
                .as("malformed: no JSON").isEqualTo(400);
        assertThat(call(ProviderReceipts.webhook(url.replace("/http", "/no-such-sender"), RECEIPT_SECRET,
                Map.of("messageId", id, "status", "failed"))).statusCode()).as("unknown sender").isEqualTo(404);
        assertThat(login.polledStatus()).as("the gateway took it; no authentic receipt came").isEqualTo("sent");

        HttpRequest delivered = ProviderReceipts.webhook(url, RECEIPT_SECRET,
                Map.of("messageId", id, "status", "delivered"));
        assertThat(call(delivered).statusCode()).as("a fresh receipt").isEqualTo(200);
        assertThat(call(delivered).statusCode()).as("the same receipt replayed").isEqualTo(400);
        assertThat(login.polledStatus()).isEqualTo("delivered");

        assertThat(receiptsSince(login, before, "failed")).isZero();
        assertThat(receiptsSince(login, before, "delivered")).isEqualTo(1);
        assertThat(server.log()).doesNotContain(login.phone()).doesNotContain(login.phone().substring(1));
    }

    @Test
    void phoneSignInPagesNeverLearnOfAReceiptSoTheyTellNoKnownNumberFromAnUnknownOne() {
        String realm = AdminApi.uniqueRealmName("sms-dlr-phone");
        String known = SmsLogin.phoneOf("user41");
        admin.createRealm(realm, Map.of(), r -> {
            IdentityFlows.phoneSignIn(r, true);
            for (JsonNode user : r.withArray("users")) {
                if (user.path("username").asText().equals("user41")) {
                    ObjectNode attributes = ((ObjectNode) user).with("attributes");
                    attributes.putArray("phoneNumber").add(known);
                    attributes.putArray("phoneNumberVerified").add("true");
                }
            }
            AdminApi.smsSettingsAtRealmLevel(r, Map.of("http.preset", "webhook", "http.url", provider.url() + "/hook",
                    "http.receipts", "on", "http.receipt-secret", RECEIPT_SECRET));
        });
        PhoneSignIn user = new PhoneSignIn(server, realm);
        Page codePage = user.number(user.start(), known);
        await().atMost(Duration.ofSeconds(30)).until(() -> provider.to(known).stream()
                .anyMatch(sent -> sent.receiptUrl() != null && sent.receiptUrl().contains("/realms/" + realm + "/")));
        Sent sent = lastSent(realm, known);

        HttpResponse<String> answer = call(ProviderReceipts.webhook(sent.receiptUrl(), RECEIPT_SECRET,
                Map.of("messageId", sent.messageId(), "status", "failed")));

        assertThat(answer.statusCode()).as("operators still get their receipts").isEqualTo(200);
        assertThat(codePage.body()).as("no status poll on the page").doesNotContain("delivery-status");
        URI action = URI.create(codePage.form(PhoneSignIn.CODE_FORM).absUrl("action"));
        Page status = user.browser().get(server.baseUrl() + "/realms/" + realm + "/sms-otp/delivery-status?"
                + action.getRawQuery());
        assertThat(JsonHttp.read(status.body()).path("status").asText()).isEqualTo("pending");
        Page next = user.code(codePage, "000000");
        assertThat(next.text()).doesNotContain("could not be delivered");
    }

    @Test
    void inChromiumTheOpenPageShowsAFailedSmsAndOffersACallWhoseCodeSignsTheUserIn() throws Exception {
        String realm = realmThrough("twilio", Map.of("resend-cooldown-seconds", "0", "voice-fallback", "after-failed-delivery",
                "voice.preset", "twilio", "voice.url", provider.url(), "voice.account", "AC0001",
                "voice.auth-value", TWILIO_TOKEN, "voice.from", "+15005550006"));
        String phone = SmsLogin.phoneOf(USER);
        try (Chromium browser = Chromium.start("en")) {
            browser.open(server.baseUrl() + "/realms/" + realm + "/account/");
            browser.type(By.id("username"), USER);
            browser.type(By.id("password"), "pass-01");
            browser.submit(By.id("kc-login"));
            browser.await(By.id("kc-sms-otp-form"));
            assertThat(browser.pageText()).as("no call before the SMS failed").doesNotContain("Call me instead");
            Sent first = lastSent(realm, phone);

            assertThat(call(ProviderReceipts.twilio(first.receiptUrl(), TWILIO_TOKEN, Map.of("MessageSid",
                    first.messageId(), "MessageStatus", "failed", "ErrorCode", "30005"))).statusCode()).isEqualTo(200);
            browser.await(By.id("sms-otp-not-delivered"));
            assertThat(browser.text(By.id("sms-otp-not-delivered")))
                    .startsWith("The SMS could not be delivered to your phone");
            browser.await(By.id("kc-sms-otp-call"));
            browser.screenshot("code-page-not-delivered");

            browser.submit(By.id("kc-sms-otp-call"));
            browser.awaitText("We are calling you now.");
            List<Sent> calls = provider.to(phone).stream().filter(s -> s.provider().equals("twilio-voice")).toList();
            assertThat(calls).hasSize(1);
            assertThat(browser.pageText()).doesNotContain("could not be delivered");
            browser.type(By.id("code"), calls.get(0).spokenCode());
            browser.submit(By.id("kc-sms-otp-submit"));
            browser.awaitText("Personal info");
        }
    }

    private static String signature(String body) {
        return "sha256=" + java.util.HexFormat.of().formatHex(TestHashes.mac("HmacSHA256", RECEIPT_SECRET, body));
    }

    /** A login at the code page of a realm whose SMS go through one provider preset with receipts on. */
    private Login codePageThrough(String preset) {
        String realm = realmThrough(preset, Map.of());
        SmsLogin sms = new SmsLogin(server, realm, USER, null);
        Page page = sms.codePage();
        Sent sent = lastSent(realm, sms.phone());
        assertThat(sent.provider()).isEqualTo(preset);
        assertThat(sent.receiptUrl()).isEqualTo(server.baseUrl() + "/realms/" + realm + "/sms-otp/delivery/http");
        return new Login(realm, sms, page, sent);
    }

    /** A realm whose SMS go through one provider preset with receipts on (Realm settings > SMS). */
    private String realmThrough(String preset, Map<String, String> more) {
        String realm = AdminApi.uniqueRealmName("sms-dlr-" + preset);
        Map<String, String> settings = new HashMap<>(Map.of("sender", "http", "http.preset", preset,
                "http.url", preset.equals("webhook") ? provider.url() + "/hook" : provider.url(),
                "http.from", "Acme", "http.receipts", "on", "http.receipt-secret", RECEIPT_SECRET));
        settings.put("http.account", "AC0001");
        settings.put("http.auth-value", preset.equals("twilio") ? TWILIO_TOKEN : "api-secret");
        settings.putAll(more);
        admin.createRealm(realm, Map.of(), r -> {
            r.put("displayName", "SMS OTP demo");
            AdminApi.smsSettingsAtRealmLevel(r, settings);
        });
        return realm;
    }

    /** The newest SMS the provider took for a number from one realm. */
    private static Sent lastSent(String realm, String phone) {
        List<Sent> sent = provider.to(phone).stream().filter(s -> s.receiptUrl() != null
                && s.receiptUrl().contains("/realms/" + realm + "/")).toList();
        assertThat(sent).as("SMS from realm %s", realm).isNotEmpty();
        return sent.get(sent.size() - 1);
    }

    /** The receipts of the login's realm (HTTP sender) the metric counted with a status since a scrape. */
    private double receiptsSince(Login login, PrometheusScrape before, String status) {
        return PrometheusScrape.of(server).since(before, "sms_otp_delivery_total",
                Map.of("realm", login.realm(), "sender", "http", "status", status));
    }

    private static HttpResponse<String> call(HttpRequest request) {
        return JsonHttp.send(HttpRequest.newBuilder(request, (name, value) -> true));
    }

    /** One user's login, waiting at the code page for the SMS that {@code sent} describes. */
    private record Login(String realm, SmsLogin sms, Page page, Sent sent) {

        String phone() {
            return sms.phone();
        }

        /** What the page's script learns when it asks, with the login's own cookies. */
        String polledStatus() {
            Element status = page.html().selectFirst("#sms-otp-send-failed[data-status-url]");
            assertThat(status).as("the page polls for its SMS's fate").isNotNull();
            Page answer = sms.browser().get(status.attr("data-status-url"));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return JsonHttp.read(answer.body()).path("status").asText();
        }
    }
}
