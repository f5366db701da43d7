package io.github.smsotp.it;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * Starts one Keycloak (and its gateway stub) for each test JVM and hands it to test classes
 * as a {@link KeycloakServer} parameter. It stops when the JVM's run ends.
 */
public final class KeycloakExtension implements BeforeAllCallback, ParameterResolver {

    /**
     * One per JVM, not in the root context's store: with more than one fork, failsafe launches each
     * test class on its own, and the root context (with what its store holds) ends after each class.
     */
    private static Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        server();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeycloakServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server();
    }

    private static synchronized KeycloakServer server() {
        if (running == null) {
            running = Running.start();
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "stop-keycloak"));
        }
        return running.server;
    }

    /** Stopped when the JVM exits, after its last test class. */
    private record Running(KeycloakServer server, GatewayStub gateway) {

        private static final String[] BUILD_OPTIONS = {"--db=dev-mem", "--health-enabled=true", "--metrics-enabled=true",
                "--vault=file"};

        static Running start() {
            try {
                GatewayStub gateway = new GatewayStub();
                Path dir = serverDir();
                Path home = dir.resolve("keycloak");
                copyBuilt(home, gateway);
                KeycloakServer server = new KeycloakServer(home, dir.resolve("keycloak-it.log"), gateway);
                try {
                    server.buildWith(BUILD_OPTIONS);
                    // The test realm's gateway token lives in Keycloak's file vault, not in the realm.
                    server.putVaultSecret(SmsLogin.REALM, "sms-gateway-token", "Bearer it-token");
                    server.clearImports();
                    Files.deleteIfExists(server.outbox());
                    server.importRealm(KeycloakServer.projectDir().resolve("realm-export/sms-demo-realm.json"));
                    server.importRealm(KeycloakServer.projectDir().resolve("src/test/resources/realms/sms-it-realm.json"));
                    server.start("--hostname-strict=false", "--cache=local", "--import-realm",
                            "--vault-dir=" + server.home().resolve("vault"),
                            // A server-wide sender setting, used where a realm sets none.
                            "--spi-sms-sender--http--url=http://127.0.0.1:" + gateway.port() + "/server-default",
                            "--spi-sms-sender--outbox--file=" + server.outbox(),
                            // As behind a reverse proxy: tests give each simulated client its own address.
                            "--proxy-headers=xforwarded");
                } catch (Exception e) {
                    server.stop();
                    gateway.close();
                    throw e;
                }
                return new Running(server, gateway);
            } catch (TestAbortedException missingTool) {
                throw missingTool;
            } catch (Exception e) {
                throw new IllegalStateException("could not start Keycloak for the tests", e);
            }
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

        /**
         * Failsafe runs the suite in parallel JVMs ({@code forkCount}); each JVM has its own server, in
         * its own copy of the distribution, since a server builds and writes into its folder.
         */
        private static Path serverDir() {
            return KeycloakServer.runDir().resolve(System.getProperty("server.folder", "server-1"));
        }

        void close() {
            try {
                server.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                gateway.close();
            }
        }
    }
}
