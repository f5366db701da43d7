package io.github.smsotp.limits;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.github.smsotp.settings.LimitPolicy;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Our own count of consecutive wrong codes per user, across codes, logins and cluster nodes, for
 * realms without Keycloak's brute-force detection. Reaching the limit within the window locks the
 * SMS step (sending and verifying) for the lockout period; a right code resets the count, a new
 * code never does.
 */
public final class FailureGuard {

    private static final String UNTIL = "until";

    private final SingleUseObjectProvider store;
    private final SlotCounter counter;
    private final Clock clock;

    public FailureGuard(SingleUseObjectProvider store, SlotCounter counter, Clock clock) {
        this.store = store;
        this.counter = counter;
        this.clock = clock;
    }

    /** When the user's lockout ends, if the user is locked out now. */
    public Optional<Instant> lockedUntil(LimitPolicy policy, String realmId, String userId) {
        if (policy.maxConsecutiveFailures() <= 0) {
            return Optional.empty();
        }
        Map<String, String> lock = store.get(lockKey(realmId, userId));
        if (lock == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(lock.get(UNTIL))));
        } catch (NumberFormatException e) {
            return Optional.of(clock.instant().plus(policy.lockout()));
        }
    }

    /** Counts a wrong code; returns true when this one locked the user out. */
    public boolean recordFailure(LimitPolicy policy, String realmId, String userId) {
        int limit = policy.maxConsecutiveFailures();
        if (limit <= 0) {
            return false;
        }
        String failures = failuresKey(realmId, userId);
        SlotCounter.Claim claim = counter.tryClaim(failures, limit, policy.failureWindow());
        if (claim instanceof SlotCounter.Claimed claimed) {
            counter.confirm(claimed);
        }
        boolean full = claim instanceof SlotCounter.Full || counter.count(failures, limit) >= limit;
        if (!full) {
            return false;
        }
        Instant until = clock.instant().plus(policy.lockout());
        store.put(lockKey(realmId, userId), policy.lockout().toSeconds(),
                Map.of(UNTIL, Long.toString(until.toEpochMilli())));
        counter.clear(failures, limit);
        return true;
    }

    /**
     * A right code: the count starts again. Most users never typed a wrong one, and then this is a
     * single look-up rather than a removal per slot (each a round trip on a cluster).
     */
    public void recordSuccess(LimitPolicy policy, String realmId, String userId) {
        String failures = failuresKey(realmId, userId);
        if (policy.maxConsecutiveFailures() > 0 && counter.anyClaimed(failures)) {
            counter.clear(failures, policy.maxConsecutiveFailures());
        }
    }

    private static String failuresKey(String realmId, String userId) {
        return LimitKeys.of(realmId, "failures", userId);
    }

    private static String lockKey(String realmId, String userId) {
        return LimitKeys.of(realmId, "locked", userId);
    }
}
