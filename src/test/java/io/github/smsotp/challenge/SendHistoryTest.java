package io.github.smsotp.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SendHistoryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration COOLDOWN = Duration.ofSeconds(30);

    @Test
    void nothingSentMeansNoWait() {
        assertThat(SendHistory.NONE.secondsUntilResend(T0, COOLDOWN)).isZero();
    }

    @Test
    void waitIsRoundedUpToWholeSeconds() {
        SendHistory sent = SendHistory.NONE.attempted().sent(T0);

        assertThat(sent.secondsUntilResend(T0, COOLDOWN)).isEqualTo(30);
        assertThat(sent.secondsUntilResend(T0.plusMillis(29_001), COOLDOWN)).isEqualTo(1);
        assertThat(sent.secondsUntilResend(T0.plusSeconds(30), COOLDOWN)).isZero();
    }

    @Test
    void aFailedAttemptCountsButStartsNoCooldown() {
        SendHistory failed = SendHistory.NONE.attempted();

        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.secondsUntilResend(T0, COOLDOWN)).isZero();
    }

    @Test
    void storeRoundTrip() {
        ChallengeStore store = new ChallengeStore(new OtpChallengesTest.MapNotes());
        assertThat(store.history()).isEqualTo(SendHistory.NONE);

        SendHistory history = SendHistory.NONE.attempted().attempted().sent(T0);
        store.save(history);
        assertThat(store.history()).isEqualTo(history);
    }
}
