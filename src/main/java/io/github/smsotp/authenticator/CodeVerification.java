package io.github.smsotp.authenticator;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import io.github.smsotp.challenge.Verification;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.FormMessage;

/**
 * Checks a submitted code. Every wrong, expired or stale submission is a Keycloak failure
 * ({@code failureChallenge}), counts towards our own lockout, and counts towards the realm's
 * brute-force detection as a second-factor ("otp") failure, exactly like a wrong TOTP code.
 */
final class CodeVerification {

    /**
     * Keycloak's brute-force detector counts failures of the password, otp and recovery-code
     * categories only; the SMS code is a one-time password, so it reports under "otp".
     */
    private static final Set<String> BRUTE_FORCE_CATEGORY = Set.of("otp");

    static final String FIELD_CODE = "code";

    private final SmsOtpStep step;
    private final AuthenticationFlowContext context;

    CodeVerification(SmsOtpStep step) {
        this.step = step;
        this.context = step.context;
    }

    void verify(String input) {
        if (input == null || input.isBlank()) {
            context.challenge(step.page(false, form -> form.addError(new FormMessage(FIELD_CODE, "smsOtpMissingCode"))));
            return;
        }
        Optional<String> keycloakRefusal = step.refusedByKeycloak();
        if (keycloakRefusal.isPresent()) {
            // The same answer as a wrong code, even for the right one: a lockout is not disclosed.
            context.getEvent().error(keycloakRefusal.get());
            context.forceChallenge(step.page(false, form -> form.addError(new FormMessage(FIELD_CODE, "smsOtpWrongCode"))));
            return;
        }
        Optional<Instant> locked = step.failures.lockedUntil(step.config.limits(), step.realmId(), step.userId());
        if (locked.isPresent()) {
            step.errorEvent(Errors.USER_TEMPORARILY_DISABLED, "locked");
            context.forceChallenge(step.page(false, form -> form.setError("smsOtpLocked", step.minutesUntil(locked.get()))));
            return;
        }
        Verification result = step.challenges.verify(input, step.config.attemptsPerCode());
        if (result == Verification.VERIFIED) {
            step.failures.recordSuccess(step.config.limits(), step.realmId(), step.userId());
            context.success();
            return;
        }
        step.failures.recordFailure(step.config.limits(), step.realmId(), step.userId());
        reportToBruteForceDetection();
        switch (result) {
            case WRONG -> fail(AuthenticationFlowError.INVALID_CREDENTIALS, Errors.INVALID_USER_CREDENTIALS, "wrong",
                    new FormMessage(FIELD_CODE, "smsOtpWrongCode"));
            case EXHAUSTED -> fail(AuthenticationFlowError.INVALID_CREDENTIALS, Errors.INVALID_USER_CREDENTIALS,
                    "attempts_exhausted", new FormMessage(null, "smsOtpTooManyAttempts"));
            case EXPIRED -> fail(AuthenticationFlowError.EXPIRED_CODE, Errors.EXPIRED_CODE, "expired",
                    new FormMessage(null, "smsOtpCodeExpired"));
            default -> fail(AuthenticationFlowError.INVALID_CREDENTIALS, Errors.INVALID_USER_CREDENTIALS, "no_code",
                    new FormMessage(null, "smsOtpNoActiveCode"));
        }
    }

    private void reportToBruteForceDetection() {
        RealmModel realm = context.getRealm();
        if (realm.isBruteForceProtected()) {
            context.getProtector().failedLogin(realm, context.getUser(), context.getConnection(),
                    context.getUriInfo(), BRUTE_FORCE_CATEGORY);
        }
    }

    /** A failure as Keycloak's own OTP form reports it, shown on the code page. */
    private void fail(AuthenticationFlowError error, String eventError, String reason, FormMessage message) {
        step.errorEvent(eventError, reason);
        context.failureChallenge(error, step.page(false, form -> {
            if (message.getField() == null) {
                form.setError(message.getMessage(), message.getParameters());
            } else {
                form.addError(message);
            }
        }));
    }
}
