package io.github.smsotp.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed and malicious requests to the SMS step and the enrollment form: every answer is a page
 * (no 5xx), no injected markup comes back unescaped, nobody is signed in and no SMS goes out.
 */
@ExtendWith(KeycloakExtension.class)
public class HostileInputIT {

    private static final String MARKUP = "<script>alert('sms')</script>";
    private static final String IMG = "<img src=x onerror=alert(1)>";
    private static final List<String> VALUES = List.of("", " ", "0", "123456", "12345678901234567890",
            "1".repeat(5000), "\u0661\u0662\u0663\u0664\u0665\u0666", "１２３４５６", "12 34 56", "12-34-56",
            "-1", "1e6", "0x1F", "null", "undefined", "%00", "\u0000", "\n\r", "'; DROP TABLE users; --",
            MARKUP, IMG, "\"><svg onload=alert(1)>", "${7*7}", "#{7*7}", "<#assign x=1>${x}", "{{7*7}}",
            "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", "\u202E654321", "ＡＢＣ", "%25%32%35", "../../etc/passwd");
    private static final List<String> FIELDS = List.of("code", "resend", "verify", "tab_id", "session_code",
            "execution", "client_id", "cancel", "otp", "username", MARKUP);

    /** The enrollment form's own fields, besides those of the login forms. */
    private static final List<String> ENROLL_FIELDS = List.of("phone", "phone", "change", "code", "resend",
            "tab_id", "session_code", "execution", MARKUP);

    private final KeycloakServer server;
    private final AdminApi admin;

    HostileInputIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @Test
    void fiveHundredMalformedRequestsGetPagesNeverServerErrorsOrUnescapedMarkupAndNeitherSignInNorSend() {
        // One SMS per login: a random "resend" cannot legitimately send another. Our failure lockout
        // is off, so that the per-login cap, not a lockout after ten hostile "codes", must hold sends back.
        String realm = "sms-hostile";
        admin.createRealm(realm, Map.of("sends-per-login", "1", "lockout-after-failures", "0"), r -> { });
        SmsLogin login = new SmsLogin(server, realm, "user13", null);
        Page page = login.codePage();
        int sent = server.gateway().all().size();
        int logBefore = server.log().length();

        List<String> failures = throwAt(login.browser(), page.form("kc-sms-otp-form").absUrl("action"), FIELDS);

        assertThat(failures).isEmpty();
        assertNeitherSignedInNorSent(realm, "user13", sent, logBefore);
    }

    @Test
    void theEnrollmentFormTakesTheSameHostileValuesWithoutErrorsSendsOrSignIn() {
        String realm = "sms-hostile-enroll";
        admin.createRealm(realm, Map.of(), r -> AdminApi.enrollmentConfig(r, Map.of("provisioned-numbers", "off")));
        SmsLogin login = new SmsLogin(server, realm, "nophone", null);
        Page enroll = login.passwordStep("it-app");
        assertThat(enroll.has("#kc-sms-otp-enroll-form")).as(enroll.text()).isTrue();
        int sent = server.gateway().all().size();
        int logBefore = server.log().length();

        List<String> failures = throwAt(login.browser(), enroll.form("kc-sms-otp-enroll-form").absUrl("action"),
                ENROLL_FIELDS);

        assertThat(failures).isEmpty();
        assertNeitherSignedInNorSent(realm, "nophone", sent, logBefore);
    }

    /**
     * 520 requests to a form's action: GETs and POSTs with forged query parameters and random
     * fields of hostile values. Returns what went wrong: a 5xx, markup echoed unescaped, a sign-in.
     */
    private static List<String> throwAt(Browser browser, String action, List<String> fields) {
        Random random = new Random(26);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 520; i++) {
            Page answer = i % 4 == 0
                    ? browser.get(forgedUrl(action, random))
                    : browser.post(i % 3 == 0 ? forgedUrl(action, random) : action, randomForm(random, fields));
            if (answer.status() >= 500) {
                failures.add(i + ": HTTP " + answer.status());
            }
            if (answer.body().contains(MARKUP) || answer.body().contains(IMG)
                    || answer.body().contains("<svg onload")) {
                failures.add(i + ": unescaped markup in " + answer.uri());
            }
            if (answer.loggedIn()) {
                failures.add(i + ": signed in, redirected to " + answer.redirectedTo());
            }
        }
        return failures;
    }

    /**
     * What the gateway, the admin and the server log (from {@code logBefore} on: earlier tests' races
     * leave Keycloak's own errors there) show afterwards: no new SMS, no login, no crash.
     */
    private void assertNeitherSignedInNorSent(String realm, String username, int sentBefore, int logBefore) {
        assertThat(server.gateway().all()).as("SMS the gateway received").hasSize(sentBefore);
        assertThat(admin.events(realm, username)).as("the user's events")
                .noneMatch(event -> event.path("type").asText().equals("LOGIN"));
        assertThat(server.log().substring(logBefore)).doesNotContain("Uncaught server error");
    }

    private static Map<String, String> randomForm(Random random, List<String> fields) {
        Map<String, String> form = new HashMap<>();
        int count = random.nextInt(4);
        for (int f = 0; f < count; f++) {
            form.put(pick(fields, random), pick(VALUES, random));
        }
        return form;
    }

    /** The action URL with one query parameter replaced by a hostile value. */
    private static String forgedUrl(String action, Random random) {
        URI uri = URI.create(action);
        String parameter = pick(List.of("tab_id", "session_code", "execution", "client_id", "client_data"), random);
        String value = URLEncoder.encode(pick(VALUES, random), StandardCharsets.UTF_8);
        String query = uri.getRawQuery().replaceAll("(^|&)" + parameter + "=[^&]*", "$1" + parameter + "=" + value);
        return action.substring(0, action.indexOf('?') + 1) + query;
    }

    private static String pick(List<String> options, Random random) {
        return options.get(random.nextInt(options.size()));
    }
}
