package io.github.smsotp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.github.smsotp.it.Browser.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed and malicious requests to the SMS step: every answer is a page (no 5xx) and no
 * injected markup comes back unescaped.
 */
@ExtendWith(KeycloakExtension.class)
class HostileInputIT {

    private static final String MARKUP = "<script>alert('sms')</script>";
    private static final String IMG = "<img src=x onerror=alert(1)>";
    private static final List<String> VALUES = List.of("", " ", "0", "123456", "12345678901234567890",
            "1".repeat(5000), "\u0661\u0662\u0663\u0664\u0665\u0666", "１２３４５６", "12 34 56", "12-34-56",
            "-1", "1e6", "0x1F", "null", "undefined", "%00", "\u0000", "\n\r", "'; DROP TABLE users; --",
            MARKUP, IMG, "\"><svg onload=alert(1)>", "${7*7}", "#{7*7}", "<#assign x=1>${x}", "{{7*7}}",
            "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", "\u202E654321", "ＡＢＣ", "%25%32%35", "../../etc/passwd");
    private static final List<String> FIELDS = List.of("code", "resend", "verify", "tab_id", "session_code",
            "execution", "client_id", "cancel", "otp", "username", MARKUP);

    private final KeycloakServer server;

    HostileInputIT(KeycloakServer server) {
        this.server = server;
    }

    @Test
    void fiveHundredMalformedRequestsGetPagesNeverServerErrorsOrUnescapedMarkup() {
        SmsLogin login = new SmsLogin(server, "user13");
        Page page = login.codePage();
        String action = page.form("kc-sms-otp-form").absUrl("action");
        Random random = new Random(26);
        List<String> failures = new ArrayList<>();

        for (int i = 0; i < 520; i++) {
            Page answer = i % 4 == 0
                    ? login.browser().get(forgedUrl(action, random))
                    : login.browser().post(i % 3 == 0 ? forgedUrl(action, random) : action, randomForm(random));
            if (answer.status() >= 500) {
                failures.add(i + ": HTTP " + answer.status());
            }
            if (answer.body().contains(MARKUP) || answer.body().contains(IMG)
                    || answer.body().contains("<svg onload")) {
                failures.add(i + ": unescaped markup in " + answer.uri());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(server.log()).doesNotContain("Uncaught server error");
    }

    private static Map<String, String> randomForm(Random random) {
        Map<String, String> form = new HashMap<>();
        int fields = random.nextInt(4);
        for (int f = 0; f < fields; f++) {
            form.put(pick(FIELDS, random), pick(VALUES, random));
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
