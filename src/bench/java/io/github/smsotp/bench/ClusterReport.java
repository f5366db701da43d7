package io.github.smsotp.bench;

import static io.github.smsotp.bench.ReportRows.row;

import java.util.Locale;

/**
 * The cluster phase's tables: A, B and C at 16 users spread over two nodes, C with the code on the
 * other node, the single-use store's operations per sign-in (both nodes' counts added), and C/B.
 */
final class ClusterReport {

    private final StepTimings timings;
    private final ReportRows rows;

    ClusterReport(StepTimings timings) {
        this.timings = timings;
        this.rows = new ReportRows(timings);
    }

    String markdown() {
        int users = ClusterBenchmark.USERS_AT_ONCE;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Two nodes on PostgreSQL (Infinispan cluster), users spread over both. "
                + "A, B and C: %d slices of %d s each, taken in turn; the last phase %d s. C's four send limits count "
                + "every send and refuse none. Store operations are the actionTokens cache's, both nodes added; %s.%n%n",
                SignInSimulation.ROUNDS, SignInSimulation.SLICE.toSeconds(), SignInSimulation.PHASE.toSeconds(),
                CpuPinning.describe()));
        out.append(ReportRows.PHASE_HEADER);
        for (LoginVariant variant : SignInSimulation.COMPARED) {
            out.append(rows.mergedRow(variant, users));
        }
        StepTimings.Phase across = timings.phase(ClusterBenchmark.ACROSS);
        out.append(rows.phaseRow(across));
        out.append('\n').append(ReportRows.RATIO_HEADER);
        out.append(rows.comparisonRows("cluster: ", users));
        StepTimings.Phase spread = StepTimings.merged("C", rows.slices(LoginVariant.SMS, users));
        out.append(row("cluster: C with the code on the other node / C on one node each", across.loginsPerSecond()
                / spread.loginsPerSecond(), ""));
        return out.toString();
    }
}
