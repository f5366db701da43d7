package io.github.smsotp.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What each phase of the benchmark measured: per step (login page, password, second factor) the
 * time from request to response as the virtual user saw it, completed logins, errors, and the
 * phase's wall-clock span (first start to last end).
 */
final class StepTimings {

    /** One phase, for example "C @32 (gateway 0 ms)". */
    static final class Phase {
        final String name;
        final Map<String, ConcurrentLinkedQueue<Long>> micros = new ConcurrentHashMap<>();
        final AtomicInteger logins = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger readinessFailures = new AtomicInteger();
        final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);
        /** Keycloak's own counters, read before and after the phase. */
        volatile ServerCounters before;
        volatile ServerCounters after;
        /** Set on a phase merged from slices that ran apart: the slices' spans added up. */
        private double mergedSeconds;

        Phase(String name) {
            this.name = name;
        }

        void started(long nanos) {
            firstStart.accumulateAndGet(nanos, Math::min);
        }

        void step(String step, long startNanos, long endNanos) {
            micros.computeIfAbsent(step, s -> new ConcurrentLinkedQueue<>()).add((endNanos - startNanos) / 1_000);
            lastEnd.accumulateAndGet(endNanos, Math::max);
        }

        /** Seconds from the first sign-in's start to the last step's end; for a merged phase, its parts' sum. */
        double seconds() {
            return mergedSeconds > 0 ? mergedSeconds : Math.max(0, (lastEnd.get() - firstStart.get()) / 1e9);
        }

        /** Completed logins per second over the phase's span. */
        double loginsPerSecond() {
            double seconds = seconds();
            return seconds > 0 ? logins.get() / seconds : 0;
        }

        /** The p-th percentile of a step in milliseconds, or NaN when the step never ran. */
        double percentileMillis(String step, double p) {
            List<Long> values = new ArrayList<>(micros.getOrDefault(step, new ConcurrentLinkedQueue<>()));
            if (values.isEmpty()) {
                return Double.NaN;
            }
            Collections.sort(values);
            int index = (int) Math.ceil(p / 100.0 * values.size()) - 1;
            return values.get(Math.max(0, index)) / 1000.0;
        }

        /** What Keycloak counted during the phase; null where it was not read at both ends. */
        ServerCounters counted() {
            return before == null || after == null ? null : after.minus(before);
        }

        int count(String step) {
            return micros.getOrDefault(step, new ConcurrentLinkedQueue<>()).size();
        }
    }

    private final Map<String, Phase> phases = Collections.synchronizedMap(new LinkedHashMap<>());

    /** The slices of one variant as one phase: their samples, sign-ins and errors, over their time in all. */
    static Phase merged(String name, List<Phase> slices) {
        Phase all = new Phase(name);
        for (Phase slice : slices) {
            slice.micros.forEach((step, values) -> all.micros.computeIfAbsent(step, s -> new ConcurrentLinkedQueue<>())
                    .addAll(values));
            all.logins.addAndGet(slice.logins.get());
            all.errors.addAndGet(slice.errors.get());
            all.firstStart.accumulateAndGet(slice.firstStart.get(), Math::min);
            all.lastEnd.accumulateAndGet(slice.lastEnd.get(), Math::max);
            all.mergedSeconds += slice.seconds();
        }
        return all;
    }

    Phase phase(String name) {
        return phases.computeIfAbsent(name, Phase::new);
    }

    List<Phase> all() {
        synchronized (phases) {
            return List.copyOf(phases.values());
        }
    }
}
