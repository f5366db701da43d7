package io.github.smsotp.userless;

import java.time.Duration;

/**
 * Answers a request that reveals whether a number or a name has an account no sooner than a fixed
 * time after it began. Finding an account costs more than finding none (its attributes and
 * credentials are read); as Keycloak hashes a dummy password for unknown usernames, this step evens
 * the time out, here by waiting for the rest of a time longer than either path takes.
 */
public final class EvenTiming {

    /** Well above what the lookup and page take on a busy two-core machine (see the figures in docs/PHONE-IDENTITY.md). */
    static final Duration FLOOR = Duration.ofMillis(150);

    private final long start = System.nanoTime();

    /** Waits until {@link #FLOOR} has passed since this object was made. */
    public void await() {
        long left = FLOOR.toNanos() - (System.nanoTime() - start);
        if (left <= 0) {
            return;
        }
        try {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
