package io.github.smsotp.it.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.harness.RequiredTool;
import org.junit.jupiter.api.Test;

/**
 * {@code docker-compose.yml} as Debian's compose tooling reads it ({@code config}): valid, with the
 * pinned image, the built JAR, the realm import and the vault, every service on the host's network
 * and listening on loopback only.
 */
public class ComposeFileIT {

    private static final Path COMPOSE_FILE = KeycloakServer.projectDir().resolve("docker-compose.yml");

    @Test
    void defaultSetupRunsTheDemoRealmWithTheJarAndTheVault() throws Exception {
        String config = config();

        assertThat(config).contains("image: quay.io/keycloak/keycloak:26.7.3")
                .contains("keycloak-sms-otp.jar:/opt/keycloak/providers/keycloak-sms-otp.jar:ro")
                .contains("realm-export:/opt/keycloak/data/import:ro")
                .contains("src/demo/vault:/opt/keycloak/vault:ro")
                .contains("- start-dev").contains("- --import-realm")
                .contains("KC_HTTP_HOST: 127.0.0.1").contains("KC_HTTP_PORT: '8080'");
    }

    @Test
    void postgresProfileRunsKeycloakInProductionModeOnPostgres() throws Exception {
        String config = config("--profile", "postgres");

        assertThat(config).contains("image: postgres:16.4").contains("KC_DB: postgres")
                .contains("KC_DB_URL: jdbc:postgresql://127.0.0.1:5432/keycloak")
                .contains("condition: service_healthy").contains("- --metrics-enabled=true")
                .contains("- listen_addresses=127.0.0.1").contains("- --cache=local");
    }

    @Test
    void everyServiceUsesTheHostNetworkAndPublishesNothing() throws Exception {
        // No bridge network: it would give containers private-range addresses.
        String config = config("--profile", "postgres");
        assertThat(config.lines().filter(line -> line.trim().equals("network_mode: host")).count()).isEqualTo(3);
        assertThat(config).doesNotContain("ports:").doesNotContain("networks:");
    }

    /** The compose tool's own rendering of the file (fails on any schema or syntax error). */
    private static String config(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(composeCommand());
        command.addAll(List.of(options));
        command.addAll(List.of("-f", COMPOSE_FILE.toString(), "config"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s said: %s", command, output).isZero();
        return output;
    }

    /** Debian's docker-compose package (1.29 on Debian 12). */
    private static List<String> composeCommand() {
        Path compose = RequiredTool.find("apt-get install docker-compose",
                Path.of("/usr/bin/docker-compose"), Path.of("/usr/local/bin/docker-compose"));
        return List.of(compose.toString());
    }
}
