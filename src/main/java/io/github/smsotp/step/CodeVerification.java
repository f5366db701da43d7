package io.github.smsotp.step;

import java.time.Instant;
import java.util.Optional;

import io.github.smsotp.challenge.Verification;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;
import org.keycloak.models.utils.FormMessage;

/**
 * Checks a submitted code. Every wrong, expired or stale submission is a failure for the context
 * (in a login flow: {@code failureChallenge} and the realm's brute-force detection) and counts
 * towards our own lockout.
 */
final class CodeVerification {

    private final SmsOtpStep step;
    private final StepContext context;
    private final CodePage page;

    CodeVerification(SmsOtpStep step) {
        this.step = step;
        this.context = step.context;
        this.page = step.page;
    }

    /** @param trustAsked whether the user ticked "Don't ask for a code on this browser" */
    void verify(String input, boolean trustAsked) {
        if (input == null || input.isBlank()) {
            context.show(page.render(false, form -> form.addError(new FormMessage(SmsOtpStep.FIELD_CODE, "smsOtpMissingCode"))));
            return;
        }
        String keycloakRefusal = context.refusedByKeycloak();
        if (keycloakRefusal != null) {
            // The same answer as a wrong code, even for the right one: a lockout is not disclosed.
            context.event().error(keycloakRefusal);
            step.metrics.verification(context.realm().getName(), keycloakRefusal);
            context.showRefusal(page.render(false, form -> form.addError(new FormMessage(SmsOtpStep.FIELD_CODE, "smsOtpWrongCode"))));
            return;
        }
        Optional<Instant> locked = step.guards.failures().lockedUntil(step.config.limits(), step.realmId(), step.limitSubject());
        if (locked.isPresent()) {
            step.errorEvent(Errors.USER_TEMPORARILY_DISABLED, "locked");
            step.metrics.verification(context.realm().getName(), "locked");
            context.showRefusal(page.render(false, form -> form.setError("smsOtpLocked", step.minutesUntil(locked.get()))));
            return;
        }
        Verification result = step.challenges.verify(input, step.config.attemptsPerCode());
        if (result == Verification.VERIFIED && context.dispatch() == Dispatch.WITHHELD) {
            // A code nobody was sent: guessing it right proves nothing.
            result = Verification.WRONG;
        }
        if (result == Verification.VERIFIED) {
            if (step.toUnprovenNumber()) {
                // The code came back: the number's ranges are not being pumped, whatever the account does next.
                step.guards.pumping().confirmed(step.config.guard(), step.realmId(), step.phone);
            }
            step.guards.failures().recordSuccess(step.config.limits(), step.realmId(), step.limitSubject());
            step.metrics.verification(context.realm().getName(), "verified");
            if (trustAsked) {
                step.trustBrowser();
            }
            context.succeed(step.phone);
            return;
        }
        step.guards.failures().recordFailure(step.config.limits(), step.realmId(), step.limitSubject());
        context.reportWrongCode();
        switch (result) {
            case WRONG -> fail(AuthenticationFlowError.INVALID_CREDENTIALS, Errors.INVALID_USER_CREDENTIALS, "wrong",
                    new FormMessage(SmsOtpStep.FIELD_CODE, "smsOtpWrongCode"));
            case EXHAUSTED -> fail(AuthenticationFlowError.INVALID_CREDENTIALS, Errors.INVALID_USER_CREDENTIALS,
                    "attempts_exhausted", new FormMessage(null, "smsOtpTooManyAttempts"));
            case EXPIRED -> fail(AuthenticationFlowError.EXPIRED_CODE, Errors.EXPIRED_CODE, "expired",
                    new FormMessage(null, "smsOtpCodeExpired"));
            default -> fail(AuthenticationFlowError.INVALID_CREDENTIALS, Errors.INVALID_USER_CREDENTIALS, "no_code",
                    new FormMessage(null, "smsOtpNoActiveCode"));
        }
    }

    /** A failure as Keycloak's own OTP form reports it, shown on the code page. */
    private void fail(AuthenticationFlowError error, String eventError, String reason, FormMessage message) {
        step.errorEvent(eventError, reason);
        step.metrics.verification(context.realm().getName(), reason);
        context.showFailure(error, page.render(false, form -> {
            if (message.getField() == null) {
                form.setError(message.getMessage(), message.getParameters());
            } else {
                form.addError(message);
            }
        }));
    }
}
