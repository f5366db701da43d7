package io.github.smsotp.step;

import java.util.Optional;

import io.github.smsotp.events.SmsOtpEvents;
import org.keycloak.events.EventBuilder;

/**
 * The event of a number the realm sends no code to, wherever a number enters: typed at
 * registration, enrollment or phone sign-in, or found on the account when a code is due.
 */
public final class NumberRefusal {

    private NumberRefusal() {
    }

    /**
     * @param reason {@code number_type}, {@code invalid_number}, ...
     * @param type   the number's type, where that is the reason
     */
    public static void report(EventBuilder event, String reason, Optional<String> type) {
        details(event, reason, type).error(SmsOtpEvents.NUMBER_REFUSED);
    }

    /** The event's details alone, where Keycloak sends the event itself (a registration form's). */
    public static EventBuilder details(EventBuilder event, String reason, Optional<String> type) {
        type.ifPresent(refused -> event.detail(SmsOtpEvents.NUMBER_TYPE, refused));
        return event.detail(SmsOtpEvents.REASON, reason);
    }
}
