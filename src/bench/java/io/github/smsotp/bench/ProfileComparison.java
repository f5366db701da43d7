package io.github.smsotp.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
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

    /** The extension's own code: a sample whose stack holds one of its frames is CPU the SMS step spends. */
    private static final String EXTENSION = "io.github.smsotp.";

    /**
     * Samples per method, and in all, over a recording's sign-ins.
     *
     * @param holding     samples whose stack holds the method
     * @param running     samples running in the method (its top frame)
     * @param inExtension of the samples whose stack holds a frame of the extension, those running in each method
     */
    record Samples(Map<String, Long> holding, Map<String, Long> running, Map<String, Long> inExtension, long total,
                   long signIns) {

        static Samples of(List<Path> recordings, long signIns) {
            Map<String, Long> holding = new HashMap<>();
            Map<String, Long> running = new HashMap<>();
            Map<String, Long> inExtension = new HashMap<>();
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
                            if (seen.stream().anyMatch(method -> method.startsWith(EXTENSION))) {
                                inExtension.merge(name(frames.get(0)), 1L, Long::sum);
                            }
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new Samples(holding, running, inExtension, total, signIns);
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
        long inExtension = c.inExtension().values().stream().mapToLong(Long::longValue).sum();
        out.append(String.format(Locale.ROOT, "%nWhere the extension's part goes: of C's samples, %d (%.1f %%) hold a frame of "
                + "the extension; the methods they were running in:%n%n| running in | share of C's samples |%n|---|---:|%n",
                inExtension, 100.0 * inExtension / c.total()));
        c.inExtension().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(leaf -> out.append(String.format(Locale.ROOT, "| `%s` | %.1f %% |%n", leaf.getKey(),
                        100.0 * leaf.getValue() / c.total())));
        return out.toString();
    }

    /**
     * Reads recordings again: {@code <C's files, comma-separated> <C's sign-ins> <B's files> <B's sign-ins>},
     * e.g. those the cluster benchmark left in target/benchmark/jfr/.
     */
    public static void main(String[] args) {
        System.out.print(markdown(Samples.of(Arrays.stream(args[0].split(",")).map(Path::of).toList(),
                        Long.parseLong(args[1])),
                Samples.of(Arrays.stream(args[2].split(",")).map(Path::of).toList(), Long.parseLong(args[3])), 25));
    }
}
