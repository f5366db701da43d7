package io.github.smsotp.authenticator;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

import io.github.smsotp.challenge.OtpChallenges.PendingCode;
import io.github.smsotp.challenge.SendHistory;
import io.github.smsotp.challenge.Verification;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSendException;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/**
 * The SMS code step. Sends a code on first arrival only; page reloads and re-posts show the
 * page without sending. Wrong and expired codes are failures Keycloak's brute-force detector
 * counts; resends, cooldowns and send failures are plain challenges. Nothing but the right code
 * lets the user through: a failed send leaves them on a page that offers to try again.
 */
public class SmsOtpAuthenticator implements Authenticator {

    private static final Logger LOG = Logger.getLogger(SmsOtpAuthenticator.class);

    static final String FIELD_CODE = "code";
    static final String FIELD_RESEND = "resend";
    static final String EVENT_PHONE = "sms_otp_phone";
    static final String ERROR_SEND_FAILED = "sms_otp_send_failed";

    private final Clock clock;

    public SmsOtpAuthenticator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Optional<SmsOtpStep> opened = SmsOtpStep.open(context, clock);
        if (opened.isEmpty()) {
            return;
        }
        SmsOtpStep step = opened.get();
        if (step.store.history().attempts() > 0) {
            // A reload or a return to this step: it never sends another (paid) SMS by itself.
            context.challenge(step.page(false, form -> { }));
            return;
        }
        deliver(step);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        Optional<SmsOtpStep> opened = SmsOtpStep.open(context, clock);
        if (opened.isEmpty()) {
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey(FIELD_RESEND)) {
            deliver(opened.get());
        } else {
            verify(opened.get(), form.getFirst(FIELD_CODE));
        }
    }

    private void deliver(SmsOtpStep step) {
        AuthenticationFlowContext context = step.context;
        SendHistory history = step.store.history();
        long wait = history.secondsUntilResend(clock.instant(), step.config.resendCooldown());
        if (wait > 0) {
            context.challenge(step.page(false, form -> form.setError("smsOtpResendWait", wait)));
            return;
        }
        if (history.attempts() >= step.config.sendsPerLogin()) {
            context.challenge(step.page(false, form -> form.setError("smsOtpSendLimit")));
            return;
        }
        PendingCode pending;
        SmsMessage message;
        try {
            pending = step.challenges.create(step.config.codeLength(), step.config.codeLifetime());
            message = new SmsMessage(step.phone, SmsText.render(context.getSession(), context.getUser(),
                    pending.code(), step.config.codeLifetime()));
        } catch (IOException | IllegalStateException e) {
            SmsOtpStep.showUnavailable(context, e);
            return;
        }
        // Counted before the call: a send that times out may still have been delivered and billed.
        step.store.save(history.attempted());
        try {
            step.sender.sender().send(message, step.sender.settings());
        } catch (SmsSendException e) {
            LOG.warnf("SMS step in realm '%s': sender '%s' failed: %s", context.getRealm().getName(),
                    step.sender.id(), e.getMessage());
            context.getEvent().detail(EVENT_PHONE, step.maskedPhone()).error(ERROR_SEND_FAILED);
            context.challenge(step.page(true, form -> form.setError("smsOtpSendFailed")));
            return;
        } catch (InvalidConfigException e) {
            SmsOtpStep.showUnavailable(context, e);
            return;
        }
        step.challenges.activate(pending);
        step.store.save(step.store.history().sent(clock.instant()));
        context.challenge(step.page(false, form -> form.setInfo("smsOtpCodeSent", step.maskedPhone())));
    }

    private void verify(SmsOtpStep step, String input) {
        AuthenticationFlowContext context = step.context;
        if (input == null || input.isBlank()) {
            context.challenge(step.page(false, form -> form.addError(new FormMessage(FIELD_CODE, "smsOtpMissingCode"))));
            return;
        }
        Verification result = step.challenges.verify(input, step.config.attemptsPerCode());
        context.getEvent().detail(EVENT_PHONE, step.maskedPhone());
        switch (result.outcome()) {
            case VERIFIED -> context.success();
            case WRONG -> fail(step, AuthenticationFlowError.INVALID_CREDENTIALS, Errors.INVALID_USER_CREDENTIALS,
                    new FormMessage(FIELD_CODE, "smsOtpWrongCode", result.attemptsLeft()));
            case EXHAUSTED -> fail(step, AuthenticationFlowError.INVALID_CREDENTIALS, Errors.INVALID_USER_CREDENTIALS,
                    new FormMessage(null, "smsOtpTooManyAttempts"));
            case EXPIRED -> fail(step, AuthenticationFlowError.EXPIRED_CODE, Errors.EXPIRED_CODE,
                    new FormMessage(null, "smsOtpCodeExpired"));
            case NO_CODE -> fail(step, AuthenticationFlowError.INVALID_CREDENTIALS, Errors.INVALID_USER_CREDENTIALS,
                    new FormMessage(null, "smsOtpNoActiveCode"));
        }
    }

    /** A failure Keycloak's brute-force detector counts, shown on the code page. */
    private void fail(SmsOtpStep step, AuthenticationFlowError error, String eventError, FormMessage message) {
        step.context.getEvent().error(eventError);
        step.context.failureChallenge(error, step.page(false, form -> {
            if (message.getField() == null) {
                form.setError(message.getMessage(), message.getParameters());
            } else {
                form.addError(message);
            }
        }));
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    /**
     * Keycloak asks this without the execution's config, so it cannot know which attribute holds
     * the number; the step itself checks and shows a clear page when the number is missing.
     */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // Enrollment of a number is not offered by this step.
    }

    @Override
    public void close() {
        // stateless
    }
}
