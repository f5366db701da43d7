package io.github.smsotp.sender;

import java.util.Locale;

/** Where a message is, as the provider's receipts tell it, in terms every provider maps to. */
public enum DeliveryStatus {

    /** Accepted, queued, sent to the carrier: nothing final yet. */
    PENDING,
    /** The handset has it. */
    DELIVERED,
    /** The carrier or provider gave up: unknown number, blocked, unreachable. */
    FAILED,
    /** Nobody took it before its validity ran out (a phone switched off for long). */
    EXPIRED;

    /** No later receipt changes a final status. */
    public boolean isFinal() {
        return this != PENDING;
    }

    /** The status as metrics, events and the status page name it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
