package io.github.smsotp.bench;

import static io.github.smsotp.bench.ReportRows.row;
import static io.github.smsotp.bench.ReportRows.rowMillis;

import java.time.Duration;
import java.util.Locale;

/**
 * The single-node benchmark's tables: per phase completed sign-ins per second, errors, step
 * latencies and store operations, then the ratios the targets are stated in (C/B and C/A per round,
 * SMS overhead at p50, A beside a slow gateway against A alone, time to the could-not-send page
 * against the send timeout, the refusal with the realm's budget spent).
 */
final class BenchmarkReport {

    private final StepTimings timings;
    private final ReportRows rows;
    private final BenchmarkEnvironment environment;
    private final Duration phaseLength;

    BenchmarkReport(StepTimings timings, BenchmarkEnvironment environment, Duration phaseLength) {
        this.timings = timings;
        this.rows = new ReportRows(timings);
        this.environment = environment;
        this.phaseLength = phaseLength;
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "One node. Phases of %d s each (A, B and C: %d slices of %d s each, taken in "
                + "turn, after a warm-up of %d s), closed model; latencies in ms as the virtual user saw them (p50 / p95 / p99); SMS send timeout "
                + "%d ms; %s. Errors in bold: that slice's round is not used in a ratio.%n%n", phaseLength.toSeconds(),
                SignInSimulation.ROUNDS, SignInSimulation.SLICE.toSeconds(),
                phaseLength.multipliedBy(LoginBenchmark.WARM_UP_PHASES).toSeconds(), BenchmarkEnvironment.SEND_TIMEOUT_MS,
                CpuPinning.describe()));
        out.append(ReportRows.PHASE_HEADER);
        for (int users : LoginBenchmark.USER_COUNTS) {
            for (LoginVariant variant : SignInSimulation.COMPARED) {
                out.append(rows.mergedRow(variant.scenario, users));
            }
        }
        for (StepTimings.Phase phase : timings.all()) {
            if (!phase.name.startsWith("warm-up") && !phase.name.contains(" #")) {
                out.append(rows.phaseRow(phase));
            }
        }
        out.append('\n').append(ReportRows.ROUNDS_HEADER);
        for (int users : LoginBenchmark.USER_COUNTS) {
            out.append(rows.comparisonRows("", users));
        }
        out.append('\n').append(ReportRows.RATIO_HEADER);
        for (int users : LoginBenchmark.USER_COUNTS) {
            StepTimings.Phase b = StepTimings.merged("B", rows.slices(LoginVariant.TOTP.scenario, users));
            StepTimings.Phase c = StepTimings.merged("C", rows.slices(LoginVariant.SMS.scenario, users));
            double overhead = (c.percentileMillis("password", 50) - b.percentileMillis("password", 50))
                    + (c.percentileMillis("second factor", 50) - b.percentileMillis("second factor", 50));
            double sends = ReportRows.sendMillis(rows.slices(LoginVariant.SMS.scenario, users));
            out.append(rowMillis("SMS step time over TOTP at p50 @" + users + " (password step, which sends, + code step)",
                    overhead, ""));
            out.append(rowMillis("  of which the gateway call, mean as Keycloak timed it @" + users, sends, ""));
            out.append(rowMillis("  SMS step server-side overhead @" + users + " (the rest)", overhead - sends, "< 10 ms"));
        }
        StepTimings.Phase solo = StepTimings.merged("A @8", rows.slices(LoginVariant.PASSWORD.scenario, 8));
        StepTimings.Phase besideFast = timings.phase("A @8 beside C, gateway 0 ms");
        StepTimings.Phase besideSlow = timings.phase("A @8 beside C, gateway 1000 ms");
        out.append(row("A beside C @32 with 1000 ms gateway / A @8 alone", besideSlow.loginsPerSecond() / solo.loginsPerSecond(),
                ">= 0.9"));
        out.append(row("A beside C @32 with 1000 ms gateway / A beside C @32 with 0 ms gateway",
                besideSlow.loginsPerSecond() / besideFast.loginsPerSecond(), ">= 1 (latency alone costs A nothing)"));
        out.append(row("errors of C @32 with 1000 ms gateway", timings.phase("C @32, gateway 1000 ms").errors.get(), "0"));
        for (String outage : new String[] {"refusing", "hanging"}) {
            StepTimings.Phase down = timings.phase(outage.equals("refusing") ? "C @8, gateway refuses connections"
                    : "C @8, gateway hangs");
            StepTimings.Phase beside = timings.phase("A @8 beside C, gateway " + outage);
            // The could-not-send page answers the password: what the send adds is the difference to
            // A's password step in the same phase.
            out.append(rowMillis("gateway " + outage + ": wait for the could-not-send page beyond A's password step, p50",
                    down.percentileMillis("password", 50) - beside.percentileMillis("password", 50),
                    "<= " + (BenchmarkEnvironment.SEND_TIMEOUT_MS + 1000) + " ms"));
            out.append(rowMillis("gateway " + outage + ": could-not-send page, slowest", down.percentileMillis("password", 100), ""));
            out.append(row("gateway " + outage + ": A beside / A @8 alone", beside.loginsPerSecond() / solo.loginsPerSecond(), ""));
        }
        StepTimings.Phase spent = timings.phase(LoginBenchmark.BUDGET_SPENT);
        StepTimings.Phase besideSpent = timings.phase("A @8 beside C, budget spent");
        out.append(rowMillis("realm budget spent: the refusal page beyond A's password step, p50",
                spent.percentileMillis("password", 50) - besideSpent.percentileMillis("password", 50), "<= 20 ms"));
        out.append(row("realm budget spent: gateway calls during the phase", environment.budgetGatewayCalls() - 1, "0"));
        long failedProbes = environment.probes.stream().filter(p -> !p.ready()).count();
        out.append(row("readiness probes failed, whole run (of " + environment.probes.size() + ")", failedProbes, "0"));
        return out.toString();
    }
}
