package io.github.smsotp.step;

import io.github.smsotp.events.SmsOtpEvents;
import io.github.smsotp.limits.PumpingGuard;
import io.github.smsotp.metrics.SmsOtpMetrics;
import io.github.smsotp.phone.NumberRange;
import org.jboss.logging.Logger;

/**
 * Asks the pumping guard before a code goes to a number nobody has proven, and records what it did:
 * a refusal puts the range on the event and counts it by country; a throttle is logged once, when
 * it trips, never per send.
 */
final class PumpingCheck {

    private static final Logger LOG = Logger.getLogger(PumpingCheck.class);

    static final String REASON = "range_throttled";

    private final StepRequest request;
    private final PumpingGuard guard;

    PumpingCheck(StepRequest request, PumpingGuard guard) {
        this.request = request;
        this.guard = guard;
    }

    /** Whether the guard refuses the code; the caller then shows the refusal. */
    boolean refuses() {
        PumpingGuard.Decision decision = guard.admit(request.config().guard(), request.realmId(), request.phone());
        if (!(decision instanceof PumpingGuard.Throttled throttled)) {
            return false;
        }
        NumberRange range = throttled.range();
        String realm = request.realmName();
        if (throttled.tripped()) {
            LOG.warnf("SMS pumping guard in realm '%s': too few codes to %s came back; codes to numbers not yet "
                    + "proven there are refused until %s", realm, range.shown(), throttled.until());
            SmsOtpMetrics.global().rangeThrottled(realm, range.callingCode());
        }
        SmsOtpMetrics.global().guardRefused(realm, range.callingCode());
        request.context().event().detail(SmsOtpEvents.CALLING_CODE, range.callingCode()).detail(SmsOtpEvents.RANGE, range.shown());
        return true;
    }
}
