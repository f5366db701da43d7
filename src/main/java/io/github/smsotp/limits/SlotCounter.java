package io.github.smsotp.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * "At most N events in any window of W" counted cluster-wide, in a few store operations at any fill.
 *
 * <p>Exact: an event claims one of N slot keys with {@code putIfAbsent}, which Keycloak's replicated
 * single-use store performs at once and atomically on every node, and a slot frees itself W after it
 * was claimed. There are N keys, so concurrent requests can never make N + 1 events.
 *
 * <p>Cheap: claims go round the slots in turn, like tickets (ticket t takes slot t mod N). Every slot
 * lives W, so slots free in the order they were taken, and the next free slot is the one after the
 * last claim, however full the counter is. A hint key holds the next ticket; a claim starts there and
 * moves on only past claims still in flight. The slot under the hint, when its note says it holds the
 * claim of one round earlier, is the oldest claim: every slot is taken, and the answer is "full until
 * that claim ends", found in three look-ups.
 *
 * <p>Why notes and hints are not on the slot itself: Keycloak writes {@code put} at the end of the
 * request's transaction while {@code putIfAbsent} and {@code remove} act at once, so a {@code put}
 * on a slot would bring a released slot back at commit. Notes and hints are only ever read as
 * hints; the slots alone decide.
 *
 * <p>A slot given back out of turn (a send that a later limit refused) is kept as the counter's hole,
 * and filled before a refusal. Keycloak refuses a second {@code put} of a key within one transaction,
 * so a hint or note this request has written already is left as it is.
 */
public final class SlotCounter {

    /** Claims in flight at once on one key that a claim steps past before it gives up. */
    static final int MAX_PROBES = 128;
    private static final String TICKET = "n";
    private static final String CLAIMED_AT = "at";
    private static final String INDEX = "i";

    /** The outcome of a claim. */
    public sealed interface Claim permits Claimed, Full {
    }

    /**
     * A slot is the caller's until the window ends, or until it is given back. {@code inTurn}: taken at
     * the head of the round, not a hole filled out of turn.
     */
    public record Claimed(String key, int index, long ticket, long lifespanSeconds, boolean inTurn) implements Claim {
    }

    /** Every slot is taken; the earliest frees at {@code freesAt}. */
    public record Full(Instant freesAt) implements Claim {
    }

    private record Note(long ticket, Instant claimedAt) {
    }

    private final SingleUseObjectProvider store;
    private final Clock clock;
    private final Set<String> written;

    /** @param written the keys this request has put already ({@link RequestWrites}) */
    public SlotCounter(SingleUseObjectProvider store, Clock clock, Set<String> written) {
        this.store = store;
        this.clock = clock;
        this.written = written;
    }

    /**
     * Claims the next free slot of {@code key}, or says when one frees. The caller then either
     * {@link #confirm confirms} the claim or {@link #release releases} it.
     */
    public Claim tryClaim(String key, int limit, Duration window) {
        long lifespan = Math.max(1, window.toSeconds());
        long ticket = nextTicket(key);
        Instant earliest = null;
        for (int probe = 0; probe < Math.min(limit, MAX_PROBES); probe++, ticket++) {
            int index = (int) Math.floorMod(ticket, (long) limit);
            if (store.putIfAbsent(slot(key, index), lifespan)) {
                return new Claimed(key, index, ticket, lifespan, true);
            }
            Optional<Note> note = liveNote(key, index, window);
            if (note.isPresent() && note.get().ticket() <= ticket - limit) {
                // The claim of one round earlier is the oldest: all slots are taken, unless one was given back.
                return fillHole(key, limit, lifespan).orElse(new Full(note.get().claimedAt().plus(window)));
            }
            // A claim made since the hint was written: on after it (its note, if committed, says which ticket).
            if (note.isPresent()) {
                ticket = Math.max(ticket, note.get().ticket());
                earliest = earliest == null || note.get().claimedAt().isBefore(earliest) ? note.get().claimedAt() : earliest;
            }
        }
        return fillHole(key, limit, lifespan)
                .orElse(new Full(earliest == null ? clock.instant() : earliest.plus(window)));
    }

    /** The event happened: the next claim starts after this one, and a refusal can tell when it ends. */
    public void confirm(Claimed claimed) {
        if (claimed.inTurn()) {
            putOnce(hintKey(claimed.key()), claimed.lifespanSeconds(),
                    Map.of(TICKET, Long.toString(claimed.ticket() + 1)));
        }
        putOnce(noteKey(claimed.key(), claimed.index()), claimed.lifespanSeconds(), Map.of(
                TICKET, Long.toString(claimed.ticket()), CLAIMED_AT, Long.toString(clock.millis())));
    }

    /**
     * Gives a claimed slot back at once, for an event that did not happen after all. Unconfirmed, it
     * stays the head of the round, and nothing is written: the next claim starts there. Only where a
     * later claim was confirmed meanwhile (or the slot was a hole filled) is it recorded as the hole.
     * A later claim still in flight is not seen; its slot is then skipped until the round comes back,
     * which can only happen to a limit checked before another that refuses (user, number, address),
     * on two sends for one key at once.
     */
    public void release(Claimed claimed) {
        store.remove(slot(claimed.key(), claimed.index()));
        if (nextTicket(claimed.key()) > claimed.ticket()) {
            putOnce(holeKey(claimed.key()), claimed.lifespanSeconds(), Map.of(INDEX, Integer.toString(claimed.index()),
                    TICKET, Long.toString(claimed.ticket())));
        }
    }

    /** How many slots are taken (one look-up each): for small limits only. */
    public int count(String key, int limit) {
        int taken = 0;
        for (int i = 0; i < limit; i++) {
            if (store.contains(slot(key, i))) {
                taken++;
            }
        }
        return taken;
    }

    /** Whether anything was claimed within the window: one look-up, since the hint outlives every claim. */
    public boolean anyClaimed(String key) {
        return store.get(hintKey(key)) != null;
    }

    /**
     * Frees every slot (one removal each): for small limits only. The hint goes too, so that
     * {@link #anyClaimed} says no until the next claim.
     */
    public void clear(String key, int limit) {
        for (int i = 0; i < limit; i++) {
            store.remove(slot(key, i));
        }
        store.remove(hintKey(key));
    }

    private long nextTicket(String key) {
        Map<String, String> hint = store.get(hintKey(key));
        // No hint: nothing was claimed for a whole window (the hint outlives every claim), so any start will do.
        return hint == null ? 0 : parseLong(hint.get(TICKET)).orElse(0L);
    }

    /** The slot given back last, if it is still free; its ticket keeps the order of the round. */
    private Optional<Claim> fillHole(String key, int limit, long lifespan) {
        Map<String, String> hole = store.get(holeKey(key));
        if (hole == null) {
            return Optional.empty();
        }
        Optional<Long> index = parseLong(hole.get(INDEX)).filter(i -> i >= 0 && i < limit);
        Optional<Long> ticket = parseLong(hole.get(TICKET));
        if (index.isEmpty() || ticket.isEmpty() || !store.putIfAbsent(slot(key, index.get().intValue()), lifespan)) {
            return Optional.empty();
        }
        store.remove(holeKey(key));
        return Optional.of(new Claimed(key, index.get().intValue(), ticket.get(), lifespan, false));
    }

    /** A slot's note, unless it tells of a claim whose window is over (the slot was claimed again since). */
    private Optional<Note> liveNote(String key, int index, Duration window) {
        Map<String, String> note = store.get(noteKey(key, index));
        if (note == null) {
            return Optional.empty();
        }
        Optional<Long> ticket = parseLong(note.get(TICKET));
        Optional<Instant> claimedAt = parseLong(note.get(CLAIMED_AT)).map(Instant::ofEpochMilli);
        if (ticket.isEmpty() || claimedAt.isEmpty() || !claimedAt.get().plus(window).isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(new Note(ticket.get(), claimedAt.get()));
    }

    private void putOnce(String key, long lifespan, Map<String, String> notes) {
        if (written.add(key)) {
            store.put(key, lifespan, notes);
        }
    }

    private static Optional<Long> parseLong(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String slot(String key, int index) {
        return key + "#" + index;
    }

    private static String noteKey(String key, int index) {
        return slot(key, index) + "@at";
    }

    private static String hintKey(String key) {
        return key + "@next";
    }

    private static String holeKey(String key) {
        return key + "@hole";
    }
}
