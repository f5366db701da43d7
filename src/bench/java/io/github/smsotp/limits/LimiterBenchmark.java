package io.github.smsotp.limits;

import java.time.Duration;
import java.util.HashSet;
import java.util.concurrent.TimeUnit;

import io.github.smsotp.TestClock;
import io.github.smsotp.limits.SlotCounter.Claim;
import io.github.smsotp.limits.SlotCounter.Claimed;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The send limiter alone: sends per second on a 1,000-per-hour budget held at a steady fill, on a
 * store with the semantics of Keycloak's (puts at the request's end, putIfAbsent and remove at once).
 * Each send is one request that claims and confirms a slot; the test clock moves on by just enough
 * that, once the window is full of past sends, {@code fill} percent of the budget is taken. At 100 the
 * budget is spent and every send is refused: the refusal path. Read the figures as ratios to fill 0.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LimiterBenchmark {

    private static final int BUDGET = 1000;
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final String KEY = "sms-otp:realm:realm-sends:realm";

    @Param({"0", "50", "90", "99", "100"})
    public int fill;

    private TestClock clock;
    private InMemorySingleUseStore store;
    private Duration between;

    @Setup
    public void fillTheWindow() {
        clock = new TestClock();
        store = new InMemorySingleUseStore(clock);
        // The sends of the last WINDOW are counted: fill percent of the budget, once two windows have passed.
        if (fill == 100) {
            between = Duration.ZERO;
        } else {
            between = fill == 0 ? WINDOW.plusSeconds(1) : WINDOW.dividedBy(BUDGET * fill / 100);
        }
        for (int i = 0; i < 2 * BUDGET; i++) {
            send();
        }
    }

    @Benchmark
    public Claim send() {
        Claim claim = store.request(() -> {
            SlotCounter counter = new SlotCounter(store, clock, new HashSet<>());
            Claim result = counter.tryClaim(KEY, BUDGET, WINDOW);
            if (result instanceof Claimed claimed) {
                counter.confirm(claimed);
            }
            return result;
        });
        clock.advance(between);
        return claim;
    }
}
