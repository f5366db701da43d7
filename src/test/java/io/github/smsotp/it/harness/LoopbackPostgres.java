package io.github.smsotp.it.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;


/**
 * A throw-away PostgreSQL server on 127.0.0.1, from the PostgreSQL binaries Maven fetched
 * (io.zonky.test.postgres, in {@code target/postgres}), so the cluster test needs nothing installed.
 *
 * <p>PostgreSQL refuses to run as root; under root (as in CI) it runs as {@code nobody}. A checkout
 * may sit anywhere, also below a folder only its owner may enter ({@code mktemp -d}, {@code /root}),
 * where {@code nobody} could not reach binaries or data. So the binaries and the data live in a
 * fresh folder of their own in the system temp dir, owned by the user the server runs as, mode 0700,
 * and are removed at close. Only the logs stay in the build's work folder: the JVM writes them.
 */
public final class LoopbackPostgres implements AutoCloseable {

    private static final String SERVER_USER = "nobody";

    private final Path home;
    private final Path bin;
    private final Path data;
    private final Path logs;
    private final int port;
    private Process server;

    private LoopbackPostgres(Path home, Path logs, int port) {
        this.home = home;
        this.bin = home.resolve("pg/bin");
        this.data = home.resolve("data");
        this.logs = logs;
        this.port = port;
    }

    /** Unpacks, initialises and starts a server; {@code logDir} receives its logs. */
    public static LoopbackPostgres start(Path logDir) throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        Path home = Files.createTempDirectory("sms-otp-postgres",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        LoopbackPostgres postgres = new LoopbackPostgres(home, logDir, KeycloakServer.freePort());
        try {
            postgres.install();
            postgres.run("initdb", List.of(postgres.bin.resolve("initdb").toString(), "-D", postgres.data.toString(),
                    "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"));
            postgres.server = new ProcessBuilder(postgres.asServerUser(List.of(postgres.bin.resolve("postgres").toString(),
                    "-D", postgres.data.toString(), "-h", "127.0.0.1", "-p", String.valueOf(postgres.port),
                    "-k", postgres.data.toString()))).redirectErrorStream(true)
                    .redirectOutput(logDir.resolve("postgres.log").toFile()).start();
            postgres.awaitListening();
            return postgres;
        } catch (IOException | InterruptedException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (server != null && server.isAlive()) {
                run("pg_ctl", List.of(bin.resolve("pg_ctl").toString(), "stop", "-D", data.toString(), "-m", "fast"));
                server.waitFor(30, TimeUnit.SECONDS);
                server.destroyForcibly();
            }
        } finally {
            TestFiles.deleteTree(home);
        }
    }

    /** The binaries into {@code home/pg}; as root, the whole folder then goes to the server user. */
    private void install() throws IOException, InterruptedException {
        Path install = home.resolve("pg");
        Files.createDirectories(install);
        exec("tar", List.of("tar", "-xJf", binaries().toString(), "-C", install.toString()));
        if (runningAsRoot()) {
            exec("chown", List.of("chown", "-R", SERVER_USER, home.toString()));
            // The temp dir may itself sit where the server user cannot go: say so, not "Permission denied".
            Process probe = new ProcessBuilder("runuser", "-u", SERVER_USER, "--", "test", "-x",
                    bin.resolve("initdb").toString()).start();
            if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
                throw new IllegalStateException(SERVER_USER + " cannot reach " + home + "; PostgreSQL must not run as"
                        + " root, so the temp dir (java.io.tmpdir) must be one every user may enter");
            }
        }
    }

    private void awaitListening() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited, see " + logs.resolve("postgres.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("PostgreSQL not listening after 120 s, see " + logs.resolve("postgres.log"));
    }

    /** Runs a PostgreSQL tool as the server user. */
    private void run(String name, List<String> command) throws IOException, InterruptedException {
        exec(name, asServerUser(command));
    }

    private List<String> asServerUser(List<String> command) {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("runuser", "-u", SERVER_USER, "--"));
        }
        full.addAll(command);
        return full;
    }

    private void exec(String name, List<String> command) throws IOException, InterruptedException {
        Path output = logs.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed, see " + output);
        }
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
}
