package io.github.smsotp.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * The step's meters, in Micrometer's global registry as Keycloak's own event metrics are: with
 * {@code --metrics-enabled=true} they appear on the management {@code /metrics} endpoint, otherwise
 * they cost next to nothing. Tags hold only bounded values (realm, sender id, outcome or limit
 * name), never a number or a user.
 */
public final class SmsOtpMetrics {

    static final String CODES_SENT = "sms.otp.codes.sent";
    static final String SEND_FAILURES = "sms.otp.send.failures";
    static final String SEND_DURATION = "sms.otp.send.duration";
    static final String SENDS_REFUSED = "sms.otp.sends.refused";
    static final String VERIFICATIONS = "sms.otp.verifications";
    static final String DELIVERY = "sms.otp.delivery";
    static final String GUARD_REFUSED = "sms.otp.guard.refused";
    static final String GUARD_THROTTLES = "sms.otp.guard.throttles";

    private static final SmsOtpMetrics GLOBAL = new SmsOtpMetrics(Metrics.globalRegistry);

    private final MeterRegistry registry;

    SmsOtpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public static SmsOtpMetrics global() {
        return GLOBAL;
    }

    /** A code reached a sender that accepted it. */
    public void codeSent(String realm, String sender) {
        Counter.builder(CODES_SENT).description("SMS codes accepted by a sender")
                .tag("realm", realm).tag("sender", sender).register(registry).increment();
    }

    /** One call to a sender, successful or not, and how long it took. */
    public void sendAttempt(String realm, String sender, Duration took, boolean failed) {
        Timer.builder(SEND_DURATION).description("Time a sender took to accept or refuse an SMS")
                .tag("sender", sender).tag("outcome", failed ? "failure" : "success")
                .register(registry).record(took);
        if (failed) {
            Counter.builder(SEND_FAILURES).description("SMS sends a sender could not deliver")
                    .tag("realm", realm).tag("sender", sender).register(registry).increment();
        }
    }

    /** A send that a rule refused before any sender was called, by the rule's name. */
    public void sendRefused(String realm, String rule) {
        Counter.builder(SENDS_REFUSED).description("SMS sends refused by a limit or rule")
                .tag("realm", realm).tag("limit", rule).register(registry).increment();
    }

    /** A code to a number nobody has proven, refused by the pumping guard, by the number's calling code. */
    public void guardRefused(String realm, String callingCode) {
        Counter.builder(GUARD_REFUSED).description("Codes the pumping guard refused, by country calling code")
                .tag("realm", realm).tag("calling_code", callingCode).register(registry).increment();
    }

    /** The pumping guard throttled a number range (a country or a block of it), by calling code. */
    public void rangeThrottled(String realm, String callingCode) {
        Counter.builder(GUARD_THROTTLES).description("Number ranges the pumping guard throttled, by country calling code")
                .tag("realm", realm).tag("calling_code", callingCode).register(registry).increment();
    }

    /** A submitted code, by outcome ({@code verified}, {@code wrong}, {@code expired}, ...). */
    public void verification(String realm, String outcome) {
        Counter.builder(VERIFICATIONS).description("Submitted SMS codes by outcome")
                .tag("realm", realm).tag("outcome", outcome).register(registry).increment();
    }

    /** A provider's delivery receipt, by the status it reported ({@code delivered}, {@code failed}, ...). */
    public void delivery(String realm, String sender, String status) {
        Counter.builder(DELIVERY).description("Delivery receipts from SMS providers by status")
                .tag("realm", realm).tag("sender", sender).tag("status", status).register(registry).increment();
    }
}
