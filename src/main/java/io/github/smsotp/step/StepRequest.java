package io.github.smsotp.step;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.smsotp.events.SmsOtpEvents;
import io.github.smsotp.phone.MaskedPhone;
import io.github.smsotp.settings.SmsOtpConfig;

/**
 * What one request of the code step is about: where it runs, the settings it reads, the number
 * codes go to and what the code is for. The step's collaborators get it from the step, with the
 * other parts each one needs, and read nothing else of the step.
 *
 * @param phone the E.164 number codes go to
 */
record StepRequest(StepContext context, SmsOtpConfig config, String phone, CodePurpose purpose, Clock clock) {

    String realmId() {
        return context.realm().getId();
    }

    String realmName() {
        return context.realm().getName();
    }

    /** Whose sends and wrong codes the per-user limits and lockout count. */
    String limitSubject() {
        return context.limitSubject();
    }

    /** Whether the code goes to a number nobody has proven yet: anyone may ask for those. */
    boolean toUnprovenNumber() {
        return purpose.enrollment();
    }

    String maskedPhone() {
        return MaskedPhone.mask(phone);
    }

    /** An error event with our reason detail. */
    void errorEvent(String error, String reason) {
        context.event().detail(SmsOtpEvents.REASON, reason).error(error);
    }

    /** Whole minutes (at least one) until a moment, for messages. */
    long minutesUntil(Instant moment) {
        long seconds = Math.max(0, Duration.between(clock.instant(), moment).toSeconds());
        return Math.max(1, (seconds + 59) / 60);
    }
}
