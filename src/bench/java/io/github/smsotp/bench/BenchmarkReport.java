package io.github.smsotp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The benchmark's table: per phase completed sign-ins per second, errors, step latencies and
 * readiness, then the ratios the targets are stated in (C/B, C/A, SMS overhead at p50, A beside a
 * slow gateway against A alone, time to the could-not-send page against the send timeout).
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
        out.append(String.format(Locale.ROOT, "Phases of %d s each, closed model; latencies in ms as the virtual user "
                + "saw them (p50 / p95 / p99); SMS send timeout %d ms.%n%n", phaseLength.toSeconds(),
                BenchmarkEnvironment.SEND_TIMEOUT_MS));
        out.append("| phase | completed | per s | errors | login page p50 | password p50 / p95 / p99 "
                + "| second factor p50 / p95 / p99 | readiness probes failed |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (StepTimings.Phase phase : timings.all()) {
            if (phase.name.startsWith("warm-up")) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %d | %.1f | %s | %s | %s |%n", phase.name,
                    phase.logins.get(), phase.loginsPerSecond(), phase.errors.get(),
                    phase.percentileMillis("login page", 50), triple(phase, "password"), triple(phase, "second factor"),
                    readiness(phase)));
        }
        out.append("\n| ratio | value | target |\n|---|---:|---|\n");
        for (int users : new int[] {8, 16, 32}) {
            StepTimings.Phase a = timings.phase("A @" + users);
            StepTimings.Phase b = timings.phase("B @" + users);
            StepTimings.Phase c = timings.phase("C @" + users);
            out.append(row("C/B sign-ins per s @" + users, c.loginsPerSecond() / b.loginsPerSecond(), ">= 0.95"));
            out.append(row("C/A sign-ins per s @" + users, c.loginsPerSecond() / a.loginsPerSecond(), ""));
            double overhead = (c.percentileMillis("password", 50) - b.percentileMillis("password", 50))
                    + (c.percentileMillis("second factor", 50) - b.percentileMillis("second factor", 50));
            out.append(rowMillis("SMS step time over TOTP at p50 @" + users + " (password step, which sends, + code step)",
                    overhead, ""));
            out.append(rowMillis("  of which the gateway call, mean as Keycloak timed it @" + users, c.meanSendMillis(), ""));
            out.append(rowMillis("  SMS step server-side overhead @" + users + " (the rest)",
                    overhead - c.meanSendMillis(), "< 10 ms"));
        }
        StepTimings.Phase solo = timings.phase("A @8 solo");
        StepTimings.Phase besideFast = timings.phase("A @8 beside C, gateway 0 ms");
        StepTimings.Phase besideSlow = timings.phase("A @8 beside C, gateway 1000 ms");
        out.append(row("A beside C @32 with 1000 ms gateway / A solo", besideSlow.loginsPerSecond() / solo.loginsPerSecond(),
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
            out.append(row("gateway " + outage + ": A beside / A solo", beside.loginsPerSecond() / solo.loginsPerSecond(), ""));
        }
        long failedProbes = environment.probes.stream().filter(p -> !p.ready()).count();
        out.append(row("readiness probes failed, whole run (of " + environment.probes.size() + ")", failedProbes, "0"));
        return out.toString();
    }

    private static String triple(StepTimings.Phase phase, String step) {
        if (phase.count(step) == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", phase.percentileMillis(step, 50),
                phase.percentileMillis(step, 95), phase.percentileMillis(step, 99));
    }

    private String readiness(StepTimings.Phase phase) {
        long failed = environment.probes.stream()
                .filter(p -> p.nanos() >= phase.firstStart.get() && p.nanos() <= phase.lastEnd.get())
                .filter(p -> !p.ready()).count();
        return Long.toString(failed);
    }

    private static String row(String name, double value, String target) {
        return String.format(Locale.ROOT, "| %s | %.2f | %s |%n", name, value, target);
    }

    private static String rowMillis(String name, double millis, String target) {
        return String.format(Locale.ROOT, "| %s | %.1f ms | %s |%n", name, millis, target);
    }
}
