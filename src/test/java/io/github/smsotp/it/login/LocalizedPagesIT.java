package io.github.smsotp.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.GatewayStub.Received;
import io.github.smsotp.it.stubs.GatewayStub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The code page and the SMS in the language the user's sign-in asks for, rendered by the real server. */
@ExtendWith(KeycloakExtension.class)
public class LocalizedPagesIT {

    private static final String REALM = "sms-i18n";
    private static final String GATEWAY_PATH = "/i18n";
    private static final String DISPLAY_NAME = "Example Login";

    private final KeycloakServer server;

    LocalizedPagesIT(KeycloakServer server) {
        this.server = server;
    }

    @BeforeAll
    static void createRealm(KeycloakServer server) {
        new AdminApi(server).createRealm(REALM, Map.of(
                "http.url", "http://127.0.0.1:" + server.gateway().port() + GATEWAY_PATH,
                "code-lifetime-seconds", "300"), realm -> {
            realm.put("displayName", DISPLAY_NAME).put("internationalizationEnabled", true).put("defaultLocale", "en");
            ArrayNode locales = realm.putArray("supportedLocales");
            List.of("en", "de", "fr", "es", "it", "nl", "pt-BR", "pl").forEach(locales::add);
        });
    }

    @ParameterizedTest
    @CsvSource({"en, user32", "de, user33", "fr, user34", "es, user35", "it, user36", "nl, user37",
            "pt-BR, user38", "pl, user39"})
    void codePageAndSmsSpeakTheUsersLanguage(String languageTag, String username) throws IOException {
        Properties messages = bundle(languageTag);
        Browser browser = new Browser();
        Page login = browser.get(server.baseUrl() + "/realms/" + REALM + "/protocol/openid-connect/auth?client_id=it-app"
                + "&response_type=code&scope=openid&state=it&redirect_uri=" + Browser.CALLBACK + "&ui_locales=" + languageTag);
        Page codePage = browser.submit(login, "kc-form-login",
                Map.of("username", username, "password", "pass-" + username.substring(4)));

        assertThat(codePage.html().selectFirst("html").attr("lang")).isEqualTo(languageTag);
        assertThat(codePage.textOf("#kc-page-title")).isEqualTo(messages.getProperty("smsOtpTitle"));
        assertThat(codePage.textOf("label[for=code]")).isEqualTo(messages.getProperty("smsOtpCodeLabel"));
        assertThat(codePage.html().selectFirst("#kc-sms-otp-submit").attr("value")).isEqualTo(messages.getProperty("smsOtpSubmit"));

        String phone = SmsLogin.phoneOf(username);
        List<Received> sms = server.gateway().to(phone, GATEWAY_PATH);
        assertThat(sms).hasSize(1);
        Locale locale = Locale.forLanguageTag(languageTag);
        assertThat(sms.get(0).text()).isEqualTo(new MessageFormat(messages.getProperty("smsOtpText"), locale)
                .format(new Object[] {sms.get(0).code(), DISPLAY_NAME, 5}));

        Page wrong = browser.submit(codePage, "kc-sms-otp-form", Map.of("code", SmsCodeLoginIT.otherThan(sms.get(0).code())));
        assertThat(wrong.textOf("#input-error-code")).isEqualTo(messages.getProperty("smsOtpWrongCode"));
    }

    /** The project's own bundle for a language tag (pt-BR is messages_pt_BR). */
    private static Properties bundle(String languageTag) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(KeycloakServer.projectDir()
                .resolve("themes/messages/messages_" + languageTag.replace('-', '_') + ".properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
