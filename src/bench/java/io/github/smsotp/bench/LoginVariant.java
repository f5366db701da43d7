package io.github.smsotp.bench;

/** The sign-ins the benchmark compares, each a client bound to its own flow. */
enum LoginVariant {
    PASSWORD("A", "bench-password", Factor.NONE),
    TOTP("B", "bench-totp", Factor.TOTP),
    SMS("C", "bench-sms", Factor.SMS),
    SMS_200("C", "bench-sms-200", Factor.SMS),
    SMS_1000("C", "bench-sms-1000", Factor.SMS),
    /** The gateway's port refuses connections: the code page, then "could not send" on it. */
    SMS_REFUSED("C", "bench-sms-refused", Factor.SEND_FAILS),
    /** The gateway accepts the connection and never answers. */
    SMS_HANGING("C", "bench-sms-hanging", Factor.SEND_FAILS),
    /** The one sign-in that spends the realm's budget of one SMS (in the warm-up). */
    SMS_BUDGET_FIRST("C", "bench-sms-budget-spent", Factor.SMS),
    /** The realm's SMS budget is spent: every send is refused before any gateway call. */
    SMS_BUDGET_SPENT("C", "bench-sms-budget-spent", Factor.REFUSED);

    enum Factor { NONE, TOTP, SMS, SEND_FAILS, REFUSED }

    final String scenario;
    final String clientId;
    final Factor factor;

    LoginVariant(String scenario, String clientId, Factor factor) {
        this.scenario = scenario;
        this.clientId = clientId;
        this.factor = factor;
    }
}
