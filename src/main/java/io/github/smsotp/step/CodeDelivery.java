package io.github.smsotp.step;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.github.smsotp.challenge.ChallengeStore;
import io.github.smsotp.challenge.OtpChallenge;
import io.github.smsotp.challenge.OtpChallenges.PendingCode;
import io.github.smsotp.challenge.OtpChallenges;
import io.github.smsotp.challenge.SendHistory;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.events.SmsOtpEvents;
import io.github.smsotp.limits.SendLimiter.Channel;
import io.github.smsotp.limits.SendLimiter;
import io.github.smsotp.metrics.SmsOtpMetrics;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.VerifyRequest;
import io.github.smsotp.sender.VoiceMessage;
import io.github.smsotp.sender.WhatsAppMessage;
import io.github.smsotp.settings.ChannelOrder;
import io.github.smsotp.settings.EnrollmentSettings;
import io.github.smsotp.settings.SmsOtpConfig;
import org.keycloak.models.RealmModel;

/**
 * Sends a new code, after every rule that could refuse it: Keycloak's own lockout, our failure
 * lockout, the allowed number types and countries, the resend cooldown, the per-login cap, the
 * pumping guard (for numbers nobody has proven) and the cluster-wide send limits. All refusals are
 * challenges (never failures) and events with a reason; none reaches the sender.
 */
final class CodeDelivery {

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

    /** A new code by the tab's channel: the first of the step's channels, unless the user chose the next. */
    void deliver() {
        deliver(counted(page.textChannel()), false);
    }

    /** A new code by the channel after the tab's ("Send by SMS instead"), where the page offers it. */
    void byNextChannel() {
        Optional<ChannelOrder.Channel> next = page.nextChannelOffered();
        if (next.isEmpty()) {
            // Only the page's button asks for it, and only where it is shown.
            context.show(page.render(Notice.none()));
            return;
        }
        // WhatsApp could not deliver the latest code (the page's script presses this at once): no cooldown.
        boolean undelivered = page.whatsAppNotDelivered();
        page.switchTo(next.get());
        deliver(counted(next.get()), undelivered);
    }

    /** A new code read aloud in a call, where the page offers one. */
    void call() {
        if (!page.callOffered()) {
            // Only the page's button asks for a call, and only where it is shown.
            context.show(page.render(Notice.none()));
            return;
        }
        deliver(Channel.VOICE, false);
    }

    /** @param cooldownWaived the latest code never reached the phone: a new one may go at once */
    private void deliver(Channel channel, boolean cooldownWaived) {
        String keycloakRefusal = context.refusedByKeycloak();
        if (keycloakRefusal != null) {
            // Says nothing about the lockout, like Keycloak's own forms; just sends nothing.
            context.event().error(keycloakRefusal);
            metrics.sendRefused(context.realm().getName(), keycloakRefusal);
            context.show(page.render(Notice.none()));
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
        // After a send that failed, "Try again" works at once, as does the next channel after a code WhatsApp
        // could not deliver: the cooldown is there to space codes that reached the phone.
        long wait = page.latestSendFailed() || cooldownWaived ? 0 : history.secondsUntilResend(request.clock().instant(),
                config.resendCooldown());
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
            // WhatsApp's wording is its template's; the SMS text is for the SMS that may follow it.
            text = channel == Channel.VOICE ? SmsText.prepareSpoken(context.session(), context.user(), config)
                    : SmsText.prepare(context.session(), context.user(), config);
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
        if (senders.verify().isPresent()) {
            sendByProvider(history, text.locale(), channel);
            return;
        }
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
            String sendId = page.newSend(VoiceChoice.NAME).sendId();
            page.ended(CodeSend.call(request, senders.settings(), new VoiceMessage(request.phone(), said,
                    text.locale()), sendId));
            sent(pending.challenge(), Notice.info("smsOtpCalling"));
            return;
        }
        if (channel == Channel.WHATSAPP) {
            SenderChoice.Tracking tracking = page.newSend(WhatsAppChoice.NAME);
            if (context.dispatch() != Dispatch.WITHHELD) {
                // Where SMS follows WhatsApp, a send WhatsApp cannot make goes out by SMS at once.
                Optional<SmsMessage> fallback = smsFollowsWhatsApp() ? Optional.of(new SmsMessage(request.phone(), said))
                        : Optional.empty();
                page.ended(CodeSend.whatsApp(request, senders, new WhatsAppMessage(request.phone(),
                        pending.code(), text.locale()), fallback, tracking));
            }
            sent(pending.challenge(), page.sentNotice());
            return;
        }
        SenderChoice.Tracking tracking = page.newSend(senders.sms().primaryId());
        if (context.dispatch() != Dispatch.WITHHELD) {
            page.ended(CodeSend.sms(request, senders, new SmsMessage(request.phone(), said), tracking));
        }
        sent(pending.challenge(), page.sentNotice());
    }

    /**
     * A code the provider's Verify API makes and sends by the channel's way: the step holds the code's
     * id and expiry, never the code, and counts its tries as for its own.
     */
    private void sendByProvider(SendHistory history, Locale language, Channel channel) {
        VerifyRequest.Channel by = switch (channel) {
            case VOICE -> VerifyRequest.Channel.CALL;
            case WHATSAPP -> VerifyRequest.Channel.WHATSAPP;
            case SMS -> VerifyRequest.Channel.SMS;
        };
        SenderChoice.Tracking tracking = page.newSend(VerifyChoice.nameOf(by));
        OtpChallenge code = challenges.delegated(tracking.sendId(), config.codeLifetime());
        // Counted before the call, as for our own codes.
        store.save(history.attempted());
        if (context.dispatch() != Dispatch.WITHHELD) {
            RealmModel realm = context.realm();
            VerifyRequest message = new VerifyRequest(request.phone(), by, language, config.codeLength(),
                    Optional.ofNullable(realm.getDisplayName()).filter(name -> !name.isBlank()).orElse(realm.getName()));
            Optional<VerifyRequest> bySms = by == VerifyRequest.Channel.WHATSAPP && smsFollowsWhatsApp()
                    ? Optional.of(message.by(VerifyRequest.Channel.SMS)) : Optional.empty();
            page.ended(CodeSend.verify(request, senders, message, bySms, tracking));
        }
        sent(code, by == VerifyRequest.Channel.CALL ? Notice.info("smsOtpCalling") : page.sentNotice());
    }

    /** Whether SMS follows WhatsApp in the step's channels: a send WhatsApp cannot make goes by SMS. */
    private boolean smsFollowsWhatsApp() {
        return config.channels().after(ChannelOrder.Channel.WHATSAPP).filter(ChannelOrder.Channel.SMS::equals)
                .isPresent();
    }

    /** The limits a channel's sends count against. */
    private static Channel counted(ChannelOrder.Channel channel) {
        return channel == ChannelOrder.Channel.WHATSAPP ? Channel.WHATSAPP : Channel.SMS;
    }

    /**
     * The code page after a send, the same whether the SMS is on its way or was withheld (where the
     * request waited for the gateway, it says a failed send; see {@link CodeSend}).
     */
    private void sent(OtpChallenge code, Notice notice) {
        challenges.activate(code);
        store.save(store.history().sent(request.clock().instant()));
        context.event().detail(SmsOtpEvents.SENDS, Integer.toString(store.history().attempts()));
        context.event().detail(SmsOtpEvents.CHANNEL, page.channelShown());
        context.show(page.render(notice));
    }

    private void refuse(String reason, String messageKey, Object... parameters) {
        request.errorEvent(SmsOtpEvents.SEND_REFUSED, reason);
        metrics.sendRefused(context.realm().getName(), reason);
        context.show(page.render(Notice.error(messageKey, parameters)));
    }
}
