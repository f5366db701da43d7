package io.github.smsotp.limits;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Counts events under a key cluster-wide, exactly where it matters: each event takes the next
 * numbered ticket with {@code putIfAbsent}, which Keycloak's single-use store performs at once and
 * atomically on every node, so two events never hold the same ticket and the holder of ticket t
 * knows that t events came before it, whatever races with it.
 *
 * <p>A hint key holds the next ticket, so that a claim starts there: one look-up and one
 * {@code putIfAbsent} at any count, one more per claim in flight at the same moment. The hint is a
 * {@code put}, which Keycloak writes at the end of the request; a request that commits late may
 * write a lower hint, which costs the next claim a probe or two, never a wrong count. Reading a
 * count reads the hint alone: enough for a closed period, whose hint no longer moves.
 */
final class TicketCounter {

    /** Events in flight on one key at once that a claim steps past; beyond, the count is "at least this". */
    static final int MAX_PROBES = 64;
    private static final String NEXT = "n";

    private final SingleUseObjectProvider store;
    private final Set<String> written;

    /** @param written the keys this request has put already ({@link RequestWrites}) */
    TicketCounter(SingleUseObjectProvider store, Set<String> written) {
        this.store = store;
        this.written = written;
    }

    /**
     * Takes the next ticket of {@code key}, kept for {@code lifespanSeconds}: the number of events
     * counted before this one. Empty when {@link #MAX_PROBES} claims in flight stood in the way.
     */
    OptionalLong take(String key, long lifespanSeconds) {
        long ticket = counted(key);
        for (int probe = 0; probe < MAX_PROBES; probe++, ticket++) {
            if (store.putIfAbsent(key + "#" + ticket, lifespanSeconds)) {
                if (written.add(hint(key))) {
                    store.put(hint(key), lifespanSeconds, Map.of(NEXT, Long.toString(ticket + 1)));
                }
                return OptionalLong.of(ticket);
            }
        }
        return OptionalLong.empty();
    }

    /** The events counted under {@code key} as its hint says: exact once no claim is in flight. */
    long counted(String key) {
        Map<String, String> hint = store.get(hint(key));
        if (hint == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(hint.getOrDefault(NEXT, "0")));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String hint(String key) {
        return key + "@next";
    }
}
