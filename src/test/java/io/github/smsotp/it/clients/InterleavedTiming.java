package io.github.smsotp.it.clients;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * Times two kinds of request alike: a few rounds first that are not measured (the first requests
 * compile templates and fill caches), then rounds that interleave the two, so that the machine's
 * load falls on both alike. Each function runs round {@code i} and returns its milliseconds.
 */
public final class InterleavedTiming {

    private InterleavedTiming() {
    }

    public static Result run(int warmUps, int rounds, IntToLongFunction first, IntToLongFunction second) {
        for (int i = 0; i < warmUps; i++) {
            first.applyAsLong(i);
            second.applyAsLong(i);
        }
        List<Long> firstMillis = new ArrayList<>();
        List<Long> secondMillis = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            firstMillis.add(first.applyAsLong(warmUps + i));
            secondMillis.add(second.applyAsLong(warmUps + i));
        }
        return new Result(firstMillis, secondMillis);
    }

    /** The milliseconds of each kind, round by round. */
    public record Result(List<Long> first, List<Long> second) {

        public long firstPercentile(int percent) {
            return percentile(first, percent);
        }

        public long secondPercentile(int percent) {
            return percentile(second, percent);
        }

        private static long percentile(List<Long> values, int percent) {
            List<Long> sorted = values.stream().sorted().toList();
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
        }
    }
}
