package io.github.smsotp.bench;

import static io.github.smsotp.bench.ReportRows.row;
import static io.github.smsotp.bench.ReportRows.rowMillis;

import java.time.Duration;
import java.util.List;
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
        out.append(String.format(Locale.ROOT, "One node. Phases of %d s each (A, B and C, and A alone and beside C "
                + "with its gateway in trouble: %d slices of %d s each, taken in turn, after a warm-up of %d s), closed "
                + "model; latencies in ms as the virtual user saw them (p50 / p95 / p99); SMS send timeout %d ms; "
                + "Keycloak's heap %s; %s. Errors in bold: that slice's round is not used in a ratio.%n%n",
                phaseLength.toSeconds(), SignInSimulation.ROUNDS, SignInSimulation.SLICE.toSeconds(),
                phaseLength.multipliedBy(LoginBenchmark.WARM_UP_PHASES).toSeconds(), BenchmarkEnvironment.SEND_TIMEOUT_MS,
                BenchmarkEnvironment.HEAP, CpuPinning.describe()));
        out.append(ReportRows.PHASE_HEADER);
        for (int users : LoginBenchmark.USER_COUNTS) {
            for (LoginVariant variant : SignInSimulation.COMPARED) {
                out.append(rows.mergedRow(variant.scenario, users));
            }
        }
        out.append(rows.mergedRow(LoginBenchmark.ALONE, 8));
        for (LoginBenchmark.Trouble trouble : LoginBenchmark.TROUBLES) {
            out.append(rows.mergedRow(trouble.label(), trouble.users())).append(rows.mergedRow(trouble.beside(), 8));
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
        String slow = LoginBenchmark.SLOW.beside();
        out.append(rows.roundsRow("A beside C @32 with 1000 ms gateway / A @8 alone", 8, slow, LoginBenchmark.ALONE,
                ReportRows::throughput, ">= 0.9"));
        // The fast gateway's side on top, as in every other ratio the one expected to be smaller: the
        // ratio stays below 1, where a run-to-run tolerance of ±0.05 means the same as for the others.
        out.append(rows.roundsRow("A beside C @32 with 0 ms gateway / A beside C @32 with 1000 ms gateway", 8,
                LoginBenchmark.FAST.beside(), slow, ReportRows::throughput, "<= 1 (latency alone costs A nothing)"));
        for (LoginBenchmark.Trouble outage : List.of(LoginBenchmark.REFUSING, LoginBenchmark.HANGING)) {
            out.append(rows.roundsRow(outage.gateway() + ": A beside / A @8 alone", 8, outage.beside(),
                    LoginBenchmark.ALONE, ReportRows::throughput, ""));
        }
        out.append('\n').append(ReportRows.RATIO_HEADER);
        for (int users : LoginBenchmark.USER_COUNTS) {
            StepTimings.Phase b = merged(LoginVariant.TOTP.scenario, users);
            StepTimings.Phase c = merged(LoginVariant.SMS.scenario, users);
            double overhead = (c.percentileMillis("password", 50) - b.percentileMillis("password", 50))
                    + (c.percentileMillis("second factor", 50) - b.percentileMillis("second factor", 50));
            double sends = ReportRows.sendMillis(rows.slices(LoginVariant.SMS.scenario, users));
            out.append(rowMillis("SMS step time over TOTP at p50 @" + users + " (password step, which sends, + code step)",
                    overhead, ""));
            out.append(rowMillis("  of which the gateway call, mean as Keycloak timed it @" + users, sends, ""));
            out.append(rowMillis("  SMS step server-side overhead @" + users + " (the rest)", overhead - sends, "< 10 ms"));
        }
        out.append(row("errors of C @32 with 1000 ms gateway", merged(LoginBenchmark.SLOW.label(), 32).errors.get(), "0"));
        for (LoginBenchmark.Trouble outage : List.of(LoginBenchmark.REFUSING, LoginBenchmark.HANGING)) {
            StepTimings.Phase down = merged(outage.label(), outage.users());
            StepTimings.Phase beside = merged(outage.beside(), 8);
            // The code page answers the password before the send: what C's step adds is the difference to
            // A's password step in the same slices. "Could not send" follows on the open page.
            out.append(rowMillis(outage.gateway() + ": the code page beyond A's password step, p50",
                    down.percentileMillis("password", 50) - beside.percentileMillis("password", 50), "<= 30 ms"));
            out.append(rowMillis(outage.gateway() + ": then \"could not send\" on the open page, p50",
                    down.percentileMillis("could not send", 50),
                    "<= " + (BenchmarkEnvironment.SEND_TIMEOUT_MS + 1000) + " ms"));
            out.append(rowMillis(outage.gateway() + ": \"could not send\", slowest",
                    down.percentileMillis("could not send", 100), ""));
        }
        StepTimings.Phase spent = timings.phase(LoginBenchmark.BUDGET_SPENT);
        StepTimings.Phase besideSpent = timings.phase("A @8 beside C, budget spent");
        out.append(rowMillis("realm budget spent: the refusal page beyond A's password step, p50",
                spent.percentileMillis("password", 50) - besideSpent.percentileMillis("password", 50), "<= 20 ms"));
        out.append(row("realm budget spent: gateway calls during the phase", environment.budgetGatewayCalls() - 1, "0"));
        long failedProbes = environment.probes.stream().filter(p -> !p.ready()).count();
        out.append(row("readiness probes failed, whole run (of " + environment.probes.size() + ", 1 s timeout each)",
                failedProbes, ""));
        out.append(row("readiness probes failed in a row, most", mostFailedInARow(),
                "< 3 (Kubernetes' default failureThreshold: the pod stays ready)"));
        return out.toString();
    }

    /** The longest run of failed readiness probes, in the order they were taken. */
    private long mostFailedInARow() {
        long most = 0;
        long run = 0;
        for (BenchmarkEnvironment.Probe probe : environment.probes) {
            run = probe.ready() ? 0 : run + 1;
            most = Math.max(most, run);
        }
        return most;
    }

    /** A contender's slices at {@code users} as one phase. */
    private StepTimings.Phase merged(String label, int users) {
        return StepTimings.merged(label, rows.slices(label, users));
    }
}
