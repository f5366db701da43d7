package io.github.smsotp.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;

/**
 * The rows both benchmark reports are made of: a phase's sign-ins and step latencies, the ratio of
 * two variants over the rounds, and what Keycloak counted per sign-in.
 */
final class ReportRows {

    static final String PHASE_HEADER = "| phase | completed | per s | errors | login page p50 | password p50 / p95 / p99 "
            + "| second factor p50 / p95 / p99 | single-use store per sign-in (reads / writes / removes) "
            + "| Keycloak CPU per sign-in, ms | Keycloak's cores busy | JIT compiler's part of that CPU |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    static final String RATIO_HEADER = "| ratio | value | target |\n|---|---:|---|\n";
    static final String ROUNDS_HEADER = "| ratio | median (range) | round by round | target |\n|---|---:|---|---|\n";

    private final StepTimings timings;

    ReportRows(StepTimings timings) {
        this.timings = timings;
    }

    /** The slices of one contender (by its label) at {@code users}, round by round. */
    List<StepTimings.Phase> slices(String label, int users) {
        List<StepTimings.Phase> slices = new ArrayList<>();
        for (int round = 1; round <= SignInSimulation.ROUNDS; round++) {
            slices.add(timings.phase(SignInSimulation.slice(label, users, round)));
        }
        return slices;
    }

    /** A contender's slices at {@code users} as one row. */
    String mergedRow(String label, int users) {
        List<StepTimings.Phase> slices = slices(label, users);
        return phaseRow(StepTimings.merged(label + " @" + users + " (" + slices.size() + " slices)", slices),
                counted(slices));
    }

    String phaseRow(StepTimings.Phase phase) {
        return phaseRow(phase, phase.counted());
    }

    private static String phaseRow(StepTimings.Phase phase, ServerCounters counted) {
        String errors = phase.errors.get() > 0 ? "**" + phase.errors.get() + "**" : "0";
        int logins = phase.logins.get();
        boolean known = counted != null && logins > 0;
        String store = known ? String.format(Locale.ROOT, "%.1f / %.1f / %.1f", counted.storeReads() / logins,
                counted.storeWrites() / logins, counted.storeRemoves() / logins) : "-";
        String cpu = known ? String.format(Locale.ROOT, "%.2f", counted.cpuSeconds() * 1000 / logins) : "-";
        String busy = known ? String.format(Locale.ROOT, "%.2f", counted.cpuSeconds() / phase.seconds()) : "-";
        String compiler = known && !Double.isNaN(counted.compilerSeconds())
                ? String.format(Locale.ROOT, "%.0f %%", 100 * counted.compilerSeconds() / counted.cpuSeconds()) : "-";
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %s | %.1f | %s | %s | %s | %s | %s | %s |%n", phase.name,
                logins, phase.loginsPerSecond(), errors, phase.percentileMillis("login page", 50),
                triple(phase, "password"), triple(phase, "second factor"), store, cpu, busy, compiler);
    }

    /** Sign-ins per second: what users get, latency included. */
    static double throughput(StepTimings.Phase phase) {
        return phase.loginsPerSecond();
    }

    /** Sign-ins per second of Keycloak's CPU: what a core can take, whatever the waits. */
    private static double capacity(StepTimings.Phase phase) {
        ServerCounters counted = phase.counted();
        return counted == null ? Double.NaN : phase.logins.get() / counted.cpuSeconds();
    }

    /**
     * The ratio of two contenders' {@code measure} (by their labels) in each round: its median and
     * range over the rounds where neither slice had errors, and every round's own value in order (a
     * round with errors shows their count instead, and is left out), so that a disturbed slice shows.
     */
    String roundsRow(String name, int users, String numerator, String denominator,
                     ToDoubleFunction<StepTimings.Phase> measure, String target) {
        return byRound(name, users, numerator, denominator,
                (top, bottom) -> measure.applyAsDouble(top) / measure.applyAsDouble(bottom), "%.2f", target);
    }

    /**
     * As {@link #roundsRow}, the difference of two contenders' {@code step} at p50 in each round, in ms:
     * what one contender's step takes beyond the other's.
     */
    String differenceRow(String name, int users, String minuend, String subtrahend, String step, String target) {
        return byRound(name, users, minuend, subtrahend, (top, bottom) -> top.percentileMillis(step, 50)
                - bottom.percentileMillis(step, 50), "%.1f", target);
    }

    private String byRound(String name, int users, String top, String bottom,
                           ToDoubleBiFunction<StepTimings.Phase, StepTimings.Phase> compare, String format, String target) {
        List<Double> values = new ArrayList<>();
        List<String> byRound = new ArrayList<>();
        for (int round = 1; round <= SignInSimulation.ROUNDS; round++) {
            StepTimings.Phase first = timings.phase(SignInSimulation.slice(top, users, round));
            StepTimings.Phase second = timings.phase(SignInSimulation.slice(bottom, users, round));
            if (first.errors.get() > 0 || second.errors.get() > 0) {
                byRound.add("**" + (first.errors.get() + second.errors.get()) + " errors**");
            } else {
                double value = compare.applyAsDouble(first, second);
                values.add(value);
                byRound.add(String.format(Locale.ROOT, format, value));
            }
        }
        if (values.isEmpty()) {
            return String.format(Locale.ROOT, "| %s | **no round without errors** | %s | %s |%n", name,
                    String.join(" ", byRound), target);
        }
        Collections.sort(values);
        double median = values.size() % 2 == 1 ? values.get(values.size() / 2)
                : (values.get(values.size() / 2 - 1) + values.get(values.size() / 2)) / 2;
        String spread = String.format(Locale.ROOT, format + " (" + format + " to " + format + " over %d rounds)", median,
                values.get(0), values.get(values.size() - 1), values.size());
        return String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", name, spread, String.join(" ", byRound), target);
    }

    /**
     * C against B and A at {@code users}, round by round: sign-ins per second (the target's measure,
     * latency included), and sign-ins per second of Keycloak's CPU (what a core can take).
     */
    String comparisonRows(String prefix, int users) {
        String a = LoginVariant.PASSWORD.scenario;
        String b = LoginVariant.TOTP.scenario;
        String c = LoginVariant.SMS.scenario;
        return roundsRow(prefix + "C/B sign-ins per s @" + users, users, c, b, ReportRows::throughput, ">= 0.95")
                + roundsRow(prefix + "C/A sign-ins per s @" + users, users, c, a, ReportRows::throughput, "")
                + roundsRow(prefix + "C/B sign-ins per Keycloak CPU second @" + users, users, c, b,
                ReportRows::capacity, "");
    }

    /** What Keycloak counted over the slices in all; null where a slice was not counted. */
    static ServerCounters counted(List<StepTimings.Phase> slices) {
        ServerCounters total = ServerCounters.NONE;
        for (StepTimings.Phase slice : slices) {
            ServerCounters counted = slice.counted();
            if (counted == null) {
                return null;
            }
            total = total.plus(counted);
        }
        return total;
    }

    /** The mean gateway call of the slices, as Keycloak timed it (NaN: none). */
    static double sendMillis(List<StepTimings.Phase> slices) {
        ServerCounters counted = counted(slices);
        return counted == null || counted.sends() == 0 ? Double.NaN : counted.sendSeconds() * 1000 / counted.sends();
    }

    private static String triple(StepTimings.Phase phase, String step) {
        if (phase.count(step) == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", phase.percentileMillis(step, 50),
                phase.percentileMillis(step, 95), phase.percentileMillis(step, 99));
    }

    static String row(String name, double value, String target) {
        return String.format(Locale.ROOT, "| %s | %.2f | %s |%n", name, value, target);
    }

    static String rowMillis(String name, double millis, String target) {
        return String.format(Locale.ROOT, "| %s | %.1f ms | %s |%n", name, millis, target);
    }
}
