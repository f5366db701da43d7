package io.github.smsotp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's table: per phase completed sign-ins per second, errors, step latencies and
 * readiness, then the ratios the targets are stated in (C/B and C/A per round, SMS overhead at p50,
 * A beside a slow gateway against A alone, time to the could-not-send page against the send
 * timeout, the refusal with the realm's budget spent).
 */
final class BenchmarkReport {

    private final StepTimings timings;
    private final BenchmarkEnvironment environment;
    private final Duration phaseLength;

    BenchmarkReport(StepTimings timings, BenchmarkEnvironment environment, Duration phaseLength) {
        this.timings = timings;
        this.environment = environment;
        this.phaseLength = phaseLength;
    }

    void writeTo(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, markdown());
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Phases of %d s each (A, B and C: %d slices of %d s each, taken in turn), "
                + "closed model; latencies in ms as the virtual user saw them (p50 / p95 / p99); SMS send timeout %d ms. "
                + "Errors in bold: that phase's figures are not used in a ratio.%n%n", phaseLength.toSeconds(),
                LoginBenchmark.ROUNDS, phaseLength.toSeconds() / LoginBenchmark.ROUNDS, BenchmarkEnvironment.SEND_TIMEOUT_MS));
        out.append("| phase | completed | per s | errors | login page p50 | password p50 / p95 / p99 "
                + "| second factor p50 / p95 / p99 | readiness probes failed |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int users : LoginBenchmark.USER_COUNTS) {
            for (LoginVariant variant : LoginBenchmark.COMPARED) {
                List<StepTimings.Phase> slices = slices(variant, users);
                out.append(tableRow(StepTimings.merged(variant.scenario + " @" + users + " (" + slices.size()
                        + " slices)", slices), slices.stream().mapToLong(this::failedProbes).sum()));
            }
        }
        for (StepTimings.Phase phase : timings.all()) {
            if (!phase.name.startsWith("warm-up") && !phase.name.contains(" #")) {
                out.append(tableRow(phase, failedProbes(phase)));
            }
        }
        out.append("\n| ratio | value | target |\n|---|---:|---|\n");
        for (int users : LoginBenchmark.USER_COUNTS) {
            out.append(roundsRow("C/B sign-ins per s @" + users, users, LoginVariant.SMS, LoginVariant.TOTP, ">= 0.95"));
            out.append(roundsRow("C/A sign-ins per s @" + users, users, LoginVariant.SMS, LoginVariant.PASSWORD, ""));
            StepTimings.Phase b = StepTimings.merged("B", slices(LoginVariant.TOTP, users));
            StepTimings.Phase c = StepTimings.merged("C", slices(LoginVariant.SMS, users));
            double overhead = (c.percentileMillis("password", 50) - b.percentileMillis("password", 50))
                    + (c.percentileMillis("second factor", 50) - b.percentileMillis("second factor", 50));
            double sends = sendMillis(slices(LoginVariant.SMS, users));
            out.append(rowMillis("SMS step time over TOTP at p50 @" + users + " (password step, which sends, + code step)",
                    overhead, ""));
            out.append(rowMillis("  of which the gateway call, mean as Keycloak timed it @" + users, sends, ""));
            out.append(rowMillis("  SMS step server-side overhead @" + users + " (the rest)", overhead - sends, "< 10 ms"));
        }
        StepTimings.Phase solo = StepTimings.merged("A @8", slices(LoginVariant.PASSWORD, 8));
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

    private List<StepTimings.Phase> slices(LoginVariant variant, int users) {
        List<StepTimings.Phase> slices = new ArrayList<>();
        for (int round = 1; round <= LoginBenchmark.ROUNDS; round++) {
            slices.add(timings.phase(LoginBenchmark.slice(variant, users, round)));
        }
        return slices;
    }

    /**
     * The ratio of two variants' sign-ins per second in each round: its median and range over the
     * rounds where neither slice had errors; a round with errors is named and left out.
     */
    private String roundsRow(String name, int users, LoginVariant numerator, LoginVariant denominator, String target) {
        List<Double> ratios = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (int round = 1; round <= LoginBenchmark.ROUNDS; round++) {
            StepTimings.Phase top = timings.phase(LoginBenchmark.slice(numerator, users, round));
            StepTimings.Phase bottom = timings.phase(LoginBenchmark.slice(denominator, users, round));
            if (top.errors.get() > 0 || bottom.errors.get() > 0) {
                leftOut.add("round " + round + " (" + (top.errors.get() + bottom.errors.get()) + " errors)");
            } else {
                ratios.add(top.loginsPerSecond() / bottom.loginsPerSecond());
            }
        }
        if (ratios.isEmpty()) {
            return String.format(Locale.ROOT, "| %s | **no round without errors** | %s |%n", name, target);
        }
        Collections.sort(ratios);
        double median = ratios.size() % 2 == 1 ? ratios.get(ratios.size() / 2)
                : (ratios.get(ratios.size() / 2 - 1) + ratios.get(ratios.size() / 2)) / 2;
        String note = leftOut.isEmpty() ? "" : "; left out: " + String.join(", ", leftOut);
        return String.format(Locale.ROOT, "| %s | %.2f (%.2f to %.2f over %d rounds%s) | %s |%n", name, median,
                ratios.get(0), ratios.get(ratios.size() - 1), ratios.size(), note, target);
    }

    /** The mean gateway call of the slices, as Keycloak timed it (NaN: none). */
    private static double sendMillis(List<StepTimings.Phase> slices) {
        double seconds = 0;
        double count = 0;
        for (StepTimings.Phase slice : slices) {
            if (slice.sendsBefore != null && slice.sendsAfter != null) {
                seconds += slice.sendsAfter.seconds() - slice.sendsBefore.seconds();
                count += slice.sendsAfter.count() - slice.sendsBefore.count();
            }
        }
        return count > 0 ? seconds * 1000 / count : Double.NaN;
    }

    private static String tableRow(StepTimings.Phase phase, long failedProbes) {
        String errors = phase.errors.get() > 0 ? "**" + phase.errors.get() + "**" : "0";
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %s | %.1f | %s | %s | %d |%n", phase.name,
                phase.logins.get(), phase.loginsPerSecond(), errors, phase.percentileMillis("login page", 50),
                triple(phase, "password"), triple(phase, "second factor"), failedProbes);
    }

    private static String triple(StepTimings.Phase phase, String step) {
        if (phase.count(step) == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", phase.percentileMillis(step, 50),
                phase.percentileMillis(step, 95), phase.percentileMillis(step, 99));
    }

    private long failedProbes(StepTimings.Phase phase) {
        return environment.probes.stream()
                .filter(p -> p.nanos() >= phase.firstStart.get() && p.nanos() <= phase.lastEnd.get())
                .filter(p -> !p.ready()).count();
    }

    private static String row(String name, double value, String target) {
        return String.format(Locale.ROOT, "| %s | %.2f | %s |%n", name, value, target);
    }

    private static String rowMillis(String name, double millis, String target) {
        return String.format(Locale.ROOT, "| %s | %.1f ms | %s |%n", name, millis, target);
    }
}
