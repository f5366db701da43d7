package io.github.smsotp.challenge;

import java.time.Duration;
import java.time.Instant;

/**
 * What this login has sent so far: every call to the gateway counts towards the per-login cap
 * (a timed-out send may still have been delivered and billed), while only a delivered code
 * starts the resend cooldown, so a user can retry at once after a failure.
 *
 * @param attempts   calls to the gateway in this login
 * @param lastSentAt when the last accepted message was sent, or null if none was
 */
public record SendHistory(int attempts, Instant lastSentAt) {

    public static final SendHistory NONE = new SendHistory(0, null);

    public SendHistory attempted() {
        return new SendHistory(attempts + 1, lastSentAt);
    }

    public SendHistory sent(Instant at) {
        return new SendHistory(attempts, at);
    }

    /** Whole seconds (rounded up) before another code may be sent; 0 when it may be now. */
    public long secondsUntilResend(Instant now, Duration cooldown) {
        if (lastSentAt == null) {
            return 0;
        }
        long millisLeft = Duration.between(now, lastSentAt.plus(cooldown)).toMillis();
        return millisLeft <= 0 ? 0 : (millisLeft + 999) / 1000;
    }
}
