package io.github.smsotp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway self-signed key for 127.0.0.1 (EC: cheap handshakes, so TLS does not dominate).
 * Keycloak's cookies are Secure, and a load driver, unlike a browser, sends those over https only.
 */
final class TlsKeyStore {

    static final String PASSWORD = "benchmark";

    private TlsKeyStore() {
    }

    /** Creates the key store at {@code keyStore}, replacing any earlier one. */
    static Path create(Path keyStore) throws IOException, InterruptedException {
        Files.deleteIfExists(keyStore);
        Files.createDirectories(keyStore.getParent());
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "benchmark", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "7", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(1, TimeUnit.MINUTES) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        return keyStore;
    }

    /** Keycloak's options to serve HTTPS on {@code port} with this key. */
    static String[] httpsOptions(Path keyStore, int port) {
        return new String[] {"--https-port=" + port, "--https-key-store-file=" + keyStore.toAbsolutePath(),
                "--https-key-store-password=" + PASSWORD,
                // Health and metrics stay plain HTTP on the management port, for the probe and the counters.
                "--http-management-scheme=http"};
    }
}
