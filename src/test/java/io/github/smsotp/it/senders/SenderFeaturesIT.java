package io.github.smsotp.it.senders;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.GatewayStub.Received;
import io.github.smsotp.sender.sns.SnsStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What reaches the phone: the text in the user's language, the autofill line, a fallback sender, vault secrets. */
@ExtendWith(KeycloakExtension.class)
public class SenderFeaturesIT {

    private final KeycloakServer server;
    private final AdminApi admin;

    SenderFeaturesIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @Test
    void theGatewayTokenComesFromKeycloaksVault() throws Exception {
        String realm = "sms-vault";
        server.putVaultSecret(realm, "sms-gateway-token", "Bearer from-the-vault");
        admin.createRealm(realm, Map.of(), r -> AdminApi.setUser(r, "user07", "+12015558807", null));
        new SmsLogin(server, realm, "user07", null).codePage();

        Received sms = server.gateway().to("+12015558807").get(0);
        assertThat(sms.header("Authorization")).isEqualTo("Bearer from-the-vault");
    }

    @Test
    void aSettingTheRealmLeavesEmptyComesFromTheServerOptions() {
        admin.createRealm("sms-server-defaults", Map.of("http.url", ""),
                r -> AdminApi.setUser(r, "user08", "+12015558808", null));
        new SmsLogin(server, "sms-server-defaults", "user08", null).codePage();

        assertThat(server.gateway().to("+12015558808").get(0).path()).isEqualTo("/server-default");
    }

    @Test
    void theTextIsInTheUsersLanguageAndEndsWithTheOriginBoundLine() {
        String realm = "sms-webotp";
        admin.createRealm(realm, Map.of("sms-format", "webotp"), r -> {
            r.put("internationalizationEnabled", true).put("defaultLocale", "en");
            r.putArray("supportedLocales").add("en").add("de");
            AdminApi.setUser(r, "user05", "+12015558805", "de");
        });
        new SmsLogin(server, realm, "user05", null).passwordStep("it-app");

        Received sms = server.gateway().to("+12015558805").get(0);
        String[] lines = sms.text().split("\n");
        assertThat(lines[0]).isEqualTo(sms.code() + " ist Ihr Anmeldecode für " + realm
                + ". Er ist 1 Minuten gültig. Geben Sie ihn nicht weiter.");
        assertThat(lines[lines.length - 1]).isEqualTo("@127.0.0.1 #" + sms.code());
    }

    @Test
    void aFallbackSenderDeliversWhenTheGatewayIsDown() {
        String realm = "sms-fallback";
        admin.createRealm(realm, Map.of("http.url", "http://127.0.0.1:9/down", "fallback-sender", "log"),
                r -> AdminApi.setUser(r, "user06", "+12015558806", null));
        SmsLogin login = new SmsLogin(server, realm, "user06", null);
        Page page = login.codePage();

        Matcher logged = Pattern.compile("SIMULATED SMS .* to \\+12015558806: ([0-9]{6}) ").matcher(server.log());
        assertThat(logged.find()).as("the fallback (log) sender delivered").isTrue();
        assertThat(server.log()).contains("sender 'http' failed, trying fallback 'log'");
        Page done = login.enter(page, logged.group(1));
        assertThat(done.loggedIn()).as(done.text()).isTrue();
    }

    @Test
    void aSenderFromAnotherJarIsOfferedAndUsed() throws Exception {
        admin.createRealm("sms-outbox", Map.of("sender", "outbox"), r -> AdminApi.setUser(r, "user09", "+12015558809", null));
        SmsLogin login = new SmsLogin(server, "sms-outbox", "user09", null);
        Page page = login.codePage();

        Matcher line = Pattern.compile("\\+12015558809\t([0-9]{6}) is your").matcher(Files.readString(server.outbox()));
        assertThat(line.find()).as("the example sender wrote the SMS to its outbox").isTrue();
        String code = line.group(1);
        while (line.find()) {
            code = line.group(1);
        }
        Page done = login.enter(page, code);
        assertThat(done.loggedIn()).as(done.text()).isTrue();
    }

    @Test
    void awsSnsDeliversThroughTheShadedSdkInsideKeycloak() throws Exception {
        try (SnsStub sns = new SnsStub()) {
            admin.createRealm("sms-sns", Map.of("sender", "sns", "sns.region", "eu-west-1",
                    "sns.access-key", "AKIAEXAMPLE", "sns.secret-key", "secret", "sns.endpoint", sns.endpoint()),
                    r -> AdminApi.setUser(r, "user10", "+12015558810", null));
            SmsLogin login = new SmsLogin(server, "sms-sns", "user10", null);
            Page page = login.codePage();

            SnsStub.Publish publish = sns.received().get(0);
            assertThat(publish.parameters()).containsEntry("Action", "Publish")
                    .containsEntry("PhoneNumber", "+12015558810");
            Matcher code = Pattern.compile("^([0-9]{6}) ").matcher(publish.parameters().get("Message"));
            assertThat(code.find()).isTrue();
            Page done = login.enter(page, code.group(1));
            assertThat(done.loggedIn()).as(done.text()).isTrue();
        }
    }

}
