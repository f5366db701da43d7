package io.github.smsotp.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad admin input and unusable user data get clear pages, never a server error. */
@ExtendWith(KeycloakExtension.class)
public class MisconfigurationIT {

    /** A realm of its own whose SMS step config each row rewrites; English texts may be overridden. */
    private static final String REALM = "sms-misconfig";
    private static final String GATEWAY = "${GATEWAY}";
    private static Map<String, String> validConfig;

    private final KeycloakServer server;

    MisconfigurationIT(KeycloakServer server) {
        this.server = server;
    }

    /**
     * One bad value: the settings it changes in the (otherwise valid) step config, or the
     * English SMS text it puts in place of the bundle's, and the key the log must name.
     */
    record Row(String key, Map<String, String> settings, String smsText) {

        static Row setting(String key, String value) {
            return new Row(key, Map.of(key, value), null);
        }

        static Row settings(String key, Map<String, String> settings) {
            return new Row(key, settings, null);
        }

        static Row text(String text) {
            return new Row("smsOtpText", Map.of(), text);
        }

        @Override
        public String toString() {
            String value = smsText != null ? "'" + smsText + "'" : settings.toString();
            return key + " " + value.replace("\r", "\\r").replace("\n", "\\n");
        }
    }

    private static final Map<String, String> SNS = Map.of("sender", "sns", "sns.region", "eu-west-1",
            "sns.access-key", "AKIAEXAMPLE", "sns.secret-key", "example-secret", "sns.endpoint",
            "http://127.0.0.1:" + GATEWAY + "/sns");

    static List<Row> rows() {
        return List.of(
                Row.setting("code-length", "twelve"),
                Row.setting("code-lifetime-seconds", "5"),
                Row.setting("attempts-per-code", "0"),
                Row.setting("resend-cooldown-seconds", "-1"),
                Row.setting("sends-per-login", "100"),
                Row.setting("allowed-calling-codes", "1, fourty-four"),
                Row.setting("limit-user-sends-per-hour", "-5"),
                Row.setting("limit-number-sends-per-10-minutes", "many"),
                Row.setting("limit-ip-sends-per-hour", "1e3"),
                Row.setting("limit-realm-sends-per-hour", "2000000"),
                Row.setting("lockout-after-failures", "101"),
                Row.setting("lockout-failure-window-minutes", "0"),
                Row.setting("lockout-minutes", "forever"),
                Row.setting("sender", "carrier-pigeon"),
                Row.setting("fallback-sender", "carrier-pigeon"),
                Row.setting("sms-format", "flash"),
                Row.setting("http.preset", "sinch"),
                Row.setting("http.url", "ftp://127.0.0.1:" + GATEWAY + "/sms"),
                Row.settings("http.url", Map.of("http.preset", "infobip", "http.url", "ftp://127.0.0.1:" + GATEWAY,
                        "http.auth-value", "key", "http.from", "Acme")),
                Row.settings("http.url", Map.of("http.preset", "webhook", "http.url", "not a url")),
                Row.setting("http.method", "DELETE"),
                Row.setting("http.format", "xml"),
                Row.setting("http.template", "{\"to\":\"{{to}}\"}"),
                Row.settings("http.template", Map.of("http.format", "query", "http.method", "GET",
                        "http.template", "to={{to}}&text={{text}}&note=two words")),
                Row.settings("http.auth-header", Map.of("http.auth-header", "X Api Key", "http.auth-value", "key")),
                Row.setting("http.auth-value", "Bearer token\r\nX-Injected: yes"),
                Row.setting("http.timeout-ms", "0"),
                Row.settings("http.account", Map.of("http.preset", "twilio", "http.url", "http://127.0.0.1:" + GATEWAY,
                        "http.account", "AC12 ../../x", "http.auth-value", "token", "http.from", "+12015550100")),
                Row.settings("http.from", Map.of("http.preset", "vonage", "http.url", "http://127.0.0.1:" + GATEWAY,
                        "http.account", "key", "http.auth-value", "secret")),
                Row.settings("sns.region", with(SNS, "sns.region", "EU West 1")),
                Row.settings("sns.endpoint", with(SNS, "sns.endpoint", "not a url")),
                Row.settings("sns.endpoint", with(SNS, "sns.endpoint", "ftp://127.0.0.1:" + GATEWAY)),
                Row.settings("sns.secret-key", with(SNS, "sns.secret-key", "")),
                Row.settings("sns.timeout-ms", with(SNS, "sns.timeout-ms", "10")),
                // The fallback's own settings count too: it must be usable before the first send.
                Row.settings("sns.region", Map.of("fallback-sender", "sns")),
                Row.text("{0 is your code"),
                Row.text("Don't share it: {0}"));
    }

    static Stream<Arguments> table() {
        List<Row> rows = rows();
        // A fresh user per row (the template has user01 to user40).
        return IntStream.range(0, rows.size())
                .mapToObj(i -> Arguments.of(rows.get(i), String.format("user%02d", i + 1)));
    }

    @BeforeAll
    static void realm(KeycloakServer server) {
        AdminApi admin = new AdminApi(server);
        admin.createRealm(REALM, Map.of(), r -> {
            r.put("internationalizationEnabled", true).put("defaultLocale", "en");
            r.putArray("supportedLocales").add("en");
        });
        validConfig = new HashMap<>();
        admin.stepConfig(REALM).path("config").fields().forEachRemaining(e -> validConfig.put(e.getKey(),
                e.getValue().asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void everyBadValueShowsTheNotAvailablePageAndTheLogNamesTheKey(Row row, String username) {
        AdminApi admin = new AdminApi(server);
        Map<String, String> config = new HashMap<>(validConfig);
        row.settings().forEach((key, value) -> config.put(key,
                value.replace(GATEWAY, String.valueOf(server.gateway().port()))));
        admin.replaceStepConfig(REALM, config);
        if (row.smsText() != null) {
            admin.putLocalizationText(REALM, "en", "smsOtpText", row.smsText());
        }
        int logBefore = server.log().length();
        int gatewayBefore = server.gateway().all().size();
        try {
            SmsLogin login = new SmsLogin(server, REALM, username, null);
            Page page = login.passwordStep("it-app");

            assertThat(page.status()).as(page.text()).isBetween(400, 499);
            assertThat(page.text()).contains("Sign-in with an SMS code is not available right now.");
            assertThat(page.loggedIn()).isFalse();
            String log = server.log().substring(logBefore);
            String named = row.smsText() != null ? "SMS OTP message key 'smsOtpText'" : "SMS OTP setting '" + row.key() + "'";
            // Neither a server error nor an exception that Keycloak's flow caught for us (KC-SERVICES0013).
            assertThat(log).contains(named).doesNotContain("Uncaught server error").doesNotContain("KC-SERVICES0013");
            assertThat(server.gateway().all()).as("nothing reached the gateway").hasSize(gatewayBefore);
        } finally {
            if (row.smsText() != null) {
                admin.deleteLocalizationText(REALM, "en", "smsOtpText");
            }
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> changed = new HashMap<>(base);
        changed.put(key, value);
        return changed;
    }

    @Test
    void aBadConfigValueShowsAGenericPageAndTheLogNamesTheKey() {
        SmsLogin login = new SmsLogin(server, "user10");
        Page page = login.passwordStep("it-misconfigured");

        assertThat(page.status()).isLessThan(500);
        assertThat(page.text()).contains("Sign-in with an SMS code is not available right now.");
        assertThat(page.loggedIn()).isFalse();
        assertThat(server.log()).contains("SMS OTP setting 'code-length' must be a whole number from 6 to 10, was 'twelve'");
        assertThat(server.gateway().to(login.phone())).isEmpty();
    }

    @Test
    void aUserWithoutANumberIsSentToEnrollment() {
        Page page = new SmsLogin(server, "nophone").passwordStep("it-app");

        assertThat(page.status()).isLessThan(500);
        assertThat(page.has("#kc-sms-otp-enroll-form")).as(page.text()).isTrue();
        assertThat(page.loggedIn()).isFalse();
    }

    @Test
    void markupInThePhoneAttributeIsNeitherSentNorRendered() {
        int sentBefore = server.gateway().all().size();
        Page page = new SmsLogin(server, "markup").passwordStep("it-app");

        assertThat(page.status()).isLessThan(500);
        assertThat(page.has("#kc-sms-otp-enroll-form")).as("not a usable number: enrollment").isTrue();
        assertThat(page.body()).doesNotContain("<script>alert(1)</script>").doesNotContain("<b>+1</b>");
        assertThat(server.gateway().all()).hasSize(sentBefore);
    }
}
