package io.github.smsotp.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.harness.LoopbackCluster;
import io.github.smsotp.it.stubs.GatewayStub;

/**
 * What the cluster phase runs against: two Keycloak nodes on 127.0.0.1 sharing PostgreSQL and an
 * Infinispan cluster, as the cluster test starts them, over HTTPS with one key and one hostname
 * (node 1's, as behind one load balancer), with the benchmark realm and one gateway stub.
 */
final class ClusterEnvironment implements LoadTarget, AutoCloseable {

    final GatewayStub gateway = new GatewayStub();
    private final LoopbackCluster cluster;
    private final int node1Port = KeycloakServer.freePort();
    private final int node2Port = KeycloakServer.freePort();

    private ClusterEnvironment(int users) throws Exception {
        Path dir = KeycloakServer.buildDir().resolve("benchmark/cluster");
        cluster = LoopbackCluster.prepare(dir, gateway, "--health-enabled=true", "--metrics-enabled=true");
        try {
            realm(users).writeTo(cluster.node1().home().resolve("data/import/bench-realm.json"));
            Path keyStore = TlsKeyStore.create(dir.resolve("tls.p12"));
            cluster.start(node -> options(node, keyStore));
        } catch (Exception e) {
            // Nodes that never became ready must not outlive the run.
            close();
            throw e;
        }
    }

    static ClusterEnvironment start(int users) throws Exception {
        return new ClusterEnvironment(users);
    }

    /** Every sign-in's code reaches the one gateway. */
    @Override
    public GatewayStub gateway(LoginVariant variant) {
        return gateway;
    }

    /** Both nodes on Keycloak's core, once warmed up. */
    @Override
    public void pinKeycloak() {
        CpuPinning.pinKeycloak(cluster.node1());
        CpuPinning.pinKeycloak(cluster.node2());
    }

    String node1Url() {
        return "https://127.0.0.1:" + node1Port;
    }

    String node2Url() {
        return "https://127.0.0.1:" + node2Port;
    }

    /** Starts a flight recording named {@code name} on both nodes. */
    void startRecording(String name) {
        FlightRecordings.start(cluster.node1(), slug(name));
        FlightRecordings.start(cluster.node2(), slug(name));
    }

    /** Stops both nodes' recordings named {@code name}: their files, under target/benchmark/jfr/. */
    List<Path> stopRecording(String name) {
        Path dir = KeycloakServer.buildDir().resolve("benchmark/jfr");
        return List.of(FlightRecordings.stop(cluster.node1(), slug(name), dir.resolve(slug(name) + "-node1.jfr")),
                FlightRecordings.stop(cluster.node2(), slug(name), dir.resolve(slug(name) + "-node2.jfr")));
    }

    private static String slug(String name) {
        return name.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "");
    }

    @Override
    public ServerCounters counters() {
        return ServerCounters.read(List.of(cluster.node1(), cluster.node2()));
    }

    private List<String> options(KeycloakServer node, Path keyStore) {
        boolean first = node == cluster.node1();
        List<String> options = new ArrayList<>(List.of("--hostname=" + node1Url()));
        options.addAll(List.of(TlsKeyStore.httpsOptions(keyStore, first ? node1Port : node2Port)));
        if (first) {
            options.add("--import-realm");
        }
        return options;
    }

    /** Password only, password + Keycloak's OTP form, password + the SMS step with every limit counting. */
    private BenchmarkRealm realm(int users) throws IOException {
        return new BenchmarkRealm(KeycloakServer.projectDir().resolve("src/test/resources/realms/sms-it-realm.json"))
                .passwordOnly(LoginVariant.PASSWORD.clientId)
                .passwordAndTotp(LoginVariant.TOTP.clientId)
                .passwordAndSmsCountingLimits(LoginVariant.SMS.clientId, "http://127.0.0.1:" + gateway.port() + "/sms",
                        BenchmarkEnvironment.SEND_TIMEOUT_MS)
                .users(users, BenchmarkEnvironment.TOTP_SECRET);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            cluster.close();
        } finally {
            gateway.close();
        }
    }
}
