package io.github.smsotp.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
            assertThat(claim("k", 5, window)).isPresent();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(claim("k", 5, window)).isEmpty();
        // The first claim was 5 minutes ago: it frees 5 minutes from now.
        assertThat(store.request(() -> counter.nextFree("k", 5, window)))
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));

        clock.advance(Duration.ofMinutes(5));
        assertThat(claim("k", 5, window)).isPresent();
        assertThat(claim("k", 5, window)).isEmpty();
    }

    @Test
    void aReleasedSlotStaysFreeAfterTheRequestCommits() {
        store.run(() -> counter.release(counter.tryClaim("k", 1, Duration.ofHours(1)).orElseThrow()));

        assertThat(store.request(() -> counter.count("k", 1))).isZero();
        assertThat(claim("k", 1, Duration.ofHours(1))).isPresent();
    }

    @Test
    void aSendRefusedByALaterLimitLeavesTheEarlierCountsAsTheyWere() {
        // Seen from outside: 3 per user, 1 per address; logins 2 and 3 refused by the address limit.
        LimitPolicy strict = new LimitPolicy(3, 0, 1, 0, 0, Duration.ofHours(1), Duration.ofMinutes(15));
        assertThat(send(strict, "u", "+1", "ip")).isInstanceOf(Allowed.class);
        assertThat(refusal(send(strict, "u", "+1", "ip"))).isEqualTo(Limit.IP);
        assertThat(refusal(send(strict, "u", "+1", "ip"))).isEqualTo(Limit.IP);

        // The admin raises the address limit: the user has had one SMS of three, not three.
        LimitPolicy relaxed = new LimitPolicy(3, 0, 100, 0, 0, Duration.ofHours(1), Duration.ofMinutes(15));
        assertThat(send(relaxed, "u", "+1", "ip")).isInstanceOf(Allowed.class);
        assertThat(send(relaxed, "u", "+1", "ip")).isInstanceOf(Allowed.class);
        assertThat(refusal(send(relaxed, "u", "+1", "ip"))).isEqualTo(Limit.USER);
    }

    @Test
    void concurrentClaimsNeverExceedTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Boolean>> claims = IntStream.range(0, 200)
                    .<Callable<Boolean>>mapToObj(i -> () -> claim("race", 7, Duration.ofHours(1)).isPresent())
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

        assertThat(send(policy, "r", "u1", "+1", "ip1")).isInstanceOf(Allowed.class);
        assertThat(send(policy, "r", "u1", "+1", "ip1")).isInstanceOf(Allowed.class);
        assertThat(refusal(send(policy, "r", "u1", "+2", "ip2"))).isEqualTo(Limit.USER);
        assertThat(send(policy, "r", "u2", "+1", "ip2")).isInstanceOf(Allowed.class);
        assertThat(refusal(send(policy, "r", "u3", "+1", "ip3"))).isEqualTo(Limit.NUMBER);
        assertThat(send(policy, "r", "u4", "+4", "ip2")).isInstanceOf(Allowed.class);
        assertThat(send(policy, "r", "u5", "+5", "ip2")).isInstanceOf(Allowed.class);
        assertThat(refusal(send(policy, "r", "u6", "+6", "ip2"))).isEqualTo(Limit.IP);
        assertThat(refusal(send(policy, "r", "u7", "+7", "ip7"))).isEqualTo(Limit.REALM);
        // Another realm has its own counters.
        assertThat(send(policy, "other", "u1", "+1", "ip1")).isInstanceOf(Allowed.class);
    }

    @Test
    void ipv6ClientsCountPerSlash64AndIpv4ClientsPerAddress() {
        LimitPolicy onePerAddress = new LimitPolicy(0, 0, 1, 0, 0, Duration.ofHours(1), Duration.ofMinutes(15));

        assertThat(send(onePerAddress, "u1", "+1", "2001:db8:1:2::1")).isInstanceOf(Allowed.class);
        assertThat(refusal(send(onePerAddress, "u2", "+2", "2001:db8:1:2:ffff:ffff:ffff:fffe"))).isEqualTo(Limit.IP);
        assertThat(send(onePerAddress, "u3", "+3", "2001:db8:1:3::1")).isInstanceOf(Allowed.class);
        assertThat(send(onePerAddress, "u4", "+4", "192.0.2.1")).isInstanceOf(Allowed.class);
        assertThat(send(onePerAddress, "u5", "+5", "192.0.2.2")).isInstanceOf(Allowed.class);
        assertThat(refusal(send(onePerAddress, "u6", "+6", "::ffff:192.0.2.2"))).isEqualTo(Limit.IP);
    }

    @Test
    void aRefusalTellsWhenTheLimitFrees() {
        LimitPolicy policy = new LimitPolicy(1, 0, 0, 0, 0, Duration.ofHours(1), Duration.ofMinutes(15));
        send(policy, "r", "u", "+1", "ip");
        clock.advance(Duration.ofMinutes(20));

        Refused refused = (Refused) send(policy, "r", "u", "+1", "ip");
        assertThat(refused.retryAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(40)));
    }

    @Test
    void zeroSwitchesALimitOff() {
        LimitPolicy policy = new LimitPolicy(0, 0, 0, 0, 0, Duration.ofHours(1), Duration.ofMinutes(15));
        for (int i = 0; i < 50; i++) {
            assertThat(send(policy, "r", "u", "+1", "ip")).isInstanceOf(Allowed.class);
        }
        assertThat(store.size()).isZero();
    }

    @Test
    void consecutiveFailuresLockAndOnlyASuccessResets() {
        LimitPolicy policy = new LimitPolicy(0, 0, 0, 0, 3, Duration.ofHours(1), Duration.ofMinutes(15));

        assertThat(failure(policy)).isFalse();
        assertThat(failure(policy)).isFalse();
        store.run(() -> guard.recordSuccess(policy, "r", "u"));
        assertThat(failure(policy)).isFalse();
        assertThat(failure(policy)).isFalse();
        assertThat(store.request(() -> guard.lockedUntil(policy, "r", "u"))).isEmpty();
        assertThat(failure(policy)).isTrue();
        assertThat(store.request(() -> guard.lockedUntil(policy, "r", "u"))).contains(clock.instant().plus(Duration.ofMinutes(15)));

        clock.advance(Duration.ofMinutes(15));
        assertThat(store.request(() -> guard.lockedUntil(policy, "r", "u"))).isEmpty();
    }

    @Test
    void failuresOutsideTheWindowAreForgotten() {
        LimitPolicy policy = new LimitPolicy(0, 0, 0, 0, 2, Duration.ofMinutes(10), Duration.ofMinutes(15));

        failure(policy);
        clock.advance(Duration.ofMinutes(11));
        assertThat(failure(policy)).isFalse();
    }

    @Test
    void storeKeysAreNamespacedByRealmAndHoldNoNumber() {
        assertThat(LimitKeys.of("realm-1", "number-sends", "+12015550123"))
                .startsWith("sms-otp:realm-1:number-sends:").doesNotContain("2015550123");
    }

    @Test
    void aLockoutStartsTheNextCountFromZero() {
        LimitPolicy policy = new LimitPolicy(0, 0, 0, 0, 2, Duration.ofHours(1), Duration.ofMinutes(15));
        failure(policy);
        assertThat(failure(policy)).isTrue();
        clock.advance(Duration.ofMinutes(15));

        // The failure that locked was cleared with the others, and stays cleared after its commit.
        assertThat(failure(policy)).isFalse();
        assertThat(failure(policy)).isTrue();
    }

    private Optional<String> claim(String key, int limit, Duration window) {
        return store.request(() -> counter.tryClaim(key, limit, window));
    }

    private SendLimiter.Decision send(LimitPolicy policy, String realm, String user, String number, String ip) {
        return store.request(() -> limiter.trySend(policy, realm, user, number, ip));
    }

    private SendLimiter.Decision send(LimitPolicy policy, String user, String number, String ip) {
        return send(policy, "r", user, number, ip);
    }

    private boolean failure(LimitPolicy policy) {
        return store.request(() -> guard.recordFailure(policy, "r", "u"));
    }

    private static Limit refusal(SendLimiter.Decision decision) {
        assertThat(decision).isInstanceOf(Refused.class);
        return ((Refused) decision).limit();
    }
}
