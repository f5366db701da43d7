package io.github.smsotp.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where one sign-in spends CPU that another does not, from JFR's CPU samples
 * ({@code jdk.ExecutionSample}) of each: per method, the samples whose stack holds it (once per sample)
 * and those where it is the running frame, per 1,000 sign-ins. The table lists the methods that C's
 * samples hold and B's (nearly) lack: B's count per sign-in under a tenth of C's.
 */
final class ProfileComparison {

    /** Samples per method, and in all, over a recording's sign-ins. */
    record Samples(Map<String, Long> holding, Map<String, Long> running, long total, long signIns) {

        static Samples of(List<Path> recordings, long signIns) {
            Map<String, Long> holding = new HashMap<>();
            Map<String, Long> running = new HashMap<>();
            long total = 0;
            for (Path recording : recordings) {
                try (RecordingFile file = new RecordingFile(recording)) {
                    while (file.hasMoreEvents()) {
                        RecordedEvent event = file.readEvent();
                        if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                            continue;
                        }
                        total++;
                        List<RecordedFrame> frames = event.getStackTrace().getFrames();
                        Set<String> seen = new HashSet<>();
                        for (RecordedFrame frame : frames) {
                            String method = name(frame);
                            if (seen.add(method)) {
                                holding.merge(method, 1L, Long::sum);
                            }
                        }
                        if (!frames.isEmpty()) {
                            running.merge(name(frames.get(0)), 1L, Long::sum);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new Samples(holding, running, total, signIns);
        }

        double holdingPerThousand(String method) {
            return perThousand(holding.getOrDefault(method, 0L));
        }

        double perThousand(long samples) {
            return signIns == 0 ? Double.NaN : samples * 1000.0 / signIns;
        }

        private static String name(RecordedFrame frame) {
            return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
        }
    }

    private ProfileComparison() {
    }

    /** The {@code top} methods C's samples hold and B's lack, most samples first. */
    static String markdown(Samples c, Samples b, int top) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "CPU samples: C %d over %d sign-ins "
                + "(%.0f per 1,000), B %d over %d (%.0f per 1,000).%n%n", c.total(), c.signIns(),
                c.perThousand(c.total()), b.total(), b.signIns(), b.perThousand(b.total())));
        out.append("| method (C holds it, B does not) | samples holding it per 1,000 C sign-ins | share of C's samples "
                + "| running in it, share of C's | B, per 1,000 sign-ins |\n|---|---:|---:|---:|---:|\n");
        c.holding().keySet().stream()
                .filter(method -> b.holdingPerThousand(method) < c.holdingPerThousand(method) / 10)
                .sorted(Comparator.comparingLong((String method) -> c.holding().get(method)).reversed())
                .limit(top)
                .forEach(method -> out.append(String.format(Locale.ROOT, "| `%s` | %.0f | %.1f %% | %.1f %% | %.0f |%n",
                        method, c.holdingPerThousand(method), 100.0 * c.holding().get(method) / c.total(),
                        100.0 * c.running().getOrDefault(method, 0L) / c.total(), b.holdingPerThousand(method))));
        return out.toString();
    }
}
