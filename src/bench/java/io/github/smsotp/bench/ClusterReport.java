package io.github.smsotp.bench;

import java.util.Locale;

/**
 * The cluster phase's tables: A, B and C at 16 users spread over two nodes and C with the code on
 * the other node, the single-use store's operations per sign-in (both nodes' counts added), C/B,
 * C/A, and C across against C spread, each ratio round by round.
 */
final class ClusterReport {

    private final ReportRows rows;

    ClusterReport(StepTimings timings) {
        this.rows = new ReportRows(timings);
    }

    String markdown() {
        int users = ClusterBenchmark.USERS_AT_ONCE;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Two nodes on PostgreSQL (Infinispan cluster). A, B and C: users spread over "
                + "both nodes; C across: the first step on node 1, the code on node 2. All four in %d rounds of %d s slices "
                + "taken in turn, after a warm-up of %d s. C's four send limits count every send and refuse none. Store "
                + "operations are the actionTokens cache's, both nodes added; %s.%n%n",
                SignInSimulation.ROUNDS, SignInSimulation.SLICE.toSeconds(),
                SignInSimulation.PHASE.multipliedBy(ClusterBenchmark.WARM_UP_PHASES).toSeconds(), CpuPinning.describe()));
        out.append(ReportRows.PHASE_HEADER);
        for (LoginVariant variant : SignInSimulation.COMPARED) {
            out.append(rows.mergedRow(variant.scenario, users));
        }
        out.append(rows.mergedRow(ClusterBenchmark.ACROSS, users));
        out.append('\n').append(ReportRows.ROUNDS_HEADER);
        out.append(rows.comparisonRows("cluster: ", users));
        out.append(rows.roundsRow("cluster: C with the code on the other node / C on one node each", users,
                ClusterBenchmark.ACROSS, LoginVariant.SMS.scenario, ReportRows::throughput, ""));
        return out.toString();
    }
}
