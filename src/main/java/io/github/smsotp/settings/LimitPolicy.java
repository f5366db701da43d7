package io.github.smsotp.settings;

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

    public static final String USER_SENDS = "limit-user-sends-per-hour";
    public static final String NUMBER_SENDS = "limit-number-sends-per-10-minutes";
    public static final String IP_SENDS = "limit-ip-sends-per-hour";
    public static final String REALM_SENDS = "limit-realm-sends-per-hour";
    public static final String UNPROVEN_SENDS = "limit-unproven-sends-per-hour";
    public static final String MAX_FAILURES = "lockout-after-failures";
    public static final String FAILURE_WINDOW = "lockout-failure-window-minutes";
    public static final String LOCKOUT = "lockout-minutes";

    public static final int DEFAULT_USER_SENDS = 10;
    public static final int DEFAULT_NUMBER_SENDS = 5;
    public static final int DEFAULT_IP_SENDS = 30;
    public static final int DEFAULT_REALM_SENDS = 1000;
    /** Where the realm's budget is off, the unproven numbers' budget is this unless set. */
    public static final int DEFAULT_UNPROVEN_SENDS = 100;
    public static final int DEFAULT_MAX_FAILURES = 10;
    public static final int DEFAULT_FAILURE_WINDOW = 60;
    public static final int DEFAULT_LOCKOUT = 15;

    public static final Duration HOUR = Duration.ofHours(1);
    public static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    public static LimitPolicy from(ConfigReader config) {
        int realm = config.intIn(REALM_SENDS, DEFAULT_REALM_SENDS, 0, 1_000_000);
        return new LimitPolicy(
                config.intIn(USER_SENDS, DEFAULT_USER_SENDS, 0, 1000),
                config.intIn(NUMBER_SENDS, DEFAULT_NUMBER_SENDS, 0, 1000),
                config.intIn(IP_SENDS, DEFAULT_IP_SENDS, 0, 100_000),
                realm,
                unprovenSends(config, realm),
                config.intIn(MAX_FAILURES, DEFAULT_MAX_FAILURES, 0, 100),
                Duration.ofMinutes(config.intIn(FAILURE_WINDOW, DEFAULT_FAILURE_WINDOW, 1, 24 * 60)),
                Duration.ofMinutes(config.intIn(LOCKOUT, DEFAULT_LOCKOUT, 1, 24 * 60)));
    }

    /** Below the realm's budget, so that codes to proven numbers always keep a part of it. */
    private static int unprovenSends(ConfigReader config, int realm) {
        if (config.get(UNPROVEN_SENDS).isEmpty()) {
            return realm == 0 ? DEFAULT_UNPROVEN_SENDS : Math.max(1, realm / 10);
        }
        int unproven = config.intIn(UNPROVEN_SENDS, 0, 0, 1_000_000);
        if (realm > 0 && (unproven == 0 || unproven >= realm)) {
            throw config.invalid(UNPROVEN_SENDS, "must be from 1 to " + (realm - 1) + ", below '" + REALM_SENDS
                    + "' (" + realm + "), so that sign-ins keep a part of the realm's budget; was '" + unproven + "'");
        }
        return unproven;
    }
}
