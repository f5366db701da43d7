package io.github.smsotp.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.harness.TestFiles;
import io.github.smsotp.it.stubs.GatewayStub;

/**
 * Everything the load benchmark runs against, on 127.0.0.1: the real Keycloak distribution with
 * the built JAR over HTTPS (its cookies are Secure, and a load driver, unlike a browser, sends
 * those over https only), the benchmark realm, four gateway stubs (0, 200 and 1000 ms, and one
 * that hangs), a port nobody listens on, and a readiness probe every 250 ms.
 */
final class BenchmarkEnvironment implements LoadTarget, AutoCloseable {

    static final String TOTP_SECRET = "bench-totp-secret-0123456789abcd";
    static final int SEND_TIMEOUT_MS = 2000;
    /** Where the spent-budget client's sends would arrive: the one that spent it, and no other. */
    static final String BUDGET_PATH = "/budget";

    /** A readiness probe: when, and whether Keycloak answered ready. */
    record Probe(long nanos, boolean ready) {
    }

    final GatewayStub fast = new GatewayStub();
    final GatewayStub slow200 = new GatewayStub();
    final GatewayStub slow1000 = new GatewayStub();
    final GatewayStub hanging = new GatewayStub();
    final int refusingPort = KeycloakServer.freePort();
    final ConcurrentLinkedQueue<Probe> probes = new ConcurrentLinkedQueue<>();

    /** Keycloak's heap: fixed, and large enough that the sessions of a whole run never start a marking cycle. */
    static final String HEAP = "-Xms4g -Xmx4g";

    private final KeycloakServer server;
    private final int httpsPort = KeycloakServer.freePort();
    private final Thread prober;

    private BenchmarkEnvironment(int users) throws Exception {
        slow200.latency(Duration.ofMillis(200));
        slow1000.latency(Duration.ofMillis(1000));
        hanging.mode(GatewayStub.Mode.HANG);
        Path dir = KeycloakServer.buildDir().resolve("benchmark");
        Path home = dir.resolve("keycloak");
        if (!Files.exists(home)) {
            TestFiles.copyTree(KeycloakServer.distribution(), home);
        }
        Path keyStore = TlsKeyStore.create(dir.resolve("tls.p12"));
        server = new KeycloakServer(home, dir.resolve("keycloak.log"), fast);
        // With dev-mem the database, and every user session persisted in it, lives in Keycloak's heap:
        // the live heap grows by about 10 MB a minute of sign-ins. In kc.sh's default 512 MB that kept
        // G1 marking concurrently through the rounds, on Keycloak's one core, in whichever slice it
        // fell. A fixed heap far above a whole run's growth leaves young collections only.
        server.javaHeap(HEAP);
        server.buildWith("--db=dev-mem", "--health-enabled=true", "--metrics-enabled=true");
        server.clearImports();
        realm(users).writeTo(home.resolve("data/import/bench-realm.json"));
        try {
            List<String> options = new ArrayList<>(List.of("--hostname-strict=false", "--cache=local", "--import-realm"));
            options.addAll(List.of(TlsKeyStore.httpsOptions(keyStore, httpsPort)));
            server.start(options.toArray(String[]::new));
        } catch (Exception e) {
            // A server that never became ready must not outlive the run.
            server.stop();
            closeStubs();
            throw e;
        }
        prober = new Thread(this::probe, "readiness-probe");
        prober.setDaemon(true);
        prober.start();
    }

    static BenchmarkEnvironment start(int users) throws Exception {
        return new BenchmarkEnvironment(users);
    }

    String baseUrl() {
        return "https://127.0.0.1:" + httpsPort;
    }

    /** The clients, one per login variant; see {@link LoginVariant}. */
    private BenchmarkRealm realm(int users) throws IOException {
        BenchmarkRealm realm = new BenchmarkRealm(KeycloakServer.projectDir().resolve("src/test/resources/realms/sms-it-realm.json"))
                .passwordOnly(LoginVariant.PASSWORD.clientId)
                .passwordAndTotp(LoginVariant.TOTP.clientId)
                .users(users, TOTP_SECRET);
        for (LoginVariant variant : List.of(LoginVariant.SMS, LoginVariant.SMS_200, LoginVariant.SMS_1000,
                LoginVariant.SMS_REFUSED, LoginVariant.SMS_HANGING)) {
            realm.passwordAndSms(variant.clientId, gatewayUrl(variant), SEND_TIMEOUT_MS, 0);
        }
        // A budget of one SMS an hour: the first sign-in spends it, every later send is refused.
        realm.passwordAndSms(LoginVariant.SMS_BUDGET_SPENT.clientId, gatewayUrl(LoginVariant.SMS_BUDGET_SPENT),
                SEND_TIMEOUT_MS, 1);
        return realm;
    }

    private String gatewayUrl(LoginVariant variant) {
        int port = switch (variant) {
            case SMS_200 -> slow200.port();
            case SMS_1000 -> slow1000.port();
            case SMS_REFUSED -> refusingPort;
            case SMS_HANGING -> hanging.port();
            default -> fast.port();
        };
        return "http://127.0.0.1:" + port + (variant == LoginVariant.SMS_BUDGET_SPENT ? BUDGET_PATH : "/sms");
    }

    /** Where the code for a sign-in of this variant arrives. */
    @Override
    public GatewayStub gateway(LoginVariant variant) {
        return switch (variant) {
            case SMS_200 -> slow200;
            case SMS_1000 -> slow1000;
            default -> fast;
        };
    }

    /** How many SMS reached the spent-budget client's gateway path (the one that spent it, if all is well). */
    int budgetGatewayCalls() {
        return fast.at(BUDGET_PATH).size();
    }

    /** Keycloak on its core, once warmed up. */
    @Override
    public void pinKeycloak() {
        CpuPinning.pinKeycloak(server);
    }

    /** Keycloak's own counters: the gateway calls and the single-use store's operations so far. */
    @Override
    public ServerCounters counters() {
        return ServerCounters.read(List.of(server));
    }

    private void probe() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI ready = URI.create(server.managementUrl() + "/health/ready");
        while (!Thread.currentThread().isInterrupted()) {
            boolean ok;
            try {
                ok = client.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                ok = false;
            } catch (InterruptedException e) {
                return;
            }
            probes.add(new Probe(System.nanoTime(), ok));
            try {
                TimeUnit.MILLISECONDS.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        prober.interrupt();
        server.stop();
        closeStubs();
    }

    private void closeStubs() {
        for (GatewayStub stub : List.of(fast, slow200, slow1000, hanging)) {
            stub.close();
        }
    }
}
