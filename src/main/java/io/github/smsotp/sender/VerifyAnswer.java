package io.github.smsotp.sender;

/** What a provider's Verify API said of a code it was asked to check. */
public enum VerifyAnswer {
    /** The right code: the provider's verification is done. */
    APPROVED,
    /** A wrong code; the provider's verification still takes tries. */
    WRONG,
    /** The provider takes no more tries for this verification. */
    TOO_MANY_ATTEMPTS,
    /** The provider's verification expired, or it knows of none (already approved, cancelled). */
    EXPIRED
}
