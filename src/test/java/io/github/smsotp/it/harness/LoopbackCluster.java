package io.github.smsotp.it.harness;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.github.smsotp.it.stubs.GatewayStub;

/**
 * Two Keycloak nodes on 127.0.0.1 sharing a PostgreSQL database and an Infinispan cluster, as a
 * production cluster behind one load balancer: the cluster test and the benchmark's cluster phase
 * run on it. {@link #prepare} builds the nodes; the caller may then add import files to node 1's
 * home before {@link #start} starts both and waits until node 2 has joined.
 */
public final class LoopbackCluster implements AutoCloseable {

    private final LoopbackPostgres postgres;
    private final KeycloakServer node1;
    private final KeycloakServer node2;
    /** Each node's own options, from {@link #start}, for a restart. */
    private Function<KeycloakServer, List<String>> nodeOptions = node -> List.of();

    private LoopbackCluster(LoopbackPostgres postgres, KeycloakServer node1, KeycloakServer node2) {
        this.postgres = postgres;
        this.node1 = node1;
        this.node2 = node2;
    }

    /** Starts the database and builds both nodes in {@code dir} with {@code --db=postgres} and these build options. */
    public static LoopbackCluster prepare(Path dir, GatewayStub gateway, String... buildOptions)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        LoopbackPostgres postgres = LoopbackPostgres.start(dir.resolve("postgres"));
        try {
            Path home1 = dir.resolve("node1");
            Path home2 = dir.resolve("node2");
            if (!Files.exists(home1)) {
                TestFiles.copyTree(KeycloakServer.distribution(), home1);
            }
            KeycloakServer node1 = new KeycloakServer(home1, dir.resolve("node1.log"), gateway);
            List<String> options = new ArrayList<>(List.of("--db=postgres"));
            options.addAll(List.of(buildOptions));
            node1.buildWith(options.toArray(String[]::new));
            node1.clearImports();
            TestFiles.deleteTree(home2);
            TestFiles.copyTree(home1, home2);
            return new LoopbackCluster(postgres, node1, new KeycloakServer(home2, dir.resolve("node2.log"), gateway));
        } catch (IOException | InterruptedException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /**
     * Prepares and starts a cluster whose nodes both issue node 1's URLs, as behind one load
     * balancer, with health checks on.
     */
    public static LoopbackCluster startBehindOneAddress(Path dir, GatewayStub gateway)
            throws IOException, InterruptedException {
        LoopbackCluster cluster = prepare(dir, gateway, "--health-enabled=true");
        try {
            cluster.start(node -> List.of("--hostname=http://127.0.0.1:" + cluster.node1.httpPort()));
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Stops a test's cluster (where it started) and then its gateway, for an {@code @AfterAll}. */
    public static void close(LoopbackCluster cluster, GatewayStub gateway) throws Exception {
        for (AutoCloseable part : new AutoCloseable[] {cluster, gateway}) {
            if (part != null) {
                part.close();
            }
        }
    }

    /**
     * Starts node 1, then node 2, each with the cluster's options and its own from {@code options},
     * and waits until node 2 is in the cluster's view.
     */
    public void start(Function<KeycloakServer, List<String>> options) throws IOException, InterruptedException {
        nodeOptions = options;
        for (KeycloakServer node : List.of(node1, node2)) {
            startNode(node);
        }
        awaitView(node2, 2);
    }

    /**
     * Stops {@code node} as an operator would (SIGTERM), unless it is down already, and starts it
     * again with the options it had; returns once it is back in the cluster's view. Keycloak waits
     * for the caches' state from the other node before it reports ready.
     */
    public void restart(KeycloakServer node) throws IOException, InterruptedException {
        node.stop();
        startNode(node);
        awaitView(node, 2);
    }

    /**
     * Kills {@code node}'s JVM at once ({@code kill -9}), as a crash or a lost machine would, and
     * returns once the other node has seen it leave.
     */
    public void kill(KeycloakServer node) {
        ProcessHandle kc = node.process().orElseThrow();
        kc.descendants().forEach(ProcessHandle::destroyForcibly);
        kc.destroyForcibly();
        await("the killed node exits").atMost(Duration.ofSeconds(30)).until(() -> !kc.isAlive());
        awaitView(node == node1 ? node2 : node1, 1);
    }

    private void startNode(KeycloakServer node) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(clusterOptions());
        all.addAll(nodeOptions.apply(node));
        node.start(all.toArray(String[]::new));
    }

    /** Waits until the latest cluster view in {@code node}'s log (since its last start) has {@code members} nodes. */
    private static void awaitView(KeycloakServer node, int members) {
        await("a cluster view of " + members + " on " + node.baseUrl()).atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500)).until(() -> node.log().lines()
                        .filter(line -> line.contains("ISPN000094: Received new cluster view"))
                        .reduce((earlier, later) -> later).orElse("").contains("(" + members + ")"));
    }

    public KeycloakServer node1() {
        return node1;
    }

    public KeycloakServer node2() {
        return node2;
    }

    private List<String> clusterOptions() throws IOException {
        // --cache is a start option (26.4 refuses it at build), and ispn is already production's default.
        return List.of("--cache=ispn", "--db-url=" + postgres.jdbcUrl(), "--db-username=postgres", "--db-password=unused",
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + clusterPort());
    }

    /** A free port P whose failure-detection companion P + 50000 (JGroups FD_SOCK2) is free too. */
    private static int clusterPort() throws IOException {
        for (int port = 7800 + (int) (ProcessHandle.current().pid() % 1000); port < 15_000; port++) {
            if (free(port) && free(port + 50_000)) {
                return port;
            }
        }
        throw new IllegalStateException("no free cluster port pair on 127.0.0.1");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            node2.stop();
            node1.stop();
        } finally {
            postgres.close();
        }
    }
}
