package io.github.smsotp.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.github.smsotp.TestClock;
import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.limits.PumpingGuard.Admitted;
import io.github.smsotp.limits.PumpingGuard.Decision;
import io.github.smsotp.limits.PumpingGuard.Throttled;
import io.github.smsotp.phone.NumberRange;
import io.github.smsotp.settings.GuardPolicy;
import org.junit.jupiter.api.Test;

/**
 * The pumping guard's arithmetic on a store with Keycloak's semantics ({@code put} at commit,
 * {@code putIfAbsent} and {@code remove} at once), each send in a request of its own.
 */
class PumpingGuardTest {

    /** Blocks judged after 10 sends, countries after 30, 20 % confirmed, a 60-minute window, 15 minutes off. */
    private static final GuardPolicy POLICY = GuardPolicy.from(ConfigReader.of(null));
    /** Numbers of one block of Latvian mobiles: +371 2000 xxxx. */
    private static final String BLOCK = "+3712000";

    private final TestClock clock = new TestClock();
    private final InMemorySingleUseStore store = new InMemorySingleUseStore(clock);

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertThat(POLICY).isEqualTo(new GuardPolicy(10, 30, 20, Duration.ofHours(1), Duration.ofMinutes(15)));
    }

    @Test
    void aBlockWhoseCodesNeverComeBackIsThrottledAfterTheSendsThatJudgeIt() {
        for (int i = 0; i < 10; i++) {
            assertThat(send(BLOCK + String.format("%04d", i))).as("send %d", i).isInstanceOf(Admitted.class);
        }
        Decision tripping = send(BLOCK + "0010");
        assertThat(tripping).isEqualTo(new Throttled(new NumberRange(BLOCK), clock.instant().plus(Duration.ofMinutes(15)),
                true));
        Decision later = send(BLOCK + "0011");
        assertThat(later).isEqualTo(new Throttled(new NumberRange(BLOCK), clock.instant().plus(Duration.ofMinutes(15)),
                false));

        assertThat(send("+37120011234")).as("the next block").isInstanceOf(Admitted.class);
        assertThat(send("+447911123456")).as("another country").isInstanceOf(Admitted.class);
    }

    @Test
    void rangesWhoseCodesComeBackStayOpen() {
        for (int i = 0; i < 200; i++) {
            String number = BLOCK + String.format("%04d", i);
            assertThat(send(number)).as("send %d", i).isInstanceOf(Admitted.class);
            if (i % 4 != 0) {
                confirm(number);
            }
        }
    }

    @Test
    void aSpreadOverManyBlocksTripsTheCountry() {
        for (int i = 0; i < 30; i++) {
            // Every send to another block: no block ever sees more than one.
            assertThat(send(String.format("+3712%03d0000", i))).as("send %d", i).isInstanceOf(Admitted.class);
        }
        Decision tripping = send("+37129990000");
        assertThat(tripping).isInstanceOf(Throttled.class);
        assertThat(((Throttled) tripping).range()).isEqualTo(new NumberRange("+371"));
        assertThat(((Throttled) tripping).tripped()).isTrue();
        assertThat(send("+447911123456")).isInstanceOf(Admitted.class);
    }

    @Test
    void theCoolOffEndsAndDoublesOnRepeat() {
        tripBlock();
        clock.advance(Duration.ofMinutes(15));
        // A new generation: judged on what follows, from zero.
        for (int i = 0; i < 10; i++) {
            assertThat(send(BLOCK + String.format("%04d", 100 + i))).as("send %d", i).isInstanceOf(Admitted.class);
        }
        Decision again = send(BLOCK + "0200");
        assertThat(again).isEqualTo(new Throttled(new NumberRange(BLOCK), clock.instant().plus(Duration.ofMinutes(30)),
                true));
    }

    @Test
    void theWindowSlides() {
        for (int i = 0; i < 9; i++) {
            send(BLOCK + String.format("%04d", i));
        }
        // Half way into the next hour, the 9 earlier sends weigh 4.5: six more are admitted.
        clock.advance(Duration.ofMinutes(90));
        for (int i = 0; i < 6; i++) {
            assertThat(send(BLOCK + String.format("%04d", 100 + i))).as("send %d", i).isInstanceOf(Admitted.class);
        }
        assertThat(send(BLOCK + "0200")).isInstanceOf(Throttled.class);
    }

    @Test
    void sendsRacingAtTheThresholdAreAdmittedExactlyUpToIt() throws Exception {
        // Fewer than the 30 that judge the country: only the block's threshold is raced.
        int racers = 25;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Decision>> results = IntStream.range(0, racers).mapToObj(i -> pool.submit(() -> {
                start.await();
                return send(BLOCK + String.format("%04d", i));
            })).toList();
            start.countDown();
            int admitted = 0;
            int tripped = 0;
            for (Future<Decision> result : results) {
                Decision decision = result.get();
                admitted += decision instanceof Admitted ? 1 : 0;
                tripped += decision instanceof Throttled throttled && throttled.tripped() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(10);
            assertThat(tripped).as("one throttle, one log line").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(send(BLOCK + "9999")).isInstanceOf(Throttled.class);
    }

    @Test
    void anAdminListsAndLiftsAThrottle() {
        tripBlock();
        List<PumpingGuard.Throttle> listed = store.request(() -> guard().throttled("r"));
        assertThat(listed).containsExactly(new PumpingGuard.Throttle(new NumberRange(BLOCK),
                clock.instant().plus(Duration.ofMinutes(15)), 1));
        assertThat(listed.get(0).range().shown()).isEqualTo("+3712000xxxx");

        assertThat(store.request(() -> guard().lift("r", new NumberRange(BLOCK)))).isTrue();
        assertThat(store.request(() -> guard().throttled("r"))).isEmpty();
        assertThat(store.request(() -> guard().lift("r", new NumberRange(BLOCK)))).as("nothing left to lift").isFalse();
        for (int i = 0; i < 10; i++) {
            assertThat(send(BLOCK + String.format("%04d", 300 + i))).as("send %d", i).isInstanceOf(Admitted.class);
        }
        assertThat(store.request(() -> guard().throttled("other-realm"))).isEmpty();
    }

    @Test
    void aSendCostsAConstantNumberOfStoreOperationsAtAnyCount() {
        CountingStore counting = new CountingStore(store);
        store.run(() -> guard(counting).admit(POLICY, "r", BLOCK + "0000"));
        Map<String, Integer> first = counting.take();
        store.run(() -> guard(counting).confirmed(POLICY, "r", BLOCK + "0000"));
        Map<String, Integer> confirmation = counting.take();
        for (int i = 1; i < 10; i++) {
            String number = BLOCK + String.format("%04d", i);
            store.run(() -> guard(counting).admit(POLICY, "r", number));
            store.run(() -> guard(counting).confirmed(POLICY, "r", number));
        }
        counting.take();
        store.run(() -> guard(counting).admit(POLICY, "r", BLOCK + "0010"));
        Map<String, Integer> judged = counting.take();

        // Two states, then per range a ticket (hint, putIfAbsent, hint put) and the previous period's sends.
        assertThat(first).isEqualTo(Map.of("get", 6, "putIfAbsent", 2, "put", 2));
        // Per range its state and a ticket.
        assertThat(confirmation).isEqualTo(Map.of("get", 4, "putIfAbsent", 2, "put", 2));
        // Once a block's sends can judge it, its confirmations are read too: two more look-ups.
        assertThat(judged).isEqualTo(Map.of("get", 8, "putIfAbsent", 2, "put", 2));
    }

    private void tripBlock() {
        for (int i = 0; i < 10; i++) {
            send(BLOCK + String.format("%04d", i));
        }
        assertThat(send(BLOCK + "0010")).isInstanceOf(Throttled.class);
    }

    private Decision send(String number) {
        return store.request(() -> guard().admit(POLICY, "r", number));
    }

    private void confirm(String number) {
        store.run(() -> guard().confirmed(POLICY, "r", number));
    }

    private PumpingGuard guard() {
        return guard(store);
    }

    private PumpingGuard guard(org.keycloak.models.SingleUseObjectProvider on) {
        return new PumpingGuard(on, clock, new HashSet<>());
    }
}
