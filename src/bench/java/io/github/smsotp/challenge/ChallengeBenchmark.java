package io.github.smsotp.challenge;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.smsotp.TestClock;
import io.github.smsotp.challenge.OtpChallenges.PendingCode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The challenge on its own, without Keycloak: a code generated, hashed and stored, then verified
 * (hashed again, compared in constant time, marked spent). The baseline is one HMAC-SHA256 of a
 * code, the unavoidable cost of keyed hashing: the report reads as a ratio to it. Run by
 * {@code mvn -Pbenchmark verify}; the code uses here answer "first try, first acceptance" for free
 * (Keycloak's are Infinispan putIfAbsent calls, measured by the load benchmark instead).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChallengeBenchmark {

    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private FakeKeys keys;
    private OtpChallenges challenges;

    @Setup
    public void setUp() {
        keys = new FakeKeys("bench");
        challenges = new OtpChallenges(new ChallengeStore(new OtpChallengesTest.MapNotes()), keys, "root/tab",
                new TestClock(), new FirstUse());
    }

    /** Every code is new: its first try, its first acceptance. */
    private static final class FirstUse implements CodeUses {
        @Override
        public int claimTry(String codeId, int maxTries, Duration keepFor) {
            return 1;
        }

        @Override
        public boolean markSpent(String codeId, Duration keepFor) {
            return true;
        }
    }

    @Benchmark
    public String baselineOneHmac() {
        return CodeHasher.hash(keys.active().key(), "root/tab", "123456");
    }

    @Benchmark
    public PendingCode generateHashAndStore() {
        PendingCode pending = challenges.create(6, LIFETIME);
        challenges.activate(pending.challenge());
        return pending;
    }

    @Benchmark
    public Verification generateStoreAndVerify() {
        PendingCode pending = challenges.create(6, LIFETIME);
        challenges.activate(pending.challenge());
        // Our own codes: no provider is asked.
        return challenges.verify(pending.code(), 5, (id, code) -> Verification.UNCHECKED);
    }
}
