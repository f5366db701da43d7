package io.github.smsotp.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.github.smsotp.TestClock;
import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.limits.SendLimiter.Allowed;
import io.github.smsotp.limits.SendLimiter.Limit;
import io.github.smsotp.limits.SendLimiter.Refused;
import io.github.smsotp.limits.SlotCounter.Claim;
import io.github.smsotp.limits.SlotCounter.Claimed;
import io.github.smsotp.limits.SlotCounter.Full;
import io.github.smsotp.settings.LimitPolicy;
import org.junit.jupiter.api.Test;

class LimitsTest {

    private final TestClock clock = new TestClock();
    private final InMemorySingleUseStore store = new InMemorySingleUseStore(clock);

    @Test
    void defaultsFollowTheAnchors() {
        LimitPolicy policy = LimitPolicy.from(ConfigReader.of(null));

        assertThat(policy).isEqualTo(new LimitPolicy(10, 5, 30, 1000, 100, 10, Duration.ofHours(1),
                Duration.ofMinutes(15)));
    }

    @Test
    void theUnprovenBudgetIsAPartOfTheRealmsBudget() {
        assertThat(LimitPolicy.from(ConfigReader.of(Map.of("limit-realm-sends-per-hour", "50")))
                .sendsToUnprovenPerHour()).as("a tenth, unless set").isEqualTo(5);
        assertThat(LimitPolicy.from(ConfigReader.of(Map.of("limit-realm-sends-per-hour", "0")))
                .sendsToUnprovenPerHour()).as("a realm without a budget").isEqualTo(100);
        assertThatThrownBy(() -> LimitPolicy.from(ConfigReader.of(Map.of("limit-realm-sends-per-hour", "50",
                "limit-unproven-sends-per-hour", "50"))))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'limit-unproven-sends-per-hour'")
                .hasMessageContaining("from 1 to 49");
        assertThatThrownBy(() -> LimitPolicy.from(ConfigReader.of(Map.of("limit-unproven-sends-per-hour", "0"))))
                .as("off only where the realm has no budget either").isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void strangersSpendOnlyTheUnprovenBudgetAndSignInsKeepTheRest() {
        LimitPolicy policy = new LimitPolicy(0, 0, 0, 10, 3, 0, Duration.ofHours(1), Duration.ofMinutes(15));
        for (int i = 0; i < 3; i++) {
            assertThat(sendToUnproven(policy, "stranger" + i)).isInstanceOf(Allowed.class);
        }
        assertThat(refusal(sendToUnproven(policy, "stranger3"))).isEqualTo(Limit.UNPROVEN);
        for (int i = 0; i < 7; i++) {
            assertThat(send(policy, "user" + i, "+1" + i, "ip" + i)).as("sign-in %d", i).isInstanceOf(Allowed.class);
        }
        assertThat(refusal(send(policy, "user7", "+17", "ip7"))).isEqualTo(Limit.REALM);
    }

    @Test
    void aCounterAllowsItsLimitInAnyWindow() {
        Duration window = Duration.ofMinutes(10);
        for (int i = 0; i < 5; i++) {
            assertThat(claim("k", 5, window)).isInstanceOf(Claimed.class);
            clock.advance(Duration.ofMinutes(1));
        }
        // The first claim was 5 minutes ago: it frees 5 minutes from now.
        assertThat(claim("k", 5, window)).isEqualTo(new Full(clock.instant().plus(Duration.ofMinutes(5))));

        clock.advance(Duration.ofMinutes(5));
        assertThat(claim("k", 5, window)).isInstanceOf(Claimed.class);
        assertThat(claim("k", 5, window)).isInstanceOf(Full.class);
    }

    @Test
    void aReleasedSlotStaysFreeAfterTheRequestCommits() {
        store.run(() -> {
            SlotCounter counter = counter();
            counter.release((Claimed) counter.tryClaim("k", 1, Duration.ofHours(1)));
        });

        assertThat(store.request(() -> counter().count("k", 1))).isZero();
        assertThat(claim("k", 1, Duration.ofHours(1))).isInstanceOf(Claimed.class);
    }

    @Test
    void aSendRefusedByALaterLimitLeavesTheEarlierCountsAsTheyWere() {
        // Seen from outside: 3 per user, 1 per address; logins 2 and 3 refused by the address limit.
        LimitPolicy strict = new LimitPolicy(3, 0, 1, 0, 0, 0, Duration.ofHours(1), Duration.ofMinutes(15));
        assertThat(send(strict, "u", "+1", "ip")).isInstanceOf(Allowed.class);
        assertThat(refusal(send(strict, "u", "+1", "ip"))).isEqualTo(Limit.IP);
        assertThat(refusal(send(strict, "u", "+1", "ip"))).isEqualTo(Limit.IP);

        // The admin raises the address limit: the user has had one SMS of three, not three.
        LimitPolicy relaxed = new LimitPolicy(3, 0, 100, 0, 0, 0, Duration.ofHours(1), Duration.ofMinutes(15));
        assertThat(send(relaxed, "u", "+1", "ip")).isInstanceOf(Allowed.class);
        assertThat(send(relaxed, "u", "+1", "ip")).isInstanceOf(Allowed.class);
        assertThat(refusal(send(relaxed, "u", "+1", "ip"))).isEqualTo(Limit.USER);
    }

    @Test
    void concurrentClaimsNeverExceedTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Boolean>> claims = IntStream.range(0, 200)
                    .<Callable<Boolean>>mapToObj(i -> () -> claim("race", 7, Duration.ofHours(1)) instanceof Claimed)
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
    void nClaimsAtOnceAllWinAndTheNextNAtOnceAllLose() throws Exception {
        int limit = 32;
        assertThat(claimAtOnce("burst", limit, limit)).isEqualTo(limit);
        assertThat(claimAtOnce("burst", limit, limit)).isZero();
        assertThat(claimAtOnce("burst2", limit, 2 * limit)).isEqualTo(limit);
    }

    @Test
    void aCounterNinetyNinePercentFullGrantsEveryFreeSlotAndNotOneMore() throws Exception {
        int limit = 1000;
        Duration window = Duration.ofHours(1);
        Instant first = clock.instant();
        for (int i = 0; i < 990; i++) {
            assertThat(claim("budget", limit, window)).isInstanceOf(Claimed.class);
            clock.advance(Duration.ofSeconds(3));
        }
        // The last 10 slots, claimed by 10 requests at once, then one too many.
        assertThat(claimAtOnce("budget", limit, 10)).isEqualTo(10);
        assertThat(claim("budget", limit, window)).isEqualTo(new Full(first.plus(window)));

        // As the oldest claims end, exactly as many new ones are granted, one per freed slot.
        clock.advance(Duration.between(clock.instant(), first.plus(window).plusSeconds(3 * 4)));
        assertThat(claimAtOnce("budget", limit, 20)).isEqualTo(5);
        assertThat(store.request(() -> counter().count("budget", limit))).isEqualTo(limit);
    }

    @Test
    void aSlotGivenBackOutOfTurnIsFilledBeforeARefusal() {
        Duration window = Duration.ofHours(1);
        claim("k", 3, window);
        Claimed second = (Claimed) claim("k", 3, window);
        claim("k", 3, window);
        store.run(() -> counter().release(second));

        assertThat(claim("k", 3, window)).isInstanceOf(Claimed.class);
        assertThat(claim("k", 3, window)).isInstanceOf(Full.class);
    }

    @Test
    void aClaimTakesTheSameFewStoreOperationsAtAnyFill() {
        CountingStore counting = new CountingStore(store);
        int limit = 1000;
        Duration window = Duration.ofHours(1);
        for (int fill : new int[] {0, 500, 900, 990, 999}) {
            String key = "fill-" + fill;
            for (int i = 0; i < fill; i++) {
                claim(key, limit, window);
            }
            counting.take();
            Claim claim = store.request(() -> claimAndConfirm(new SlotCounter(counting, clock, new HashSet<>()), key,
                    limit, window));

            assertThat(claim).as("at %d of %d", fill, limit).isInstanceOf(Claimed.class);
            assertThat(counting.take()).as("at %d of %d", fill, limit)
                    .isEqualTo(Map.of("get", 1, "putIfAbsent", 1, "put", 2));
        }
        Claim refused = store.request(() -> new SlotCounter(counting, clock, new HashSet<>())
                .tryClaim("fill-999", limit, window));
        assertThat(refused).isInstanceOf(Full.class);
        // The hint, the oldest slot and its note, and the hole left by a slot given back (none here).
        assertThat(counting.take()).isEqualTo(Map.of("get", 3, "putIfAbsent", 1));
    }

    @Test
    void eachSendLimitRefusesWithItsNameAndGivesBackWhatItClaimed() {
        LimitPolicy policy = new LimitPolicy(2, 3, 3, 5, 0, 0, Duration.ofHours(1), Duration.ofMinutes(15));

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
        LimitPolicy onePerAddress = new LimitPolicy(0, 0, 1, 0, 0, 0, Duration.ofHours(1), Duration.ofMinutes(15));

        assertThat(send(onePerAddress, "u1", "+1", "2001:db8:1:2::1")).isInstanceOf(Allowed.class);
        assertThat(refusal(send(onePerAddress, "u2", "+2", "2001:db8:1:2:ffff:ffff:ffff:fffe"))).isEqualTo(Limit.IP);
        assertThat(send(onePerAddress, "u3", "+3", "2001:db8:1:3::1")).isInstanceOf(Allowed.class);
        assertThat(send(onePerAddress, "u4", "+4", "192.0.2.1")).isInstanceOf(Allowed.class);
        assertThat(send(onePerAddress, "u5", "+5", "192.0.2.2")).isInstanceOf(Allowed.class);
        assertThat(refusal(send(onePerAddress, "u6", "+6", "::ffff:192.0.2.2"))).isEqualTo(Limit.IP);
    }

    @Test
    void aRefusalTellsWhenTheLimitFrees() {
        LimitPolicy policy = new LimitPolicy(1, 0, 0, 0, 0, 0, Duration.ofHours(1), Duration.ofMinutes(15));
        send(policy, "r", "u", "+1", "ip");
        clock.advance(Duration.ofMinutes(20));

        Refused refused = (Refused) send(policy, "r", "u", "+1", "ip");
        assertThat(refused.retryAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(40)));
    }

    @Test
    void zeroSwitchesALimitOff() {
        LimitPolicy policy = new LimitPolicy(0, 0, 0, 0, 0, 0, Duration.ofHours(1), Duration.ofMinutes(15));
        for (int i = 0; i < 50; i++) {
            assertThat(send(policy, "r", "u", "+1", "ip")).isInstanceOf(Allowed.class);
        }
        assertThat(store.size()).isZero();
    }

    @Test
    void consecutiveFailuresLockAndOnlyASuccessResets() {
        LimitPolicy policy = new LimitPolicy(0, 0, 0, 0, 0, 3, Duration.ofHours(1), Duration.ofMinutes(15));

        assertThat(failure(policy)).isFalse();
        assertThat(failure(policy)).isFalse();
        store.run(() -> guard().recordSuccess(policy, "r", "u"));
        assertThat(failure(policy)).isFalse();
        assertThat(failure(policy)).isFalse();
        assertThat(store.request(() -> guard().lockedUntil(policy, "r", "u"))).isEmpty();
        assertThat(failure(policy)).isTrue();
        assertThat(store.request(() -> guard().lockedUntil(policy, "r", "u"))).contains(clock.instant().plus(Duration.ofMinutes(15)));

        clock.advance(Duration.ofMinutes(15));
        assertThat(store.request(() -> guard().lockedUntil(policy, "r", "u"))).isEmpty();
    }

    @Test
    void failuresOutsideTheWindowAreForgotten() {
        LimitPolicy policy = new LimitPolicy(0, 0, 0, 0, 0, 2, Duration.ofMinutes(10), Duration.ofMinutes(15));

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
        LimitPolicy policy = new LimitPolicy(0, 0, 0, 0, 0, 2, Duration.ofHours(1), Duration.ofMinutes(15));
        failure(policy);
        assertThat(failure(policy)).isTrue();
        clock.advance(Duration.ofMinutes(15));

        // The failure that locked was cleared with the others, and stays cleared after its commit.
        assertThat(failure(policy)).isFalse();
        assertThat(failure(policy)).isTrue();
    }

    /** Each request has its own objects, as in Keycloak. */
    private SlotCounter counter() {
        return new SlotCounter(store, clock, new HashSet<>());
    }

    private SendLimiter limiter() {
        return new SendLimiter(counter());
    }

    private FailureGuard guard() {
        return new FailureGuard(store, counter(), clock);
    }

    /** {@code racers} requests claim at once, each on its own thread; returns how many won. */
    private int claimAtOnce(String key, int limit, int racers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = IntStream.range(0, racers)
                    .mapToObj(i -> pool.submit(() -> {
                        start.await();
                        return claim(key, limit, Duration.ofHours(1)) instanceof Claimed;
                    }))
                    .toList();
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get() ? 1 : 0;
            }
            return won;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One event, in its own request: claimed and, if granted, confirmed. */
    private Claim claim(String key, int limit, Duration window) {
        return store.request(() -> claimAndConfirm(counter(), key, limit, window));
    }

    private static Claim claimAndConfirm(SlotCounter counter, String key, int limit, Duration window) {
        Claim claim = counter.tryClaim(key, limit, window);
        if (claim instanceof Claimed claimed) {
            counter.confirm(claimed);
        }
        return claim;
    }

    private SendLimiter.Decision send(LimitPolicy policy, String realm, String user, String number, String ip) {
        return store.request(() -> limiter().trySend(policy, realm, user, number, ip));
    }

    private SendLimiter.Decision sendToUnproven(LimitPolicy policy, String user) {
        return store.request(() -> limiter().trySend(SendLimiter.Channel.SMS, policy, "r", user, "+" + user, user, true));
    }

    private SendLimiter.Decision send(LimitPolicy policy, String user, String number, String ip) {
        return send(policy, "r", user, number, ip);
    }

    private boolean failure(LimitPolicy policy) {
        return store.request(() -> guard().recordFailure(policy, "r", "u"));
    }

    private static Limit refusal(SendLimiter.Decision decision) {
        assertThat(decision).isInstanceOf(Refused.class);
        return ((Refused) decision).limit();
    }
}
