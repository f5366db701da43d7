package io.github.smsotp.challenge;

import java.time.Duration;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * {@link CodeUses} in Keycloak's single-use store. Only {@code putIfAbsent} is used: it is atomic
 * across the cluster and acts at once, where {@code put} would wait for the end of the request.
 */
public final class SingleUseCodeUses implements CodeUses {

    private static final String PREFIX = "sms-otp:";

    private final SingleUseObjectProvider store;

    public SingleUseCodeUses(SingleUseObjectProvider store) {
        this.store = store;
    }

    @Override
    public int claimTry(String codeId, int maxTries, Duration keepFor) {
        for (int number = 1; number <= maxTries; number++) {
            if (store.putIfAbsent(PREFIX + "try:" + codeId + "#" + number, lifespan(keepFor))) {
                return number;
            }
        }
        return 0;
    }

    @Override
    public boolean markSpent(String codeId, Duration keepFor) {
        return store.putIfAbsent(PREFIX + "spent:" + codeId, lifespan(keepFor));
    }

    private static long lifespan(Duration keepFor) {
        return Math.max(1, keepFor.toSeconds());
    }
}
