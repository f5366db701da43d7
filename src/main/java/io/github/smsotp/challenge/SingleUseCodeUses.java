package io.github.smsotp.challenge;

import java.time.Duration;

import org.keycloak.models.SingleUseObjectProvider;

/** {@link SpentCodes} in Keycloak's single-use store: atomic and replicated across a cluster. */
public final class SingleUseSpentCodes implements SpentCodes {

    private final SingleUseObjectProvider store;

    public SingleUseSpentCodes(SingleUseObjectProvider store) {
        this.store = store;
    }

    @Override
    public boolean markSpent(String codeId, Duration keepFor) {
        return store.putIfAbsent("sms-otp:spent:" + codeId, Math.max(1, keepFor.toSeconds()));
    }
}
