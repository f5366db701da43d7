package io.github.smsotp.it.harness;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.stubs.GatewayStub;

/**
 * Keycloak as the integration tests run it: the distribution with the JAR installed, the demo and
 * test realms imported, the test realm's gateway token in the file vault, a server-wide sender
 * setting, the {@code log} sender allowed in production mode (the demo realm names it), and proxy
 * headers on, so that each simulated client has its own address. The benchmarks
 * that drive the tests' own clients start it the same way.
 */
public final class TestServer {

    private static final String[] BUILD_OPTIONS = {"--db=dev-mem", "--health-enabled=true", "--metrics-enabled=true",
            "--vault=file"};

    private TestServer() {
    }

    /**
     * Starts it in {@code dir}, its SMS going to {@code gateway}; stopped (and thrown) if it never gets
     * ready. Its operator allows the {@code log} sender in production mode: the demo realm names it.
     */
    public static KeycloakServer start(Path dir, GatewayStub gateway) throws Exception {
        return start(dir, gateway, true);
    }

    /**
     * As {@link #start(Path, GatewayStub)}; without {@code logSenderAllowed}, a production server whose
     * realms may not use the {@code log} sender, as shipped: the demo realm, which names it, is not
     * imported then. {@code operatorOptions} come on top.
     */
    public static KeycloakServer start(Path dir, GatewayStub gateway, boolean logSenderAllowed,
                                       String... operatorOptions) throws Exception {
        Path home = dir.resolve("keycloak");
        copyBuilt(home, gateway);
        KeycloakServer server = new KeycloakServer(home, dir.resolve("keycloak-it.log"), gateway);
        try {
            server.buildWith(BUILD_OPTIONS);
            // The test realm's gateway token lives in Keycloak's file vault, not in the realm.
            server.putVaultSecret(SmsLogin.REALM, "sms-gateway-token", "Bearer it-token");
            server.clearImports();
            Files.deleteIfExists(server.outbox());
            if (logSenderAllowed) {
                server.importRealm(KeycloakServer.projectDir().resolve("realm-export/sms-demo-realm.json"));
            }
            server.importRealm(KeycloakServer.projectDir().resolve("src/test/resources/realms/sms-it-realm.json"));
            List<String> options = new ArrayList<>(List.of("--hostname-strict=false", "--cache=local", "--import-realm",
                    "--vault-dir=" + server.home().resolve("vault"),
                    // A server-wide sender setting, used where a realm sets none.
                    "--spi-sms-sender--http--url=http://127.0.0.1:" + gateway.port() + "/server-default",
                    "--spi-sms-sender--outbox--file=" + server.outbox(),
                    "--spi-sms-sender--log--allow-in-production=" + logSenderAllowed,
                    // As behind a reverse proxy: tests give each simulated client its own address.
                    "--proxy-headers=xforwarded"));
            options.addAll(List.of(operatorOptions));
            server.start(options.toArray(String[]::new));
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return server;
    }

    /**
     * Gives {@code home} the distribution with the JAR installed and built. The JVMs of one version
     * take turns under a file lock: the first builds a copy once ({@code kc.sh build} takes some
     * 20 s of CPU), and each copies it.
     */
    private static void copyBuilt(Path home, GatewayStub gateway) throws Exception {
        Path shared = KeycloakServer.runDir().resolve("built");
        Path built = shared.resolve("keycloak");
        Files.createDirectories(shared);
        try (FileChannel channel = FileChannel.open(shared.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock turn = channel.lock()) {
            if (!Files.exists(built)) {
                TestFiles.copyTree(KeycloakServer.distribution(), built);
            }
            new KeycloakServer(built, shared.resolve("keycloak.log"), gateway).buildWith(BUILD_OPTIONS);
            if (!Files.exists(home)) {
                TestFiles.copyTree(built, home);
            }
        }
    }
}
