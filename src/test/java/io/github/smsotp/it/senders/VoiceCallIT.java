package io.github.smsotp.it.senders;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.ProviderStub.Sent;
import io.github.smsotp.it.stubs.ProviderStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "Call me instead" on the real server: each voice preset's request as its provider documents it,
 * the code read digit by digit twice in the user's language, the user signing in with the code the
 * call carried, and the limits calls count against.
 */
@ExtendWith(KeycloakExtension.class)
public class VoiceCallIT {

    private static final String USER = "user01";
    private static final String PHONE = "+12015551001";

    private static ProviderStub provider;
    private static String vonagePrivateKey;

    private final KeycloakServer server;
    private final AdminApi admin;

    VoiceCallIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @BeforeAll
    static void startProvider() throws Exception {
        provider = new ProviderStub();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair application = rsa.generateKeyPair();
        provider.vonageApplicationKey(application.getPublic());
        vonagePrivateKey = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(application.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @Test
    void twilioSaysTheCodeTwiceInTheUsersLanguageAndTheUserSignsInWithIt() {
        String realm = realm(Map.of("voice.preset", "twilio", "voice.url", provider.url(), "voice.account", "AC0001",
                "voice.auth-value", "twilio-token", "voice.from", "+15005550006"), "de");
        SmsLogin login = new SmsLogin(server, realm, USER, null);
        Page page = login.codePage();
        assertThat(page.has("#kc-sms-otp-call")).as("offered from the first SMS on").isTrue();

        Page calling = login.browser().submit(page, "kc-sms-otp-call-form", Map.of("call", "true"));

        assertThat(calling.text()).contains("Wir rufen Sie jetzt an.");
        Sent call = lastCall(realm, "twilio-voice");
        assertThat(call.language()).isEqualTo("de-DE");
        assertThat(call.text()).startsWith("Hier ist " + realm + ". Ihr Anmeldecode lautet: ");
        assertThat(call.reference()).as("basic auth with the account SID and token").isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("AC0001:twilio-token".getBytes()));
        Page done = login.enter(calling, call.spokenCode());
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        assertThat(admin.events(realm, USER).stream().filter(e -> e.path("type").asText().equals("LOGIN"))
                .findFirst().orElseThrow().path("details").path("sms_otp_sender").asText()).isEqualTo("voice");
    }

    @Test
    void vonageGetsAnNccoTalkActionWithATokenOfTheApplicationsKey() {
        String realm = realm(Map.of("voice.preset", "vonage", "voice.url", provider.url(),
                "voice.account", "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
                "voice.auth-value", vonagePrivateKey, "voice.from", "+15005550006"), null);
        SmsLogin login = new SmsLogin(server, realm, USER, null);

        Page calling = login.browser().submit(login.codePage(), "kc-sms-otp-call-form", Map.of("call", "true"));

        Sent call = lastCall(realm, "vonage-voice");
        assertThat(call.language()).isEqualTo("en-US");
        assertThat(login.enter(calling, call.spokenCode()).loggedIn()).isTrue();
    }

    @Test
    void theGenericVoiceGatewayGetsTheSpokenTextAndTheUserSignsIn() {
        String realm = realm(Map.of("voice.url", provider.url() + "/voice", "voice.auth-value", "Bearer voice-token"),
                null);
        SmsLogin login = new SmsLogin(server, realm, USER, null);

        Page calling = login.browser().submit(login.codePage(), "kc-sms-otp-call-form", Map.of("call", "true"));

        Sent call = lastCall(realm, "custom-voice");
        assertThat(call.reference()).isEqualTo("Bearer voice-token");
        assertThat(call.text()).contains("Your sign-in code is: ");
        assertThat(login.enter(calling, call.spokenCode()).loggedIn()).isTrue();
    }

    @Test
    void callsCountAgainstLimitsOfTheirOwn() {
        String realm = realm(Map.of("voice.url", provider.url() + "/voice",
                "limit-number-sends-per-10-minutes", "1", "sends-per-login", "5"), null);
        SmsLogin login = new SmsLogin(server, realm, USER, null);
        Page page = login.codePage();

        Page first = login.browser().submit(page, "kc-sms-otp-call-form", Map.of("call", "true"));
        assertThat(first.text()).as("the number's one SMS does not use up its calls").contains("We are calling you now");
        Page second = login.browser().submit(first, "kc-sms-otp-call-form", Map.of("call", "true"));

        assertThat(second.text()).contains("Too many codes were requested.");
        assertThat(calls(realm, "custom-voice")).hasSize(1);
        assertThat(admin.reasons(realm, USER)).contains("number_limit");
    }

    @Test
    void aCallIsOneOfTheLoginsSends() {
        String realm = realm(Map.of("voice.url", provider.url() + "/voice", "sends-per-login", "2"), null);
        SmsLogin login = new SmsLogin(server, realm, USER, null);

        Page calling = login.browser().submit(login.codePage(), "kc-sms-otp-call-form", Map.of("call", "true"));

        assertThat(calls(realm, "custom-voice")).hasSize(1);
        assertThat(calling.has("#kc-sms-otp-resend")).as("one SMS and one call: no sends left").isFalse();
        assertThat(calling.has("#kc-sms-otp-call")).isFalse();
        assertThat(login.enter(calling, lastCall(realm, "custom-voice").spokenCode()).loggedIn()).isTrue();
    }

    @Test
    void aFixedLineIsOfferedACallFromTheFirstPageWhereOtherNumbersWaitForAFailedReceipt() {
        // A realm that calls landlines sends codes to them: the default types leave them out.
        String realm = realm(Map.of("voice-fallback", "after-failed-delivery", "voice.url", provider.url() + "/voice",
                "allowed-number-types", "mobile, fixed-line-or-mobile, fixed-line"), null, "+493012345678");
        SmsLogin login = new SmsLogin(server, realm, USER, null);
        Page page = login.codePage();
        assertThat(page.has("#sms-otp-call:not([hidden])")).as("shown for a fixed line").isTrue();

        Page calling = login.browser().submit(page, "kc-sms-otp-call-form", Map.of("call", "true"));

        Sent call = provider.to("+493012345678").stream().filter(s -> s.text().contains(realm)).findFirst()
                .orElseThrow();
        assertThat(login.enter(calling, call.spokenCode()).loggedIn()).isTrue();
        Page mobile = new SmsLogin(server, realm, "user02", null).codePage();
        assertThat(mobile.has("#sms-otp-call[hidden]")).as("a mobile waits for a receipt").isTrue();
    }

    @Test
    void withoutTheSettingNoCallIsOfferedAndAForgedRequestPlacesNone() {
        String realm = realm(Map.of("voice-fallback", "off", "voice.url", provider.url() + "/voice"), null);
        SmsLogin login = new SmsLogin(server, realm, USER, null);
        Page page = login.codePage();
        assertThat(page.has("#kc-sms-otp-call")).isFalse();

        Page after = login.post(page, Map.of("call", "true"));

        assertThat(after.has("#kc-sms-otp-form")).isTrue();
        assertThat(calls(realm, "custom-voice")).isEmpty();
    }

    /** A realm whose step offers calls always, with these voice settings, the users' SMS going to the test gateway. */
    private String realm(Map<String, String> voice, String locale) {
        return realm(voice, locale, null);
    }

    /** As {@link #realm(Map, String)}, with another number for the user. */
    private String realm(Map<String, String> voice, String locale, String phone) {
        String realm = AdminApi.uniqueRealmName("sms-voice");
        Map<String, String> config = new HashMap<>(Map.of("voice-fallback", "always", "resend-cooldown-seconds", "0"));
        config.putAll(voice);
        admin.createRealm(realm, config, r -> {
            if (phone != null) {
                for (var user : r.withArray("users")) {
                    if (user.path("username").asText().equals(USER)) {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) user).with("attributes")
                                .putArray("phone_number").add(phone);
                    }
                }
            }
            if (locale != null) {
                r.put("internationalizationEnabled", true).put("defaultLocale", "en");
                r.putArray("supportedLocales").add("en").add(locale);
                for (var user : r.withArray("users")) {
                    if (user.path("username").asText().equals(USER)) {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) user).with("attributes").putArray("locale")
                                .add(locale);
                    }
                }
            }
        });
        return realm;
    }

    private static List<Sent> calls(String realm, String provider) {
        return VoiceCallIT.provider.to(PHONE).stream().filter(s -> s.provider().equals(provider)
                && s.text().contains(realm)).toList();
    }

    private static Sent lastCall(String realm, String provider) {
        List<Sent> calls = calls(realm, provider);
        assertThat(calls).as("calls from %s through %s", realm, provider).isNotEmpty();
        return calls.get(calls.size() - 1);
    }
}
