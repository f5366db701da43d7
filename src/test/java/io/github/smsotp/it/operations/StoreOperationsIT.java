package io.github.smsotp.it.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.KeycloakOtpForm;
import io.github.smsotp.it.clients.PrometheusScrape;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.RealmGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What one sign-in costs Keycloak's caches, as Keycloak's own metrics count it: the single-use store
 * (the Infinispan cache {@code actionTokens}: code uses, limits) and the authentication sessions.
 * On a cluster each of these is a round trip to the node that owns the key. The SMS step is measured
 * beside Keycloak's own OTP form, one sign-in each (login page, password, code) in one realm with the
 * default limits on, after one unmeasured sign-in of each. The table goes to docs/BENCHMARKS.md.
 */
@ExtendWith(KeycloakExtension.class)
public class StoreOperationsIT {

    private static final String[] CACHES = {"actionTokens", "authenticationSessions"};
    private static final Map<String, String[]> KINDS = kinds();

    private final KeycloakServer server;
    private final AdminApi admin;

    StoreOperationsIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    private static Map<String, String[]> kinds() {
        Map<String, String[]> kinds = new LinkedHashMap<>();
        kinds.put("reads", new String[] {"vendor_statistics_hits", "vendor_statistics_misses"});
        kinds.put("writes", new String[] {"vendor_statistics_stores"});
        kinds.put("removes", new String[] {"vendor_statistics_remove_hits", "vendor_statistics_remove_misses"});
        return kinds;
    }

    @Test
    void oneSmsSignInAgainstOneOtpFormSignIn() throws IOException {
        String realm = "sms-store-operations";
        RealmGateway gateway = new RealmGateway(server, realm);
        KeycloakOtpForm otpForm = new KeycloakOtpForm(30);
        admin.createRealm(realm, gateway.settings(), otpForm.addTo());

        smsSignIn(realm, gateway, "user41");
        otpSignIn(realm, otpForm, "user42");
        Map<String, Double> sms = counted(() -> smsSignIn(realm, gateway, "user43"));
        Map<String, Double> otp = counted(() -> otpSignIn(realm, otpForm, "user44"));

        StringBuilder table = new StringBuilder("Keycloak " + KeycloakServer.version()
                + ", one sign-in (login page, password, code), operations by kind:\n\n"
                + "| cache | kind | SMS step | OTP form | SMS step's own |\n|---|---|---:|---:|---:|\n");
        sms.forEach((row, count) -> table.append(String.format("| %s | %.0f | %.0f | %+.0f |%n",
                row.replace("/", " | "), count, otp.get(row), count - otp.get(row))));
        System.out.print(table);
        Files.writeString(KeycloakServer.runDir().resolve("store-operations.txt"), table);

        assertThat(sms.get("actionTokens/writes")).as(table.toString()).isPositive();
        assertThat(otp.get("authenticationSessions/writes")).as(table.toString()).isPositive();
    }

    private void smsSignIn(String realm, RealmGateway gateway, String user) {
        SmsLogin login = new SmsLogin(server, realm, user, null);
        Page page = login.passwordStep("it-app");
        assertThat(login.enter(page, gateway.awaitCode(login.phone())).loggedIn()).isTrue();
    }

    private void otpSignIn(String realm, KeycloakOtpForm otpForm, String user) {
        SmsLogin login = new SmsLogin(server, realm, user, null);
        Page page = KeycloakOtpForm.codePage(login);
        assertThat(KeycloakOtpForm.enter(login, page, otpForm.currentCode()).loggedIn()).isTrue();
    }

    /** Each cache's operations by kind while {@code signIn} runs, keyed "cache/kind". */
    private Map<String, Double> counted(Runnable signIn) {
        PrometheusScrape before = PrometheusScrape.of(server);
        signIn.run();
        PrometheusScrape after = PrometheusScrape.of(server);
        Map<String, Double> counts = new LinkedHashMap<>();
        for (String cache : CACHES) {
            KINDS.forEach((kind, metrics) -> {
                double total = 0;
                for (String metric : metrics) {
                    total += after.since(before, metric, Map.of("cache", cache));
                }
                counts.put(cache + "/" + kind, total);
            });
        }
        return counts;
    }
}
