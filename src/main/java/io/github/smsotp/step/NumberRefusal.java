package io.github.smsotp.step;

import java.util.Optional;

import org.keycloak.events.EventBuilder;

/**
 * The event of a number the realm sends no code to, wherever a number enters: typed at
 * registration, enrollment or phone sign-in, or found on the account when a code is due.
 */
public final class NumberRefusal {

    public static final String ERROR = "sms_otp_number_refused";
    /** The refused number's type, e.g. {@code premium-rate}. */
    public static final String EVENT_NUMBER_TYPE = "sms_otp_number_type";

    private NumberRefusal() {
    }

    /**
     * @param reason {@code number_type}, {@code invalid_number}, ...
     * @param type   the number's type, where that is the reason
     */
    public static void report(EventBuilder event, String reason, Optional<String> type) {
        details(event, reason, type).error(ERROR);
    }

    /** The event's details alone, where Keycloak sends the event itself (a registration form's). */
    public static EventBuilder details(EventBuilder event, String reason, Optional<String> type) {
        type.ifPresent(refused -> event.detail(EVENT_NUMBER_TYPE, refused));
        return event.detail(SmsOtpStep.EVENT_REASON, reason);
    }
}
