package io.github.smsotp.authenticator;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.github.smsotp.challenge.AuthSessionNotes;
import io.github.smsotp.challenge.ChallengeStore;
import io.github.smsotp.challenge.OtpChallenges;
import io.github.smsotp.challenge.RealmHmacKeys;
import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.phone.MaskedPhone;
import io.github.smsotp.phone.PhoneNumbers;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Everything one request of the SMS step works with: the validated config, the user's number, the
 * sender and the tab's challenge. Opening it fails with a clear page, never an exception, when the
 * config or the user's number is unusable.
 */
final class SmsOtpStep {

    private static final Logger LOG = Logger.getLogger(SmsOtpStep.class);

    static final String TEMPLATE = "sms-otp-code.ftl";

    final AuthenticationFlowContext context;
    final SmsOtpConfig config;
    final String phone;
    final SenderChoice sender;
    final ChallengeStore store;
    final OtpChallenges challenges;
    final Clock clock;

    private SmsOtpStep(AuthenticationFlowContext context, SmsOtpConfig config, String phone, SenderChoice sender,
                       ChallengeStore store, OtpChallenges challenges, Clock clock) {
        this.context = context;
        this.config = config;
        this.phone = phone;
        this.sender = sender;
        this.store = store;
        this.challenges = challenges;
        this.clock = clock;
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
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        ChallengeStore store = new ChallengeStore(new AuthSessionNotes(authSession));
        String binding = authSession.getParentSession().getId() + "/" + authSession.getTabId();
        OtpChallenges challenges = new OtpChallenges(store,
                new RealmHmacKeys(context.getSession(), context.getRealm()), binding, clock);
        return Optional.of(new SmsOtpStep(context, config, phone.get(), sender, store, challenges, clock));
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
