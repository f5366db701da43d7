package io.github.smsotp.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server on 127.0.0.1, from the PostgreSQL binaries Maven fetched
 * (io.zonky.test.postgres, unpacked into {@code target/postgres}), so the cluster test needs
 * nothing installed. PostgreSQL refuses to run as root; under root (as in CI) it runs as
 * {@code nobody}.
 */
final class LoopbackPostgres implements AutoCloseable {

    private final Path bin;
    private final Path data;
    private final Path log;
    private final int port;
    private Process server;

    private LoopbackPostgres(Path bin, Path data, Path log, int port) {
        this.bin = bin;
        this.data = data;
        this.log = log;
        this.port = port;
    }

    static LoopbackPostgres start(Path workDir) throws IOException, InterruptedException {
        Path install = workDir.resolve("pg");
        if (!Files.exists(install.resolve("bin/postgres"))) {
            Files.createDirectories(install);
            run(List.of("tar", "-xJf", binaries().toString(), "-C", install.toString()), workDir.resolve("tar.log"));
        }
        Path data = workDir.resolve("data");
        TestFiles.deleteTree(data);
        Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        if (runningAsRoot()) {
            UserPrincipal nobody = data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(data, nobody);
        }
        LoopbackPostgres postgres = new LoopbackPostgres(install.resolve("bin"), data, workDir.resolve("postgres.log"),
                KeycloakServer.freePort());
        run(postgres.asServerUser(postgres.bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "--auth=trust", "-E", "UTF8", "--no-locale"), workDir.resolve("initdb.log"));
        postgres.server = new ProcessBuilder(postgres.asServerUser(postgres.bin.resolve("postgres").toString(),
                "-D", data.toString(), "-h", "127.0.0.1", "-p", String.valueOf(postgres.port),
                "-k", data.toString())).redirectErrorStream(true).redirectOutput(postgres.log.toFile()).start();
        postgres.awaitListening();
        return postgres;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (server != null && server.isAlive()) {
            run(asServerUser(bin.resolve("pg_ctl").toString(), "stop", "-D", data.toString(), "-m", "fast"),
                    log.resolveSibling("pg_ctl.log"));
            server.waitFor(30, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    private void awaitListening() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited, see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("PostgreSQL not listening after 60 s, see " + log);
    }

    private List<String> asServerUser(String... command) {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The binaries archive Maven unpacked from the platform's zonky artifact. */
    private static Path binaries() throws IOException {
        Path dir = KeycloakServer.buildDir().resolve("postgres");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("postgres-.*\\.txz")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL binaries in " + dir));
        }
    }

    private static void run(List<String> command, Path output) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed, see " + output);
        }
    }
}
