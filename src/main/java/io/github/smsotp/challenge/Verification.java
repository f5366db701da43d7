package io.github.smsotp.challenge;

/** The result of checking a submitted code. */
public enum Verification {
    /** Right code; it is now spent. */
    VERIFIED,
    /** Wrong code; the code still works for its remaining attempts. */
    WRONG,
    /** No try left: this wrong one was the last, or racing requests used them up; the code is gone. */
    EXHAUSTED,
    /** The code's lifetime is over; it is gone. */
    EXPIRED,
    /** No code is pending (never sent, already used, expired or exhausted before). */
    NO_CODE,
    /** The provider that made the code could not say whether this one is it (it failed or timed out). */
    UNCHECKED
}
