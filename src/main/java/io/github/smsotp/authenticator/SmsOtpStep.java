package io.github.smsotp.authenticator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.github.smsotp.challenge.AuthSessionNotes;
import io.github.smsotp.challenge.ChallengeStore;
import io.github.smsotp.challenge.OtpChallenges;
import io.github.smsotp.challenge.RealmHmacKeys;
import io.github.smsotp.challenge.SingleUseSpentCodes;
import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.limits.FailureGuard;
import io.github.smsotp.limits.SendLimiter;
import io.github.smsotp.limits.SlotCounter;
import io.github.smsotp.phone.MaskedPhone;
import io.github.smsotp.phone.PhoneNumbers;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Everything one request of the SMS step works with: the validated config, the user's number, the
 * sender, the tab's challenge and the cluster-wide limits. Opening it fails with a clear page,
 * never an exception, when the config or the user's number is unusable.
 */
final class SmsOtpStep {

    private static final Logger LOG = Logger.getLogger(SmsOtpStep.class);

    static final String TEMPLATE = "sms-otp-code.ftl";
    static final String EVENT_PHONE = "sms_otp_phone";
    static final String EVENT_REASON = "sms_otp_reason";

    final AuthenticationFlowContext context;
    final SmsOtpConfig config;
    final String phone;
    final SenderChoice sender;
    final ChallengeStore store;
    final OtpChallenges challenges;
    final SendLimiter limiter;
    final FailureGuard failures;
    final Clock clock;

    private SmsOtpStep(AuthenticationFlowContext context, SmsOtpConfig config, String phone, SenderChoice sender,
                       Clock clock) {
        this.context = context;
        this.config = config;
        this.phone = phone;
        this.sender = sender;
        this.clock = clock;
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        SingleUseObjectProvider singleUse = context.getSession().singleUseObjects();
        SlotCounter counter = new SlotCounter(singleUse, clock);
        this.store = new ChallengeStore(new AuthSessionNotes(authSession));
        this.challenges = new OtpChallenges(store, new RealmHmacKeys(context.getSession(), context.getRealm()),
                authSession.getParentSession().getId() + "/" + authSession.getTabId(), clock,
                new SingleUseSpentCodes(singleUse));
        this.limiter = new SendLimiter(counter);
        this.failures = new FailureGuard(singleUse, counter, clock);
    }

    static Optional<SmsOtpStep> open(AuthenticationFlowContext context, Clock clock) {
        context.getEvent().user(context.getUser());
        ConfigReader executionConfig = ConfigReader.of(configMap(context.getAuthenticatorConfig()));
        SmsOtpConfig config;
        SenderChoice sender;
        try {
            config = SmsOtpConfig.from(executionConfig);
            sender = SenderChoice.resolve(context.getSession(), config, executionConfig);
        } catch (InvalidConfigException e) {
            showUnavailable(context, e);
            return Optional.empty();
        }
        String rawPhone = context.getUser().getFirstAttribute(config.phoneAttribute());
        Optional<String> phone = PhoneNumbers.toE164(rawPhone, null);
        if (phone.isEmpty()) {
            LOG.warnf("SMS step in realm '%s': user '%s' has no valid E.164 number in attribute '%s'",
                    context.getRealm().getName(), context.getUser().getId(), config.phoneAttribute());
            context.getEvent().error("sms_otp_no_phone");
            context.challenge(context.form().setError("smsOtpNoPhone").createErrorPage(Response.Status.BAD_REQUEST));
            return Optional.empty();
        }
        context.getEvent().detail(EVENT_PHONE, MaskedPhone.mask(phone.get()));
        return Optional.of(new SmsOtpStep(context, config, phone.get(), sender, clock));
    }

    /** A misconfigured step: the admin learns which key from the log, the user gets a generic page. */
    static void showUnavailable(AuthenticationFlowContext context, Exception cause) {
        LOG.errorf("SMS step in realm '%s' (execution %s) is misconfigured: %s",
                context.getRealm().getName(), context.getExecution().getId(), cause.getMessage());
        context.getEvent().error("sms_otp_misconfigured");
        context.challenge(context.form().setError("smsOtpNotAvailable").createErrorPage(Response.Status.BAD_REQUEST));
    }

    String maskedPhone() {
        return MaskedPhone.mask(phone);
    }

    String realmId() {
        return context.getRealm().getId();
    }

    String userId() {
        return context.getUser().getId();
    }

    /**
     * The event error when Keycloak itself refuses this user (disabled, or locked by the realm's
     * brute-force detection), as Keycloak's own forms decide it.
     */
    Optional<String> refusedByKeycloak() {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        if (!user.isEnabled()) {
            return Optional.of(Errors.USER_DISABLED);
        }
        if (!realm.isBruteForceProtected()) {
            return Optional.empty();
        }
        BruteForceProtector protector = context.getProtector();
        if (protector.isPermanentlyLockedOut(session, realm, user)) {
            return Optional.of(Errors.USER_DISABLED);
        }
        if (protector.isTemporarilyDisabled(session, realm, user)) {
            return Optional.of(Errors.USER_TEMPORARILY_DISABLED);
        }
        return Optional.empty();
    }

    /** An error event with our reason detail. */
    void errorEvent(String error, String reason) {
        context.getEvent().detail(EVENT_REASON, reason).error(error);
    }

    /** Whole minutes (at least one) until a moment, for messages. */
    long minutesUntil(Instant moment) {
        long seconds = Math.max(0, Duration.between(clock.instant(), moment).toSeconds());
        return Math.max(1, (seconds + 59) / 60);
    }

    /** The code page in the tab's current state, after {@code messages} added any errors or notes. */
    Response page(boolean sendFailed, Consumer<LoginFormsProvider> messages) {
        long wait = store.history().secondsUntilResend(clock.instant(), config.resendCooldown());
        boolean sendsLeft = store.history().attempts() < config.sendsPerLogin();
        LoginFormsProvider form = context.form().setAttribute("smsOtp", new CodePageBean(maskedPhone(),
                config.codeLength(), challenges.hasLiveCode(), wait, sendsLeft, sendFailed));
        messages.accept(form);
        return form.createForm(TEMPLATE);
    }

    private static Map<String, String> configMap(AuthenticatorConfigModel model) {
        return model == null ? null : model.getConfig();
    }
}
