package io.github.smsotp.step;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.github.smsotp.challenge.ChallengeStore;
import io.github.smsotp.challenge.OtpChallenges.PendingCode;
import io.github.smsotp.challenge.OtpChallenges;
import io.github.smsotp.challenge.SendHistory;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.events.SmsOtpEvents;
import io.github.smsotp.limits.SendLimiter.Channel;
import io.github.smsotp.limits.SendLimiter;
import io.github.smsotp.metrics.SmsOtpMetrics;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.sender.VoiceMessage;
import io.github.smsotp.settings.EnrollmentSettings;
import io.github.smsotp.settings.SmsOtpConfig;
import org.jboss.logging.Logger;

/**
 * Sends a new code, after every rule that could refuse it: Keycloak's own lockout, our failure
 * lockout, the allowed number types and countries, the resend cooldown, the per-login cap, the
 * pumping guard (for numbers nobody has proven) and the cluster-wide send limits. All refusals are
 * challenges (never failures) and events with a reason; none reaches the sender.
 */
final class CodeDelivery {

    private static final Logger LOG = Logger.getLogger(CodeDelivery.class);

    private final StepRequest request;
    private final StepContext context;
    private final SmsOtpConfig config;
    /** The tab's send history and pending code. */
    private final ChallengeStore store;
    private final OtpChallenges challenges;
    private final StepGuards guards;
    private final Senders senders;
    private final CodePage page;
    private final SmsOtpMetrics metrics = SmsOtpMetrics.global();

    CodeDelivery(StepRequest request, ChallengeStore store, OtpChallenges challenges, StepGuards guards,
                 Senders senders, CodePage page) {
        this.request = request;
        this.context = request.context();
        this.config = request.config();
        this.store = store;
        this.challenges = challenges;
        this.guards = guards;
        this.senders = senders;
        this.page = page;
    }

    /** A new code by SMS. */
    void deliver() {
        deliver(Channel.SMS);
    }

    /** A new code read aloud in a call, where the page offers one. */
    void call() {
        if (!page.callOffered()) {
            // Only the page's button asks for a call, and only where it is shown.
            context.show(page.render(false, Notice.none()));
            return;
        }
        deliver(Channel.VOICE);
    }

    private void deliver(Channel channel) {
        String keycloakRefusal = context.refusedByKeycloak();
        if (keycloakRefusal != null) {
            // Says nothing about the lockout, like Keycloak's own forms; just sends nothing.
            context.event().error(keycloakRefusal);
            metrics.sendRefused(context.realm().getName(), keycloakRefusal);
            context.show(page.render(false, Notice.none()));
            return;
        }
        Optional<Instant> locked = guards.failures().lockedUntil(config.limits(), request.realmId(), request.limitSubject());
        if (locked.isPresent()) {
            refuse("locked", "smsOtpLocked", request.minutesUntil(locked.get()));
            return;
        }
        Optional<String> refusedType = config.numberTypes().refusal(request.phone());
        if (context.dispatch() != Dispatch.WITHHELD && refusedType.isPresent()) {
            // A number from before the rule, or one an admin or a directory provided.
            NumberRefusal.report(context.event(), EnrollmentSettings.Result.NUMBER_TYPE, refusedType);
            metrics.sendRefused(context.realm().getName(), EnrollmentSettings.Result.NUMBER_TYPE);
            context.show(context.channel().errorPage(EnrollmentSettings.Result.messageFor(refusedType.get())));
            return;
        }
        if (context.dispatch() != Dispatch.WITHHELD && !config.allowedCountries().allows(request.phone())) {
            request.errorEvent(SmsOtpEvents.SEND_REFUSED, "country");
            metrics.sendRefused(context.realm().getName(), "country");
            context.show(context.channel().errorPage("smsOtpCountryNotAllowed"));
            return;
        }
        SendHistory history = store.history();
        long wait = history.secondsUntilResend(request.clock().instant(), config.resendCooldown());
        if (wait > 0) {
            refuse("cooldown", "smsOtpResendWait", wait);
            return;
        }
        if (history.attempts() >= config.sendsPerLogin()) {
            refuse("login_cap", "smsOtpSendLimit");
            return;
        }
        // The text is checked before the first rule that counts anything: a broken text is the admin's
        // error, shown as such, and must cost the user neither a send slot nor an attempt.
        SmsText text;
        try {
            text = channel == Channel.SMS ? SmsText.prepare(context.session(), context.user(), config)
                    : SmsText.prepareSpoken(context.session(), context.user(), config);
        } catch (IOException | InvalidConfigException e) {
            SmsOtpStep.showUnavailable(context, e);
            return;
        }
        if (request.toUnprovenNumber() && new PumpingCheck(request, guards.pumping()).refuses()) {
            // The page keeps "Use another number"; nothing says which numbers would pass.
            refuse(PumpingCheck.REASON, "smsOtpRangeThrottled");
            return;
        }
        if (!store.claimSend(history)) {
            // Another request of this login read the same history and is sending: one code, not two,
            // and one send counted by the limits below.
            refuse("concurrent_send", "smsOtpResendWait", Math.max(1, config.resendCooldown().toSeconds()));
            return;
        }
        SendLimiter.Decision decision = guards.limiter().trySend(channel, config.limits(), request.realmId(),
                request.limitSubject(), request.phone(), context.clientAddress(), request.toUnprovenNumber());
        if (decision instanceof SendLimiter.Refused refused) {
            // No send: the next request may claim it again (and be refused while the limit lasts).
            store.releaseSend(history);
            refuse(refused.limit().name().toLowerCase(Locale.ROOT) + "_limit", "smsOtpLimitReached",
                    request.minutesUntil(refused.retryAt()));
            return;
        }
        send(history, text, channel);
    }

    private void send(SendHistory history, SmsText text, Channel channel) {
        PendingCode pending;
        String said;
        try {
            pending = challenges.create(config.codeLength(), config.codeLifetime());
            said = text.render(pending.code());
        } catch (IllegalStateException | InvalidConfigException e) {
            SmsOtpStep.showUnavailable(context, e);
            return;
        }
        // Counted before the call: a send that times out may still have been delivered and billed.
        store.save(history.attempted());
        if (channel == Channel.VOICE) {
            // A call has no receipts: the page keeps what the SMS's receipt said, for the call button.
            callNow(pending, new VoiceMessage(request.phone(), said, text.locale()));
            return;
        }
        SenderChoice.Tracking tracking = page.newSend();
        SmsMessage message = new SmsMessage(request.phone(), said);
        switch (context.dispatch()) {
            case IN_REQUEST -> sendNow(pending, message, tracking);
            case AFTER_RESPONSE -> {
                AfterResponseSend.schedule(request, senders.settings(), message, tracking);
                sent(pending);
            }
            case WITHHELD -> sent(pending);
        }
    }

    private void sendNow(PendingCode pending, SmsMessage message, SenderChoice.Tracking tracking) {
        String deliveredBy;
        try {
            SenderChoice.Sent sent = senders.sms().send(message, context.realm().getName(), Optional.of(tracking));
            sent.messageId().ifPresent(id -> senders.ledger().track(request.realmId(), sent.senderId(), id, tracking.sendId()));
            deliveredBy = sent.senderId();
        } catch (SmsSendException e) {
            LOG.warnf("SMS step in realm '%s': sender '%s' failed: %s", context.realm().getName(),
                    senders.sms().primaryId(), e.getMessage());
            request.errorEvent(SmsOtpEvents.SEND_FAILED, senders.sms().primaryId());
            context.show(page.render(true, Notice.error("smsOtpSendFailed")));
            return;
        }
        metrics.codeSent(context.realm().getName(), deliveredBy);
        page.sentBy(deliveredBy);
        LOG.infof("SMS code sent in realm '%s' to %s via '%s'", context.realm().getName(), request.maskedPhone(),
                deliveredBy);
        sent(pending);
    }

    /** Calls the number (only where the page offered it: the code goes out within the request). */
    private void callNow(PendingCode pending, VoiceMessage message) {
        String realm = context.realm().getName();
        try {
            senders.voice().orElseThrow().call(message, realm);
        } catch (SmsSendException e) {
            LOG.warnf("SMS step in realm '%s': the call failed: %s", realm, e.getMessage());
            request.errorEvent(SmsOtpEvents.SEND_FAILED, VoiceChoice.NAME);
            context.show(page.render(true, Notice.error("smsOtpCallFailed")));
            return;
        }
        metrics.codeSent(realm, VoiceChoice.NAME);
        LOG.infof("SMS step code read in a call in realm '%s' to %s", realm, request.maskedPhone());
        page.sentBy(VoiceChoice.NAME);
        sent(pending, Notice.info("smsOtpCalling"));
    }

    /** The code page after a send, the same whether the SMS went, is on its way or was withheld. */
    private void sent(PendingCode pending) {
        sent(pending, page.sentNotice());
    }

    private void sent(PendingCode pending, Notice notice) {
        challenges.activate(pending);
        store.save(store.history().sent(request.clock().instant()));
        context.event().detail(SmsOtpEvents.SENDS, Integer.toString(store.history().attempts()));
        context.show(page.render(false, notice));
    }

    private void refuse(String reason, String messageKey, Object... parameters) {
        request.errorEvent(SmsOtpEvents.SEND_REFUSED, reason);
        metrics.sendRefused(context.realm().getName(), reason);
        context.show(page.render(false, Notice.error(messageKey, parameters)));
    }
}
