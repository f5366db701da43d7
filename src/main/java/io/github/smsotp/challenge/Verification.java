package io.github.smsotp.challenge;

/**
 * The result of checking a submitted code.
 *
 * @param attemptsLeft wrong submissions the current code still tolerates (only for {@link Outcome#WRONG})
 */
public record Verification(Outcome outcome, int attemptsLeft) {

    public enum Outcome {
        /** Right code; it is now spent. */
        VERIFIED,
        /** Wrong code; the code still works for {@code attemptsLeft} more tries. */
        WRONG,
        /** Wrong code and that was the last try; the code is gone. */
        EXHAUSTED,
        /** The code's lifetime is over; it is gone. */
        EXPIRED,
        /** No code is pending (never sent, already used, expired or exhausted before). */
        NO_CODE
    }

    static Verification of(Outcome outcome) {
        return new Verification(outcome, 0);
    }
}
