package io.github.smsotp.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.limits.SendLimiter.Allowed;
import io.github.smsotp.limits.SendLimiter.Limit;
import io.github.smsotp.limits.SendLimiter.Refused;
import io.github.smsotp.TestClock;
import org.junit.jupiter.api.Test;

class LimitsTest {

    private final TestClock clock = new TestClock();
    private final InMemorySingleUseStore store = new InMemorySingleUseStore(clock);
    private final SlotCounter counter = new SlotCounter(store, clock);
    private final SendLimiter limiter = new SendLimiter(counter);
    private final FailureGuard guard = new FailureGuard(store, counter, clock);

    @Test
    void defaultsFollowTheAnchors() {
        LimitPolicy policy = LimitPolicy.from(ConfigReader.of(null));

        assertThat(policy).isEqualTo(new LimitPolicy(10, 5, 30, 1000, 10, Duration.ofHours(1),
                Duration.ofMinutes(15)));
    }

    @Test
    void aCounterAllowsItsLimitInAnyWindow() {
        Duration window = Duration.ofMinutes(10);
        for (int i = 0; i < 5; i++) {
            assertThat(counter.tryClaim("k", 5, window)).isPresent();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(counter.tryClaim("k", 5, window)).isEmpty();
        // The first claim was 5 minutes ago: it frees 5 minutes from now.
        assertThat(counter.nextFree("k", 5, window)).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));

        clock.advance(Duration.ofMinutes(5));
        assertThat(counter.tryClaim("k", 5, window)).isPresent();
        assertThat(counter.tryClaim("k", 5, window)).isEmpty();
    }

    @Test
    void concurrentClaimsNeverExceedTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Boolean>> claims = IntStream.range(0, 200)
                    .<Callable<Boolean>>mapToObj(i -> () -> counter.tryClaim("race", 7, Duration.ofHours(1)).isPresent())
                    .toList();
            long granted = 0;
            for (Future<Boolean> result : pool.invokeAll(claims)) {
                granted += result.get() ? 1 : 0;
            }
            assertThat(granted).isEqualTo(7);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eachSendLimitRefusesWithItsNameAndGivesBackWhatItClaimed() {
        LimitPolicy policy = new LimitPolicy(2, 3, 3, 5, 0, Duration.ofHours(1), Duration.ofMinutes(15));

        assertThat(limiter.trySend(policy, "r", "u1", "+1", "ip1")).isInstanceOf(Allowed.class);
        assertThat(limiter.trySend(policy, "r", "u1", "+1", "ip1")).isInstanceOf(Allowed.class);
        assertThat(refusal(limiter.trySend(policy, "r", "u1", "+2", "ip2"))).isEqualTo(Limit.USER);
        assertThat(limiter.trySend(policy, "r", "u2", "+1", "ip2")).isInstanceOf(Allowed.class);
        assertThat(refusal(limiter.trySend(policy, "r", "u3", "+1", "ip3"))).isEqualTo(Limit.NUMBER);
        assertThat(limiter.trySend(policy, "r", "u4", "+4", "ip2")).isInstanceOf(Allowed.class);
        assertThat(limiter.trySend(policy, "r", "u5", "+5", "ip2")).isInstanceOf(Allowed.class);
        assertThat(refusal(limiter.trySend(policy, "r", "u6", "+6", "ip2"))).isEqualTo(Limit.IP);
        assertThat(refusal(limiter.trySend(policy, "r", "u7", "+7", "ip7"))).isEqualTo(Limit.REALM);
        // Another realm has its own counters.
        assertThat(limiter.trySend(policy, "other", "u1", "+1", "ip1")).isInstanceOf(Allowed.class);
    }

    @Test
    void aRefusalTellsWhenTheLimitFrees() {
        LimitPolicy policy = new LimitPolicy(1, 0, 0, 0, 0, Duration.ofHours(1), Duration.ofMinutes(15));
        limiter.trySend(policy, "r", "u", "+1", "ip");
        clock.advance(Duration.ofMinutes(20));

        Refused refused = (Refused) limiter.trySend(policy, "r", "u", "+1", "ip");
        assertThat(refused.retryAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(40)));
    }

    @Test
    void zeroSwitchesALimitOff() {
        LimitPolicy policy = new LimitPolicy(0, 0, 0, 0, 0, Duration.ofHours(1), Duration.ofMinutes(15));
        for (int i = 0; i < 50; i++) {
            assertThat(limiter.trySend(policy, "r", "u", "+1", "ip")).isInstanceOf(Allowed.class);
        }
        assertThat(store.size()).isZero();
    }

    @Test
    void consecutiveFailuresLockAndOnlyASuccessResets() {
        LimitPolicy policy = new LimitPolicy(0, 0, 0, 0, 3, Duration.ofHours(1), Duration.ofMinutes(15));

        assertThat(guard.recordFailure(policy, "r", "u")).isFalse();
        assertThat(guard.recordFailure(policy, "r", "u")).isFalse();
        guard.recordSuccess(policy, "r", "u");
        assertThat(guard.recordFailure(policy, "r", "u")).isFalse();
        assertThat(guard.recordFailure(policy, "r", "u")).isFalse();
        assertThat(guard.lockedUntil(policy, "r", "u")).isEmpty();
        assertThat(guard.recordFailure(policy, "r", "u")).isTrue();
        assertThat(guard.lockedUntil(policy, "r", "u")).contains(clock.instant().plus(Duration.ofMinutes(15)));

        clock.advance(Duration.ofMinutes(15));
        assertThat(guard.lockedUntil(policy, "r", "u")).isEmpty();
    }

    @Test
    void failuresOutsideTheWindowAreForgotten() {
        LimitPolicy policy = new LimitPolicy(0, 0, 0, 0, 2, Duration.ofMinutes(10), Duration.ofMinutes(15));

        guard.recordFailure(policy, "r", "u");
        clock.advance(Duration.ofMinutes(11));
        assertThat(guard.recordFailure(policy, "r", "u")).isFalse();
    }

    @Test
    void storeKeysAreNamespacedByRealmAndHoldNoNumber() {
        assertThat(LimitKeys.of("realm-1", "number-sends", "+12015550123"))
                .startsWith("sms-otp:realm-1:number-sends:").doesNotContain("2015550123");
    }

    private static Limit refusal(SendLimiter.Decision decision) {
        assertThat(decision).isInstanceOf(Refused.class);
        return ((Refused) decision).limit();
    }
}
