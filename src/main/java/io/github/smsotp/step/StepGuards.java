package io.github.smsotp.step;

import java.time.Clock;

import io.github.smsotp.limits.FailureGuard;
import io.github.smsotp.limits.PumpingGuard;
import io.github.smsotp.limits.RequestWrites;
import io.github.smsotp.limits.SendLimiter;
import io.github.smsotp.limits.SlotCounter;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * The cluster-wide rules one request of the step answers to, over Keycloak's single-use store: the
 * send limits, the pumping guard (for codes to numbers nobody has proven) and the lockout after
 * wrong codes.
 */
record StepGuards(SendLimiter limiter, PumpingGuard pumping, FailureGuard failures) {

    static StepGuards of(KeycloakSession session, Clock clock) {
        SingleUseObjectProvider singleUse = session.singleUseObjects();
        SlotCounter counter = new SlotCounter(singleUse, clock, RequestWrites.of(session));
        return new StepGuards(new SendLimiter(counter), new PumpingGuard(singleUse, clock, RequestWrites.of(session)),
                new FailureGuard(singleUse, counter, clock));
    }
}
