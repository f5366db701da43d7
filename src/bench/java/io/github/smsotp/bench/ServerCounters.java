package io.github.smsotp.bench;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.smsotp.it.clients.PrometheusScrape;
import io.github.smsotp.it.harness.KeycloakServer;

/**
 * What Keycloak itself counted, summed over its nodes, read between phases: the step's successful
 * gateway calls and their time ({@code sms_otp_send_duration_seconds}), the operations on the
 * single-use store (Infinispan's {@code actionTokens} cache) by kind, as {@code StoreOperationsIT}
 * reads them, the CPU time its processes used, as the operating system counts it, and the part
 * of it its JIT compiler threads took.
 */
record ServerCounters(double sends, double sendSeconds, double storeReads, double storeWrites, double storeRemoves,
                      double cpuSeconds, double compilerSeconds) {

    static final ServerCounters NONE = new ServerCounters(0, 0, 0, 0, 0, 0, 0);

    private static final Map<String, String> SUCCESS = Map.of("outcome", "success");
    private static final Map<String, String> STORE = Map.of("cache", "actionTokens");

    static ServerCounters read(List<KeycloakServer> nodes) {
        ServerCounters total = NONE;
        for (KeycloakServer node : nodes) {
            PrometheusScrape metrics = PrometheusScrape.of(node);
            total = total.plus(new ServerCounters(metrics.sum("sms_otp_send_duration_seconds_count", SUCCESS),
                    metrics.sum("sms_otp_send_duration_seconds_sum", SUCCESS),
                    metrics.sum("vendor_statistics_hits", STORE) + metrics.sum("vendor_statistics_misses", STORE),
                    metrics.sum("vendor_statistics_stores", STORE),
                    metrics.sum("vendor_statistics_remove_hits", STORE) + metrics.sum("vendor_statistics_remove_misses", STORE),
                    cpuSeconds(node), compilerSeconds(node)));
        }
        return total;
    }

    /** The CPU time of kc.sh and the JVM it started (NaN where the system does not tell). */
    private static double cpuSeconds(KeycloakServer node) {
        return node.process().map(kc -> Stream.concat(Stream.of(kc), kc.descendants())
                .mapToDouble(process -> process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN))
                .sum()).orElse(Double.NaN);
    }

    /** The CPU time of the JIT compiler threads of the JVM kc.sh started (NaN where the system does not tell). */
    private static double compilerSeconds(KeycloakServer node) {
        return node.process().map(kc -> Stream.concat(Stream.of(kc), kc.descendants())
                .mapToDouble(process -> CompilerThreads.cpuSeconds(process.pid())).sum()).orElse(Double.NaN);
    }

    ServerCounters plus(ServerCounters other) {
        return new ServerCounters(sends + other.sends, sendSeconds + other.sendSeconds, storeReads + other.storeReads,
                storeWrites + other.storeWrites, storeRemoves + other.storeRemoves, cpuSeconds + other.cpuSeconds,
                compilerSeconds + other.compilerSeconds);
    }

    ServerCounters minus(ServerCounters earlier) {
        return new ServerCounters(sends - earlier.sends, sendSeconds - earlier.sendSeconds, storeReads - earlier.storeReads,
                storeWrites - earlier.storeWrites, storeRemoves - earlier.storeRemoves, cpuSeconds - earlier.cpuSeconds,
                compilerSeconds - earlier.compilerSeconds);
    }
}
