package io.github.smsotp.settings;

import static io.github.smsotp.settings.SettingsRegistry.FAILURE_WINDOW;
import static io.github.smsotp.settings.SettingsRegistry.IP_SENDS;
import static io.github.smsotp.settings.SettingsRegistry.LOCKOUT;
import static io.github.smsotp.settings.SettingsRegistry.MAX_FAILURES;
import static io.github.smsotp.settings.SettingsRegistry.NUMBER_SENDS;
import static io.github.smsotp.settings.SettingsRegistry.REALM_SENDS;
import static io.github.smsotp.settings.SettingsRegistry.UNPROVEN_SENDS;
import static io.github.smsotp.settings.SettingsRegistry.USER_SENDS;

import java.time.Duration;

import io.github.smsotp.config.ConfigReader;

/**
 * The cross-login limits of one flow execution. A limit of 0 switches that limit off.
 * Defaults follow common provider practice: 5 SMS per number per 10 minutes (Twilio Verify),
 * 10 per user per hour (Auth0); 10 consecutive wrong codes lock the SMS step for 15 minutes,
 * well inside NIST SP 800-63B's ceiling of 100.
 *
 * @param sendsToUnprovenPerHour the part of the realm's budget that codes to numbers nobody has
 *                               proven yet (registration, enrollment) may spend: strangers can ask
 *                               for those, and must never spend what sign-ins need. Unset: a tenth
 *                               of the realm's budget (100 of 1,000), or 100 where the realm has none.
 */
public record LimitPolicy(int sendsPerUserPerHour, int sendsPerNumberPer10Minutes, int sendsPerIpPerHour,
                          int sendsPerRealmPerHour, int sendsToUnprovenPerHour, int maxConsecutiveFailures,
                          Duration failureWindow, Duration lockout) {

    /** Where the realm's budget is off, the unproven numbers' budget is this unless set. */
    public static final int DEFAULT_UNPROVEN_SENDS = 100;

    public static final Duration HOUR = Duration.ofHours(1);
    public static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    public static LimitPolicy from(ConfigReader config) {
        int realm = REALM_SENDS.number(config);
        return new LimitPolicy(
                USER_SENDS.number(config),
                NUMBER_SENDS.number(config),
                IP_SENDS.number(config),
                realm,
                unprovenSends(config, realm),
                MAX_FAILURES.number(config),
                Duration.ofMinutes(FAILURE_WINDOW.number(config)),
                Duration.ofMinutes(LOCKOUT.number(config)));
    }

    /** Below the realm's budget, so that codes to proven numbers always keep a part of it. */
    private static int unprovenSends(ConfigReader config, int realm) {
        if (UNPROVEN_SENDS.value(config).isEmpty()) {
            return realm == 0 ? DEFAULT_UNPROVEN_SENDS : Math.max(1, realm / 10);
        }
        int unproven = UNPROVEN_SENDS.number(config);
        if (realm > 0 && (unproven == 0 || unproven >= realm)) {
            throw UNPROVEN_SENDS.invalid(config, "must be from 1 to " + (realm - 1) + ", below '" + REALM_SENDS.key()
                    + "' (" + realm + "), so that sign-ins keep a part of the realm's budget; was '" + unproven + "'");
        }
        return unproven;
    }
}
