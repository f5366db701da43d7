package io.github.smsotp.it.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.JsonHttp;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.harness.LocalKeycloakImage;
import io.github.smsotp.it.harness.ReleaseMatrix;
import io.github.smsotp.it.harness.RequiredTool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The README's "Run with Docker", for real: {@code docker-compose up} on the project's own
 * {@code docker-compose.yml} with the built JAR, on the locally built Keycloak image (host
 * network, loopback only; free ports through the file's variables). Then one SMS login as the
 * demo user, with the code read from the container's log, and {@code down}.
 */
@Tag(ReleaseMatrix.CONTAINER_ONLY)
@Tag(ReleaseMatrix.CONTAINER_PATH)
public class DockerComposeIT {

    private static final Pattern SIMULATED =
            Pattern.compile("SIMULATED SMS .* to \\+12015550123: ([0-9]{6}) is your SMS OTP demo sign-in code");

    @Test
    void composeUpServesTheDemoRealmAndAnSmsLogin() throws Exception {
        LocalKeycloakImage.ensure();
        int port = KeycloakServer.freePort();
        Map<String, String> environment = Map.of("KEYCLOAK_PORT", Integer.toString(port),
                "KEYCLOAK_MANAGEMENT_PORT", Integer.toString(KeycloakServer.freePort()));
        try {
            compose(environment, Duration.ofMinutes(3), "up", "-d");
            String base = "http://127.0.0.1:" + port;
            awaitRealm(base + "/realms/sms-demo");

            Browser browser = new Browser();
            String account = base + "/realms/sms-demo/account/";
            Page login = browser.get(base + "/realms/sms-demo/protocol/openid-connect/auth?client_id=account-console"
                    + "&response_type=code&scope=openid&redirect_uri=" + account
                    + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
            Page codePage = browser.submit(login, "kc-form-login", Map.of("username", "demo", "password", "demo"));
            assertThat(codePage.has("#kc-sms-otp-form")).as(codePage.text()).isTrue();

            Matcher code = SIMULATED.matcher(compose(environment, Duration.ofMinutes(1), "logs", "keycloak"));
            assertThat(code.find()).as("the log sender prints the SMS in the container's log").isTrue();
            Page done = browser.submit(codePage, "kc-sms-otp-form", Map.of("code", code.group(1)));
            assertThat(done.uri().toString()).startsWith(account).contains("code=");
        } finally {
            compose(environment, Duration.ofMinutes(2), "down", "--volumes");
        }
    }

    private static void awaitRealm(String url) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (JsonHttp.send(HttpRequest.newBuilder(URI.create(url))).statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the demo realm did not come up at " + url);
    }

    /** Runs docker-compose on the project's file as the README says; returns its output. */
    private static String compose(Map<String, String> environment, Duration timeout, String... arguments)
            throws IOException, InterruptedException {
        Path compose = RequiredTool.find("apt-get install docker-compose",
                Path.of("/usr/bin/docker-compose"), Path.of("/usr/local/bin/docker-compose"));
        List<String> command = new ArrayList<>(List.of(compose.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(KeycloakServer.projectDir().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
