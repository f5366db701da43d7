package io.github.smsotp.step;

import io.github.smsotp.events.SmsOtpEvents;
import io.github.smsotp.limits.PumpingGuard;
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

    private final SmsOtpStep step;

    PumpingCheck(SmsOtpStep step) {
        this.step = step;
    }

    /** Whether the guard refuses the code; the caller then shows the refusal. */
    boolean refuses() {
        PumpingGuard.Decision decision = step.guards.pumping().admit(step.config.guard(), step.realmId(), step.phone);
        if (!(decision instanceof PumpingGuard.Throttled throttled)) {
            return false;
        }
        NumberRange range = throttled.range();
        String realm = step.context.realm().getName();
        if (throttled.tripped()) {
            LOG.warnf("SMS pumping guard in realm '%s': too few codes to %s came back; codes to numbers not yet "
                    + "proven there are refused until %s", realm, range.shown(), throttled.until());
            step.metrics.rangeThrottled(realm, range.callingCode());
        }
        step.metrics.guardRefused(realm, range.callingCode());
        step.context.event().detail(SmsOtpEvents.CALLING_CODE, range.callingCode()).detail(SmsOtpEvents.RANGE, range.shown());
        return true;
    }
}
