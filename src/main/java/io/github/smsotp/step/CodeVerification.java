package io.github.smsotp.step;

import java.time.Instant;
import java.util.Optional;

import io.github.smsotp.challenge.OtpChallenges;
import io.github.smsotp.challenge.Verification;
import io.github.smsotp.events.SmsOtpEvents;
import io.github.smsotp.metrics.SmsOtpMetrics;
import io.github.smsotp.settings.SmsOtpConfig;
import io.github.smsotp.trust.TrustedBrowsers;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;

/**
 * Checks a submitted code. Every wrong, expired or stale submission is a failure for the context
 * (in a login flow: {@code failureChallenge} and the realm's brute-force detection) and counts
 * towards our own lockout.
 */
final class CodeVerification {

    private final StepRequest request;
    private final StepContext context;
    private final SmsOtpConfig config;
    private final OtpChallenges challenges;
    private final StepGuards guards;
    private final CodePage page;
    /** Answers for codes a provider's Verify API made. */
    private final OtpChallenges.ProviderCheck provider;
    private final SmsOtpMetrics metrics = SmsOtpMetrics.global();

    CodeVerification(StepRequest request, OtpChallenges challenges, StepGuards guards, CodePage page,
                     OtpChallenges.ProviderCheck provider) {
        this.request = request;
        this.context = request.context();
        this.config = request.config();
        this.challenges = challenges;
        this.guards = guards;
        this.page = page;
        this.provider = provider;
    }

    /** @param trustAsked whether the user ticked "Don't ask for a code on this browser" */
    void verify(String input, boolean trustAsked) {
        if (input == null || input.isBlank()) {
            context.show(page.render(Notice.codeError("smsOtpMissingCode")));
            return;
        }
        String keycloakRefusal = context.refusedByKeycloak();
        if (keycloakRefusal != null) {
            // The same answer as a wrong code, even for the right one: a lockout is not disclosed.
            context.event().error(keycloakRefusal);
            metrics.verification(context.realm().getName(), keycloakRefusal);
            context.showRefusal(page.render(Notice.codeError("smsOtpWrongCode")));
            return;
        }
        Optional<Instant> locked = guards.failures().lockedUntil(config.limits(), request.realmId(), request.limitSubject());
        if (locked.isPresent()) {
            request.errorEvent(Errors.USER_TEMPORARILY_DISABLED, "locked");
            metrics.verification(context.realm().getName(), "locked");
            context.showRefusal(page.render(Notice.error("smsOtpLocked", request.minutesUntil(locked.get()))));
            return;
        }
        Verification result = challenges.verify(input, config.attemptsPerCode(), provider);
        if (result == Verification.UNCHECKED) {
            // Not the user's doing, and no failure: the page of a failed send, whose "Try again" sends at once.
            request.errorEvent(SmsOtpEvents.SEND_FAILED, VerifyChoice.NAME);
            metrics.verification(context.realm().getName(), "unchecked");
            page.checkFailed();
            context.show(page.render(Notice.none()));
            return;
        }
        if (result == Verification.VERIFIED && context.dispatch() == Dispatch.WITHHELD) {
            // A code nobody was sent: guessing it right proves nothing.
            result = Verification.WRONG;
        }
        if (result == Verification.VERIFIED) {
            if (request.toUnprovenNumber()) {
                // The code came back: the number's ranges are not being pumped, whatever the account does next.
                guards.pumping().confirmed(config.guard(), request.realmId(), request.phone());
            }
            guards.failures().recordSuccess(config.limits(), request.realmId(), request.limitSubject());
            metrics.verification(context.realm().getName(), "verified");
            if (trustAsked) {
                trustBrowser();
            }
            context.succeed(request.phone());
            return;
        }
        if (result != Verification.NO_CODE || context.channel().missingCodeCounts()) {
            guards.failures().recordFailure(config.limits(), request.realmId(), request.limitSubject());
            context.reportWrongCode();
        }
        switch (result) {
            case WRONG -> fail(AuthenticationFlowError.INVALID_CREDENTIALS, Errors.INVALID_USER_CREDENTIALS, "wrong",
                    Notice.codeError("smsOtpWrongCode"));
            case EXHAUSTED -> fail(AuthenticationFlowError.INVALID_CREDENTIALS, Errors.INVALID_USER_CREDENTIALS,
                    "attempts_exhausted", Notice.error("smsOtpTooManyAttempts"));
            case EXPIRED -> fail(AuthenticationFlowError.EXPIRED_CODE, Errors.EXPIRED_CODE, "expired",
                    Notice.error("smsOtpCodeExpired"));
            default -> fail(AuthenticationFlowError.INVALID_CREDENTIALS, Errors.INVALID_USER_CREDENTIALS, "no_code",
                    Notice.error("smsOtpNoActiveCode"));
        }
    }

    /** A failure as Keycloak's own OTP form reports it, shown on the code page. */
    private void fail(AuthenticationFlowError error, String eventError, String reason, Notice notice) {
        request.errorEvent(eventError, reason);
        metrics.verification(context.realm().getName(), reason);
        context.showFailure(error, page.render(notice));
    }

    /** Trusts this browser where the step allows it: a second factor's page offers it, nothing else's. */
    private void trustBrowser() {
        if (request.purpose() == CodePurpose.SIGN_IN && config.trustBrowserDays() > 0) {
            TrustedBrowsers.trust(context.session(), context.realm(), context.user(), request.phone(),
                    config.trustBrowserDays());
        }
    }
}
