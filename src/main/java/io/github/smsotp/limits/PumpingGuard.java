package io.github.smsotp.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import io.github.smsotp.phone.NumberRange;
import io.github.smsotp.settings.GuardPolicy;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Guards the realm against SMS pumping (toll fraud): bots that ask for codes to numbers whose
 * carrier pays the attacker per message, and never type one back. For codes to numbers nobody has
 * proven yet, it counts sends and confirmations per country and per block of numbers
 * ({@link NumberRange}); where too few codes come back, the range is throttled for a cool-off that
 * doubles on each repeat. Codes to proven numbers never meet it.
 *
 * <p>Cluster-wide on Keycloak's single-use store, in a constant number of operations per send: two
 * look-ups of the ranges' states, then per range one ticket ({@link TicketCounter}) and up to three
 * look-ups of counts. The window slides: the previous period's counts weigh as much as is left of
 * it. The ticket makes the verdict exact where it matters: of sends racing at the threshold, only
 * those that find it reached are refused.
 *
 * <p>A range's state (its generation, strikes and the end of its cool-off) is a {@code put}, seen
 * by other requests once this one commits; until then, racing sends find the counts over the
 * threshold themselves. One {@code putIfAbsent} per generation decides which request trips it, so
 * that a throttle is logged, counted and listed once. A new generation starts from zero counts, so
 * a range freed (by time or by an admin) is judged on what follows.
 */
public final class PumpingGuard {

    /** What the guard says of one send. */
    public sealed interface Decision permits Admitted, Throttled {
    }

    public record Admitted() implements Decision {
    }

    /** @param tripped whether this send tripped the throttle (the one to log and count) */
    public record Throttled(NumberRange range, Instant until, boolean tripped) implements Decision {
    }

    /** A throttled range, for admins. */
    public record Throttle(NumberRange range, Instant until, int strikes) {
    }

    /** How long a range remembers its strikes after a cool-off. */
    static final Duration MEMORY = Duration.ofDays(1);
    /** How many throttled ranges the listing holds at once. */
    static final int LISTED = 64;
    private static final String GENERATION = "g";
    private static final String STRIKES = "s";
    private static final String UNTIL = "u";
    private static final String RANGE = "r";

    private record State(long generation, int strikes, Instant until) {
        static final State NEW = new State(0, 0, Instant.EPOCH);
    }

    private final SingleUseObjectProvider store;
    private final TicketCounter tickets;
    private final Clock clock;
    private final Set<String> written;

    /** @param written the keys this request has put already ({@link RequestWrites}) */
    public PumpingGuard(SingleUseObjectProvider store, Clock clock, Set<String> written) {
        this.store = store;
        this.tickets = new TicketCounter(store, written);
        this.clock = clock;
        this.written = written;
    }

    /** Counts one code to the unproven number {@code e164}, or refuses it. */
    public Decision admit(GuardPolicy policy, String realmId, String e164) {
        List<Judged> judged = judged(policy, e164);
        Instant now = clock.instant();
        List<State> states = new ArrayList<>(judged.size());
        for (Judged range : judged) {
            State state = state(realmId, range.range());
            if (state.until().isAfter(now)) {
                return new Throttled(range.range(), state.until(), false);
            }
            states.add(state);
        }
        for (int i = 0; i < judged.size(); i++) {
            Judged range = judged.get(i);
            if (overThreshold(policy, realmId, range, states.get(i), now)) {
                return trip(policy, realmId, range.range(), states.get(i), now);
            }
        }
        return new Admitted();
    }

    /** A code to the unproven number {@code e164} came back: its ranges count a confirmation. */
    public void confirmed(GuardPolicy policy, String realmId, String e164) {
        long period = period(policy, clock.instant());
        for (Judged range : judged(policy, e164)) {
            State state = state(realmId, range.range());
            tickets.take(counterKey(realmId, "confirms", range.range(), state, period), lifespan(policy));
        }
    }

    /** The ranges throttled now, as far as the listing holds them. */
    public List<Throttle> throttled(String realmId) {
        Instant now = clock.instant();
        List<Throttle> throttled = new ArrayList<>();
        for (int i = 0; i < LISTED; i++) {
            Map<String, String> entry = store.get(listingKey(realmId, i) + "@" + RANGE);
            if (entry == null || entry.get(RANGE) == null) {
                continue;
            }
            NumberRange range = new NumberRange(entry.get(RANGE));
            State state = state(realmId, range);
            if (state.until().isAfter(now) && throttled.stream().noneMatch(t -> t.range().equals(range))) {
                throttled.add(new Throttle(range, state.until(), state.strikes()));
            }
        }
        return throttled;
    }

    /**
     * Frees a range now, with its strikes forgotten: what follows is judged from zero.
     *
     * @return false when the range was not throttled
     */
    public boolean lift(String realmId, NumberRange range) {
        State state = state(realmId, range);
        if (!state.until().isAfter(clock.instant())) {
            return false;
        }
        putState(realmId, range, new State(state.generation() + 1, 0, Instant.EPOCH), MEMORY);
        for (int i = 0; i < LISTED; i++) {
            Map<String, String> entry = store.get(listingKey(realmId, i) + "@" + RANGE);
            if (entry != null && range.prefix().equals(entry.get(RANGE))) {
                store.remove(listingKey(realmId, i));
                store.remove(listingKey(realmId, i) + "@" + RANGE);
            }
        }
        return true;
    }

    /** A range and the sends that judge it. */
    private record Judged(NumberRange range, int minSends) {
    }

    private static List<Judged> judged(GuardPolicy policy, String e164) {
        List<Judged> judged = new ArrayList<>(2);
        if (policy.countrySends() > 0) {
            NumberRange.countryOf(e164).ifPresent(country -> judged.add(new Judged(country, policy.countrySends())));
        }
        if (policy.blockSends() > 0) {
            NumberRange.blockOf(e164).ifPresent(block -> judged.add(new Judged(block, policy.blockSends())));
        }
        return judged;
    }

    /**
     * Takes this send's ticket and says whether the sends before it were enough to judge and too
     * rarely confirmed. Counts are read only once enough sends were made to judge.
     */
    private boolean overThreshold(GuardPolicy policy, String realmId, Judged judged, State state, Instant now) {
        long period = period(policy, now);
        double previousWeight = 1 - elapsedShare(policy, now);
        OptionalLong ticket = tickets.take(counterKey(realmId, "sends", judged.range(), state, period), lifespan(policy));
        if (ticket.isEmpty()) {
            // More sends to one range in flight at this instant than any sign-up traffic makes.
            return true;
        }
        double sends = ticket.getAsLong()
                + previousWeight * tickets.counted(counterKey(realmId, "sends", judged.range(), state, period - 1));
        if (sends < judged.minSends()) {
            return false;
        }
        double confirmed = tickets.counted(counterKey(realmId, "confirms", judged.range(), state, period))
                + previousWeight * tickets.counted(counterKey(realmId, "confirms", judged.range(), state, period - 1));
        return confirmed * 100 < sends * policy.confirmedPercent();
    }

    private Throttled trip(GuardPolicy policy, String realmId, NumberRange range, State state, Instant now) {
        Duration coolOff = policy.coolOff(state.strikes());
        Instant until = now.plus(coolOff);
        String tripKey = LimitKeys.of(realmId, "guard-trip", range.prefix() + "/" + state.generation());
        if (!store.putIfAbsent(tripKey, Math.max(1, coolOff.toSeconds()))) {
            return new Throttled(range, until, false);
        }
        putState(realmId, range, new State(state.generation() + 1, state.strikes() + 1, until), coolOff.plus(MEMORY));
        list(realmId, range, coolOff);
        return new Throttled(range, until, true);
    }

    /** Puts the range in the first free place of the listing, for as long as its cool-off lasts. */
    private void list(String realmId, NumberRange range, Duration coolOff) {
        for (int i = 0; i < LISTED; i++) {
            if (store.putIfAbsent(listingKey(realmId, i), Math.max(1, coolOff.toSeconds()))) {
                String entry = listingKey(realmId, i) + "@" + RANGE;
                if (written.add(entry)) {
                    store.put(entry, Math.max(1, coolOff.toSeconds()), Map.of(RANGE, range.prefix()));
                }
                return;
            }
        }
    }

    private State state(String realmId, NumberRange range) {
        Map<String, String> notes = store.get(stateKey(realmId, range));
        if (notes == null) {
            return State.NEW;
        }
        try {
            return new State(Long.parseLong(notes.get(GENERATION)), Integer.parseInt(notes.get(STRIKES)),
                    Instant.ofEpochMilli(Long.parseLong(notes.get(UNTIL))));
        } catch (NumberFormatException e) {
            return State.NEW;
        }
    }

    private void putState(String realmId, NumberRange range, State state, Duration lifespan) {
        String key = stateKey(realmId, range);
        if (written.add(key)) {
            store.put(key, Math.max(1, lifespan.toSeconds()), Map.of(GENERATION, Long.toString(state.generation()),
                    STRIKES, Integer.toString(state.strikes()), UNTIL, Long.toString(state.until().toEpochMilli())));
        }
    }

    private static String stateKey(String realmId, NumberRange range) {
        return LimitKeys.of(realmId, "guard-state", range.prefix());
    }

    private static String listingKey(String realmId, int index) {
        return LimitKeys.of(realmId, "guard-listed", realmId) + "#" + index;
    }

    private static String counterKey(String realmId, String counted, NumberRange range, State state, long period) {
        return LimitKeys.of(realmId, "guard-" + counted, range.prefix() + "/" + state.generation() + "/" + period);
    }

    private static long period(GuardPolicy policy, Instant now) {
        return Math.floorDiv(now.toEpochMilli(), policy.window().toMillis());
    }

    private static double elapsedShare(GuardPolicy policy, Instant now) {
        return (double) Math.floorMod(now.toEpochMilli(), policy.window().toMillis()) / policy.window().toMillis();
    }

    /** Counts live through their own period and the next, where they weigh on the sliding window. */
    private static long lifespan(GuardPolicy policy) {
        return policy.window().multipliedBy(2).toSeconds();
    }
}
