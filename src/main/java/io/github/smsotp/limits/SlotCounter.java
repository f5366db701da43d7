package io.github.smsotp.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * "At most N events in any window of W" counted cluster-wide. Each event claims one of N slot
 * keys with {@code putIfAbsent}, which Keycloak's replicated single-use store performs atomically
 * on every node; a slot frees itself W after it was claimed. So concurrent requests can never
 * exceed the limit, and the earliest claim tells when the next slot frees.
 *
 * <p>When a slot was claimed is kept under a key of its own: Keycloak defers {@code put} to the end
 * of the request's transaction while {@code remove} acts at once, so a {@code put} on the slot itself
 * would bring a released slot back at commit. A claim time left behind by a released slot is only
 * read while the slot is taken again, and is overwritten by that claim.
 *
 * <p>Probing starts at a random slot so that a mostly free counter answers in one or two
 * look-ups. Limits above {@link #MAX_PROBES} are checked on that many slots only, which refuses
 * slightly early near the limit: the safe side for a budget cap.
 */
public final class SlotCounter {

    static final int MAX_PROBES = 128;
    private static final String CLAIMED_AT = "at";

    private final SingleUseObjectProvider store;
    private final Clock clock;

    public SlotCounter(SingleUseObjectProvider store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Claims a slot, or returns empty when all are taken. */
    public Optional<String> tryClaim(String key, int limit, Duration window) {
        int start = ThreadLocalRandom.current().nextInt(limit);
        long lifespan = Math.max(1, window.toSeconds());
        for (int probe = 0; probe < Math.min(limit, MAX_PROBES); probe++) {
            String slot = slot(key, (start + probe) % limit);
            if (store.putIfAbsent(slot, lifespan)) {
                // The slot is ours now; record when, for "try again at" answers.
                store.put(claimTimeKey(slot), lifespan, Map.of(CLAIMED_AT, Long.toString(clock.millis())));
                return Optional.of(slot);
            }
        }
        return Optional.empty();
    }

    /** Gives a claimed slot back at once, for an event that did not happen after all. */
    public void release(String slot) {
        store.remove(slot);
    }

    /** How many slots are taken (one look-up each). */
    public int count(String key, int limit) {
        int taken = 0;
        for (int i = 0; i < limit; i++) {
            if (store.contains(slot(key, i))) {
                taken++;
            }
        }
        return taken;
    }

    /** When the earliest taken slot frees; now when none is taken. */
    public Instant nextFree(String key, int limit, Duration window) {
        Instant now = clock.instant();
        Instant earliest = null;
        for (int i = 0; i < Math.min(limit, MAX_PROBES); i++) {
            String slot = slot(key, i);
            if (!store.contains(slot)) {
                return now;
            }
            Instant claimed = claimedAt(store.get(claimTimeKey(slot))).orElse(now);
            if (earliest == null || claimed.isBefore(earliest)) {
                earliest = claimed;
            }
        }
        return earliest == null ? now : earliest.plus(window);
    }

    /** Frees every slot. */
    public void clear(String key, int limit) {
        for (int i = 0; i < limit; i++) {
            store.remove(slot(key, i));
        }
    }

    private static Optional<Instant> claimedAt(Map<String, String> claimTime) {
        if (claimTime == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(claimTime.get(CLAIMED_AT)).map(Long::parseLong).map(Instant::ofEpochMilli);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String slot(String key, int index) {
        return key + "#" + index;
    }

    private static String claimTimeKey(String slot) {
        return slot + "@at";
    }
}
