package io.github.smsotp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.PrometheusScrape;
import io.github.smsotp.it.clients.PumpingAttack;
import io.github.smsotp.it.clients.Registration;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.harness.TestServer;
import io.github.smsotp.it.stubs.GatewayStub;

/**
 * The pumping attack as a benchmark phase ({@code mvn -Pbenchmark verify}): one Keycloak as the
 * tests run it, a realm at its default limits and guard, and
 * <ul>
 *   <li>the single-use-store operations one registration's code costs with the guard and without
 *       it (Keycloak's own counters of the {@code actionTokens} cache), below every threshold;</li>
 *   <li>password and SMS sign-ins of proven numbers alone, then beside {@value #ATTACK} bot
 *       registrations to one country abroad: the SMS leaked, the seconds until the guard tripped,
 *       and the sign-ins served per second beside the attack against alone, in the same process.</li>
 * </ul>
 * Writes {@code target/benchmark/pumping.md}.
 */
public final class PumpingBenchmark {

    static final int ATTACK = 1000;
    static final int BOTS = 8;
    /** Registrations whose store operations are counted, each to a block of its own: below every threshold. */
    static final int COUNTED = 20;
    static final Duration ALONE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));
    private static final Map<String, String> STORE = Map.of("cache", "actionTokens");
    private static final String[] KINDS = {"vendor_statistics_hits", "vendor_statistics_misses",
            "vendor_statistics_stores", "vendor_statistics_remove_hits", "vendor_statistics_remove_misses"};

    private PumpingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (GatewayStub gateway = new GatewayStub()) {
            KeycloakServer server = TestServer.start(KeycloakServer.buildDir().resolve("benchmark-pumping"), gateway);
            try {
                String report = run(server);
                System.out.println(report);
                Path out = KeycloakServer.buildDir().resolve("benchmark/pumping.md");
                Files.createDirectories(out.getParent());
                Files.writeString(out, report);
            } finally {
                server.stop();
            }
        }
    }

    private static String run(KeycloakServer server) throws Exception {
        PumpingAttack.createRealm(server, "guard-off", Map.of("guard-block-sends", "0", "guard-country-sends", "0"));
        PumpingAttack.createRealm(server, "guard-on", Map.of());
        // Once each, so that neither pays for the first registration's class loading and compilation.
        register(server, "guard-off", 900);
        register(server, "guard-on", 900);
        double[] off = storeOperations(server, "guard-off");
        double[] on = storeOperations(server, "guard-on");

        String realm = "pumping";
        PumpingAttack.createRealm(server, realm, Map.of());
        PumpingAttack attack = new PumpingAttack(server, realm);
        int alone = attack.signInsAlone(ALONE);
        PumpingAttack.Outcome outcome = attack.run(ATTACK, BOTS);
        double aloneRate = alone / (double) ALONE.toSeconds();
        double besideRate = outcome.signIns() / (outcome.took().toMillis() / 1000.0);

        StringBuilder table = new StringBuilder("Pumping attack, Keycloak " + KeycloakServer.version() + ": "
                + ATTACK + " registrations by " + BOTS + " bots, each from its own address to its own number of "
                + PumpingAttack.COUNTRY + " (25 blocks), the realm at its default limits and guard.\n\n"
                + "| measure | value |\n|---|---:|\n");
        row(table, "attack's length (s)", "%.1f", outcome.took().toMillis() / 1000.0);
        row(table, "SMS leaked (reached the gateway)", "%d", outcome.leaked());
        row(table, "registrations refused by the guard", "%d", outcome.refused());
        row(table, "seconds until the guard tripped", "%.1f",
                outcome.trippedAfter() == null ? Double.NaN : outcome.trippedAfter().toMillis() / 1000.0);
        row(table, "legitimate sign-ins (password + SMS) during the attack", "%d", outcome.signIns());
        row(table, "of them failed", "%d", outcome.failedSignIns().size());
        row(table, "legitimate sign-ins per s, alone (" + ALONE.toSeconds() + " s)", "%.2f", aloneRate);
        row(table, "legitimate sign-ins per s, beside the attack", "%.2f", besideRate);
        row(table, "beside / alone", "%.2f", besideRate / aloneRate);
        row(table, "store reads per registration's code, guard off", "%.1f", off[0]);
        row(table, "store reads per registration's code, guard on", "%.1f", on[0]);
        row(table, "store writes per registration's code, guard off", "%.1f", off[1]);
        row(table, "store writes per registration's code, guard on", "%.1f", on[1]);
        row(table, "store operations the guard adds per send (reads + writes + removes)", "%.1f",
                on[0] + on[1] + on[2] - off[0] - off[1] - off[2]);
        return table.toString();
    }

    /** Reads, writes and removes on the single-use store per registration, {@link #COUNTED} of them in a row. */
    private static double[] storeOperations(KeycloakServer server, String realm) {
        PrometheusScrape before = PrometheusScrape.of(server);
        for (int i = 0; i < COUNTED; i++) {
            register(server, realm, i);
        }
        PrometheusScrape after = PrometheusScrape.of(server);
        double reads = after.since(before, KINDS[0], STORE) + after.since(before, KINDS[1], STORE);
        double writes = after.since(before, KINDS[2], STORE);
        double removes = after.since(before, KINDS[3], STORE) + after.since(before, KINDS[4], STORE);
        return new double[] {reads / COUNTED, writes / COUNTED, removes / COUNTED};
    }

    /** One registration with a number of block {@code i} of its own. */
    private static void register(KeycloakServer server, String realm, int i) {
        Registration.register(server, new Browser(PumpingAttack.address(10_000 + i)), realm,
                String.format("counted-%04d", i), String.format("+371 2%03d 0000", i));
    }

    private static void row(StringBuilder table, String measure, String format, Object value) {
        table.append("| ").append(measure).append(" | ").append(String.format(format, value)).append(" |\n");
    }
}
