package io.github.smsotp.step;

import java.time.Clock;
import java.util.Optional;

import io.github.smsotp.challenge.ChallengeStore;
import io.github.smsotp.challenge.OtpChallenges;
import io.github.smsotp.challenge.RealmHmacKeys;
import io.github.smsotp.challenge.SingleUseCodeUses;
import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.delivery.DeliveryLedger;
import io.github.smsotp.events.SmsOtpEvents;
import io.github.smsotp.metrics.SmsOtpMetrics;
import io.github.smsotp.phone.MaskedPhone;
import io.github.smsotp.settings.SmsOtpConfig;
import io.github.smsotp.trust.TrustedBrowsers;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

/**
 * The code step, as every entry point uses it: open it for a request (which fails with a clear page,
 * never an exception, when the config is unusable), then let the user arrive or answer. It puts
 * together what one request works with (the {@link StepRequest}, the tab's code, the cluster-wide
 * {@link StepGuards}, the {@link Senders} and the {@link CodePage}) and hands each collaborator
 * ({@link CodeDelivery}, {@link CodeVerification}) the parts it needs; none of them reads the step.
 */
public final class SmsOtpStep {

    private static final Logger LOG = Logger.getLogger(SmsOtpStep.class);

    private final StepRequest request;
    private final StepContext context;
    /** What this login keeps between requests. */
    private final LoginState state;
    /** The tab's send history and pending code. */
    private final ChallengeStore store;
    private final OtpChallenges challenges;
    private final StepGuards guards;
    private final Senders senders;
    private final CodePage page;

    private SmsOtpStep(StepRequest request, Senders senders) {
        this.request = request;
        this.context = request.context();
        this.senders = senders;
        this.state = context.channel().state(request.config());
        this.store = state.challenge();
        this.challenges = new OtpChallenges(store, new RealmHmacKeys(context.session(), context.realm()),
                state.binding() + "/" + request.phone(),
                request.clock(), new SingleUseCodeUses(context.session().singleUseObjects()));
        this.guards = StepGuards.of(context.session(), request.clock());
        this.page = new CodePage(request, state, store, challenges, senders);
    }

    /**
     * @param phone      the E.164 number codes go to
     * @param purpose    what the code is for, which decides what its page says and offers
     */
    public static Optional<SmsOtpStep> open(StepContext context, ConfigReader settings, String phone, Clock clock,
                                            CodePurpose purpose) {
        SmsOtpConfig config;
        try {
            config = SmsOtpConfig.from(settings);
        } catch (InvalidConfigException e) {
            showUnavailable(context, e);
            return Optional.empty();
        }
        return open(context, config, settings, phone, clock, purpose);
    }

    /**
     * As {@link #open(StepContext, ConfigReader, String, Clock, CodePurpose)}, with the settings read already.
     *
     * @param settings the settings as written, where the senders read their own
     */
    public static Optional<SmsOtpStep> open(StepContext context, SmsOtpConfig config, ConfigReader settings,
                                            String phone, Clock clock, CodePurpose purpose) {
        SenderChoice sender;
        Optional<VoiceChoice> voice;
        Optional<WhatsAppChoice> whatsApp;
        Optional<VerifyChoice> verify;
        try {
            sender = SenderChoice.resolve(context.session(), config, settings, phone);
            verify = VerifyChoice.resolve(context.session(), config, settings);
            // Where a Verify API makes the codes, it calls and sends by WhatsApp too.
            voice = verify.isPresent() ? Optional.empty() : VoiceChoice.resolve(context.session(), config, settings);
            whatsApp = verify.isPresent() ? Optional.empty() : WhatsAppChoice.resolve(context.session(), config,
                    settings);
        } catch (InvalidConfigException e) {
            showUnavailable(context, e);
            return Optional.empty();
        }
        context.event().detail(SmsOtpEvents.PHONE, MaskedPhone.mask(phone));
        SmsOtpStep step = new SmsOtpStep(new StepRequest(context, config, phone, purpose, clock),
                new Senders(sender, voice, whatsApp, verify, new DeliveryLedger(context.session().singleUseObjects()),
                        settings));
        step.page.readLatestSend();
        return Optional.of(step);
    }

    /**
     * Checks the realm's settings as {@link #open} will use them: the code settings, the senders
     * they name and their settings. For the realm's SMS tab and the admin API, before settings are
     * saved; a sender left empty there is judged where a step runs (see {@link SenderChoice#check}).
     *
     * @throws InvalidConfigException naming the first bad key
     */
    public static void check(KeycloakSession session, ConfigReader settings) {
        SmsOtpConfig config = SmsOtpConfig.from(settings);
        SenderChoice.check(session, config, settings);
        if (VerifyChoice.resolve(session, config, settings).isEmpty()) {
            VoiceChoice.resolve(session, config, settings);
            WhatsAppChoice.resolve(session, config, settings);
        }
    }

    /** A misconfigured step: the admin learns which key from the log, the user gets a generic page. */
    public static void showUnavailable(StepContext context, Exception cause) {
        LOG.errorf("SMS step in realm '%s' is misconfigured: %s", context.realm().getName(), cause.getMessage());
        context.event().error(SmsOtpEvents.MISCONFIGURED);
        context.show(context.channel().errorPage("smsOtpNotAvailable"));
    }

    /** The code page's fields, the one definition every entry point and template shares. */
    public static final String FIELD_CODE = "code";
    public static final String FIELD_RESEND = "resend";
    public static final String FIELD_CALL = "call";
    /** "Send by SMS instead" (or by the next channel, whichever it is). */
    public static final String FIELD_NEXT_CHANNEL = "next-channel";

    /**
     * The user arrives at the step: the first time a code is sent; a reload, or a return to the
     * step, shows the page and never sends another (paid) SMS by itself.
     */
    public void arrive() {
        if (attemptedSend()) {
            context.show(page(Notice.none()));
        } else {
            deliver();
        }
    }

    /**
     * The second factor arrives: a number this login proved already, or a browser the user trusts
     * for it, passes without a code; otherwise as {@link #arrive()}.
     */
    public void arriveAsSecondFactor() {
        String phone = request.phone();
        if (state.provenBefore(context.user(), phone)) {
            context.event().detail(SmsOtpEvents.PROVEN_IN_THIS_LOGIN, "true");
            context.pass();
        } else if (request.config().trustBrowserDays() > 0
                && TrustedBrowsers.honours(context.session(), context.realm(), context.user(), phone)) {
            // Passed, not proven: no "otp" success, which would clear the user's second-factor failures.
            context.event().detail(SmsOtpEvents.TRUSTED_BROWSER, "true");
            SmsOtpMetrics.global().verification(request.realmName(), "trusted_browser");
            context.pass();
        } else {
            arrive();
        }
    }

    /** The user submitted the code page: "Send a new code", or a code to check. */
    public void answer(MultivaluedMap<String, String> form) {
        if (form.containsKey(FIELD_RESEND)) {
            deliver();
        } else if (form.containsKey(FIELD_CALL)) {
            delivery().call();
        } else if (form.containsKey(FIELD_NEXT_CHANNEL)) {
            delivery().byNextChannel();
        } else {
            verification().verify(form.getFirst(FIELD_CODE), form.containsKey(TrustedBrowsers.FIELD));
        }
    }

    /**
     * An app's token request: without a code it asks for one (a repeat within the cooldown sends
     * nothing); with one, the code is checked, with no browser to trust.
     */
    public void answerTokenRequest(String code) {
        if (code == null || code.isBlank()) {
            deliver();
        } else {
            verification().verify(code, false);
        }
    }

    private CodeVerification verification() {
        return new CodeVerification(request, challenges, guards, page, new ProviderCodes(request, senders));
    }

    /** Sends a new code, unless a rule refuses it. */
    public void deliver() {
        delivery().deliver();
    }

    private CodeDelivery delivery() {
        return new CodeDelivery(request, store, challenges, guards, senders, page);
    }

    /** Whether this tab has asked the gateway for a code before (whether or not it went out). */
    public boolean attemptedSend() {
        return store.history().attempts() > 0;
    }

    /**
     * Forgets the tab's code, for a new number. The send history stays: the per-login cap and the
     * cooldown span every number tried in this login, or typing number after number would send without end.
     */
    public void forgetCode() {
        store.clearChallenge();
    }

    /** The code page in the tab's current state, with what it says besides. */
    public Response page(Notice notice) {
        return page.render(notice);
    }

    /** The E.164 number codes go to. */
    public String phone() {
        return request.phone();
    }
}
