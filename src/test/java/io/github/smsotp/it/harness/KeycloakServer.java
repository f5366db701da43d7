package io.github.smsotp.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.smsotp.it.stubs.GatewayStub;

/**
 * The real Keycloak distribution (unpacked by Maven) with the freshly built provider JAR and the
 * test realms, on 127.0.0.1. Started once per test JVM; its console output goes to
 * {@code keycloak-it.log} in its folder so tests can read what an operator would see.
 */
public final class KeycloakServer {

    // First start on an empty database (schema, master realm) on a busy 2-core machine: minutes;
    // start-dev builds first as well.
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private final Path home;
    private final Path log;
    private final GatewayStub gateway;
    private final int httpPort;
    private final int managementPort;
    /** {@code -Dkeycloak.runtime=container}: the same server as a container of the local image. */
    private final boolean inContainer = "container".equals(System.getProperty("keycloak.runtime"));
    private List<String> buildOptions = List.of();
    private String javaHeap;
    private Running running;
    private Duration startTime;

    /** A started server, whether a kc.sh process or a container. */
    interface Running {
        boolean alive();

        String exitDescription();

        void stop() throws InterruptedException;

        /** The process started (kc.sh, whose child is Keycloak's JVM), where it is one of this machine's. */
        default Optional<ProcessHandle> handle() {
            return Optional.empty();
        }
    }

    /**
     * @param home an unpacked Keycloak distribution this server may build and write into
     * @param log  where its console output goes
     */
    public KeycloakServer(Path home, Path log, GatewayStub gateway) throws IOException {
        this.home = home;
        this.log = log;
        this.gateway = gateway;
        this.httpPort = freePort();
        this.managementPort = freePort();
    }

    /**
     * The JVM's heap options for the next start of the distribution ({@code JAVA_OPTS_KC_HEAP}), in
     * place of kc.sh's {@code -Xms64m -Xmx512m} outside a container.
     */
    public void javaHeap(String options) {
        if (inContainer) {
            throw new IllegalStateException("the container's heap follows its memory limit");
        }
        javaHeap = options;
    }

    /** The distribution Maven unpacked for the tests. */
    public static Path distribution() {
        return Path.of(System.getProperty("keycloak.dir", "target/keycloak/keycloak-26.7.3"));
    }

    /** The Keycloak release under test, e.g. {@code 26.7.3}, from the distribution's folder name. */
    public static String version() {
        return distribution().getFileName().toString().replace("keycloak-", "");
    }

    /** Whether the release under test is at least {@code major.minor}. */
    public static boolean atLeast(int major, int minor) {
        String[] parts = version().split("\\.");
        int found = Integer.parseInt(parts[0]) * 1000 + Integer.parseInt(parts[1]);
        return found >= major * 1000 + minor;
    }

    /** This run's own folder (logs, cluster nodes, screenshots): one per Keycloak version of the matrix. */
    public static Path runDir() {
        return Path.of(System.getProperty("run.dir", buildDir().resolve("it").toString()));
    }

    public static Path buildDir() {
        return Path.of(System.getProperty("build.dir", "target"));
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("project.dir", "."));
    }

    /** Where the example sender (outbox) writes, as configured by the single-node test server. */
    public Path outbox() {
        return home.resolve("data/sms-outbox.txt");
    }

    public Path home() {
        return home;
    }

    public int httpPort() {
        return httpPort;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The management interface: health and, when built with metrics, {@code /metrics}. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public GatewayStub gateway() {
        return gateway;
    }

    public Duration startTime() {
        return startTime;
    }

    /** Everything the server has printed so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts Keycloak on 127.0.0.1 with the given options and waits until ready: {@code kc.sh start
     * --optimized}, or in a container {@code start} with the build options too.
     */
    public void start(String... options) throws IOException, InterruptedException {
        launch(List.of("start", "--optimized"), options);
    }

    /**
     * Starts Keycloak in development mode ({@code kc.sh start-dev}, which builds itself first) on
     * 127.0.0.1 and waits until ready. Always the distribution: the container image is built for
     * production mode. Install the JAR first with {@link #installProviders()}.
     */
    public void startDev(String... options) throws IOException, InterruptedException {
        if (inContainer) {
            throw new IllegalStateException("start-dev runs the distribution, not the container image");
        }
        launch(List.of("start-dev"), options);
    }

    private void launch(List<String> mode, String... options) throws IOException, InterruptedException {
        Instant begin = Instant.now();
        List<String> serverOptions = new ArrayList<>(List.of("--http-enabled=true", "--http-host=127.0.0.1",
                "--http-port=" + httpPort, "--http-management-port=" + managementPort));
        serverOptions.addAll(List.of(options));
        if (inContainer) {
            List<String> all = new ArrayList<>(buildOptions);
            all.addAll(serverOptions);
            running = ContainerKeycloak.start(LocalKeycloakImage.ensure(), home, log, all);
        } else {
            List<String> command = new ArrayList<>(kc(mode.toArray(String[]::new)));
            command.addAll(serverOptions);
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
            if (javaHeap != null) {
                builder.environment().put("JAVA_OPTS_KC_HEAP", javaHeap);
            }
            running = new KcProcess(builder.start());
        }
        awaitReady();
        startTime = Duration.between(begin, Instant.now());
        System.out.printf("Keycloak ready at %s after %d s (log: %s)%n", baseUrl(), startTime.toSeconds(), log);
    }

    /** The running server's process (kc.sh; Keycloak's JVM is its child); empty in a container or before the start. */
    public Optional<ProcessHandle> process() {
        return running == null ? Optional.empty() : running.handle();
    }

    public void stop() throws InterruptedException {
        if (running != null && running.alive()) {
            running.stop();
        }
    }

    /** {@code kc.sh} as a child process. */
    private record KcProcess(Process process) implements Running {

        @Override
        public boolean alive() {
            return process.isAlive();
        }

        @Override
        public String exitDescription() {
            return "Keycloak exited with " + process.exitValue();
        }

        @Override
        public Optional<ProcessHandle> handle() {
            return Optional.of(process.toHandle());
        }

        @Override
        public void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Writes a secret for the file vault ({@code --vault-dir=<home>/vault}): {@code ${vault.<key>}} in realm. */
    public void putVaultSecret(String realm, String key, String secret) throws IOException {
        Path vault = home.resolve("vault");
        Files.createDirectories(vault);
        Files.writeString(vault.resolve(realm + "_" + key), secret);
    }

    /** Removes every realm file from {@code data/import}. */
    public void clearImports() throws IOException {
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        try (Stream<Path> old = Files.list(imports)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
    }

    /** Puts a realm file into {@code data/import}, with the gateway stub's port filled in. */
    public void importRealm(Path realmFile) throws IOException {
        String json = Files.readString(realmFile).replace("${GATEWAY_PORT}", String.valueOf(gateway.port()));
        Files.createDirectories(home.resolve("data/import"));
        Files.writeString(home.resolve("data/import").resolve(realmFile.getFileName()), json);
    }

    /**
     * Installs the JAR and runs {@code kc.sh build} (~20 s), unless this very JAR is installed and
     * built already. The installed file is left untouched then: Keycloak refuses an optimized start
     * when a provider file is newer than the last build.
     */
    public void buildWith(String... buildOptions) throws IOException, InterruptedException {
        Map<Path, Path> jars = installProviders();
        if (inContainer) {
            // The container's own Keycloak builds at start, with these options.
            this.buildOptions = List.of(buildOptions);
            return;
        }
        Path marker = home.resolve("data/built-provider.sha256");
        StringBuilder digest = new StringBuilder(String.join(" ", buildOptions));
        for (Path jar : new TreeSet<>(jars.keySet())) {
            digest.append(' ').append(sha256(jar));
        }
        if (Files.exists(marker) && Files.readString(marker).equals(digest.toString())) {
            return;
        }
        List<String> command = new ArrayList<>(kc("build"));
        command.addAll(List.of(buildOptions));
        Path buildLog = log.resolveSibling(log.getFileName().toString().replace(".log", "-build.log"));
        Process build = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(buildLog.toFile()).start();
        if (!build.waitFor(5, TimeUnit.MINUTES) || build.exitValue() != 0) {
            throw new IllegalStateException("kc.sh build failed, see " + buildLog);
        }
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, digest.toString());
    }

    /**
     * Puts the extension into {@code providers/}, and the example sender of docs/WRITING-A-SENDER.md, which a third party
     * would ship alike.
     *
     * @return each JAR built by this project and where it is installed
     */
    public Map<Path, Path> installProviders() throws IOException {
        Map<Path, Path> jars = Map.of(
                Path.of(System.getProperty("provider.jar", "target/keycloak-sms-otp.jar")),
                home.resolve("providers/keycloak-sms-otp.jar"),
                Path.of(System.getProperty("example.sender.jar", "target/keycloak-sms-otp-example-sender.jar")),
                home.resolve("providers/example-sender.jar"));
        installChanged(jars);
        return jars;
    }

    /** Copies each JAR whose installed copy is missing or different; an identical one keeps its timestamp. */
    private static void installChanged(Map<Path, Path> jars) throws IOException {
        for (Map.Entry<Path, Path> jar : jars.entrySet()) {
            Path installed = jar.getValue();
            if (!Files.exists(installed) || Files.mismatch(jar.getKey(), installed) != -1) {
                Files.createDirectories(installed.getParent());
                Files.copy(jar.getKey(), installed, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void awaitReady() throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        URI ready = URI.create(managementUrl() + "/health/ready");
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!running.alive()) {
                throw new IllegalStateException(running.exitDescription() + ", see " + log);
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(ready).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak not ready after " + START_TIMEOUT + ", see " + log);
    }

    private List<String> kc(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString()));
        command.addAll(List.of(args));
        return command;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
