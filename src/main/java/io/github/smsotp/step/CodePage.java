package io.github.smsotp.step;

import java.util.Optional;
import java.util.UUID;

import io.github.smsotp.challenge.ChallengeStore;
import io.github.smsotp.challenge.OtpChallenges;
import io.github.smsotp.delivery.DeliveryAddresses;
import io.github.smsotp.delivery.SendOutcome;
import io.github.smsotp.events.SmsOtpEvents;
import io.github.smsotp.phone.PhoneNumbers;
import io.github.smsotp.sender.DeliveryStatus;
import io.github.smsotp.settings.ChannelOrder;
import io.github.smsotp.settings.SmsOtpConfig;
import jakarta.ws.rs.core.Response;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The code page in the tab's current state, and what the page knows of the tab's latest send: which
 * sender took it, what its receipt said, whether a call may be offered, and where the page asks for
 * news of it.
 */
final class CodePage {

    static final String TEMPLATE = "sms-otp-code.ftl";
    /** What the tab notes of its latest send when the Verify API could not check its code. */
    private static final String CHECK_FAILED = VerifyChoice.NAME + "-check";

    private final StepRequest request;
    private final StepContext context;
    private final SmsOtpConfig config;
    private final LoginState state;
    private final ChallengeStore store;
    private final OtpChallenges challenges;
    private final Senders senders;
    /** What became of the tab's latest send, once the gateway (and maybe a receipt) told it. */
    private Optional<SendOutcome> latest = Optional.empty();

    CodePage(StepRequest request, LoginState state, ChallengeStore store, OtpChallenges challenges, Senders senders) {
        this.request = request;
        this.context = request.context();
        this.config = request.config();
        this.state = state;
        this.store = store;
        this.challenges = challenges;
        this.senders = senders;
    }

    /**
     * Reads what became of this login's latest send, and puts it on this request's event: the sender
     * and channel that took it, and a final receipt (a failed send or receipt shows on the page too).
     */
    void readLatestSend() {
        state.sender().get().ifPresent(name -> context.event().detail(SmsOtpEvents.SENDER, name));
        latest = state.trackedSend().get().flatMap(send -> senders.ledger().outcome(request.realmId(), send));
        state.sender().get().ifPresent(name -> context.event().detail(SmsOtpEvents.CHANNEL, channelShown()));
        latest.ifPresent(outcome -> {
            context.event().detail(SmsOtpEvents.SENDER, outcome.senderId());
            outcome.delivery().ifPresent(receipt -> {
                context.event().detail(SmsOtpEvents.DELIVERY, receipt.status().label());
                receipt.errorCode().ifPresent(code -> context.event().detail(SmsOtpEvents.DELIVERY_ERROR, code));
            });
        });
    }

    /**
     * A new send of this tab, tried first through {@code triedFirst} (a sender, a route or the voice
     * channel): its id, noted for the tab's next pages where they report sends, and where receipts
     * for it go.
     */
    SenderChoice.Tracking newSend(String triedFirst) {
        String sendId = UUID.randomUUID().toString();
        if (context.dispatch() == Dispatch.REPORTED || context.dispatch() == Dispatch.IN_REQUEST) {
            state.sender().set(triedFirst);
            state.trackedSend().set(sendId);
        } else {
            state.trackedSend().forget();
        }
        latest = Optional.empty();
        // Read now, within the request (the send after the response has none to read it from), and
        // only for an SMS whose sender asks for receipts.
        boolean tracked = !calledLast() && senders.verify().isEmpty()
                && (senders.sms().tracksDelivery() || whatsAppReceiptsOn());
        return new SenderChoice.Tracking(tracked
                ? Optional.of(DeliveryAddresses.receiptBase(context.session(), context.realm())) : Optional.empty(), sendId);
    }

    /** The request waited for the send (see {@link Dispatch#IN_REQUEST}): this is what became of it. */
    void ended(Optional<SendOutcome> outcome) {
        outcome.ifPresent(known -> {
            latest = outcome;
            context.event().detail(SmsOtpEvents.SENDER, known.senderId());
        });
    }

    /**
     * The provider's Verify API could not check a code (it failed or timed out): the page of a failed
     * send, now and on the tab's next pages, where "Try again" sends a new code at once.
     */
    void checkFailed() {
        latest = Optional.of(SendOutcome.failed(CHECK_FAILED));
        state.sender().set(CHECK_FAILED);
        state.trackedSend().get().ifPresent(send -> senders.ledger().failed(send, CHECK_FAILED));
    }

    /** Whether the tab's latest send failed: no sender took it. */
    boolean latestSendFailed() {
        return latest.map(SendOutcome::failed).orElse(false);
    }

    /**
     * The page, with what it says besides. After a failed send it says so (unless it has an error of
     * its own to show), takes no code and offers to try again.
     */
    Response render(Notice notice) {
        boolean sendFailed = latestSendFailed();
        Notice said = sendFailed && notice.errorKey().isEmpty() ? Notice.error(failureMessage()) : notice;
        long wait = store.history().secondsUntilResend(request.clock().instant(), config.resendCooldown());
        boolean sendsLeft = store.history().attempts() < config.sendsPerLogin();
        boolean notDelivered = notDelivered();
        return context.channel().codePage(new CodePageBean(request.maskedPhone(), request.purpose(), config.trustBrowserDays(),
                new CodePageBean.Code(config.codeLength(), sendFailed ? 0 : challenges.secondsLeft()),
                new CodePageBean.Resend(sendFailed ? 0 : wait, sendsLeft),
                new CodePageBean.Delivery(sendFailed || notDelivered, notDelivered, this::sendStatusUrl, failureMessage(),
                        receiptAwaited(senders.sms().tracksDelivery()), receiptAwaited(whatsAppReceiptsOn())),
                new CodePageBean.Call(callOffered(), callPossible()),
                new CodePageBean.Channels(channelShown(), nextChannelOffered().map(ChannelOrder.Channel::label)
                        .orElse(null), fellBackToSms())), said);
    }

    /** The channel this tab's codes go by: the one the user chose, else the step's first. */
    ChannelOrder.Channel textChannel() {
        return state.channel().get().flatMap(label -> config.channels().channels().stream()
                .filter(channel -> channel.label().equals(label)).findFirst()).orElse(config.channels().first());
    }

    /** The user chose {@code channel} for this login's codes from here on. */
    void switchTo(ChannelOrder.Channel channel) {
        state.channel().set(channel.label());
    }

    /**
     * The channel the page offers instead ("Send by SMS instead"): the one after the tab's, once a code
     * went out, while sends are left, unless the latest code went by it already (a send WhatsApp could
     * not make goes by SMS) or was a call.
     */
    Optional<ChannelOrder.Channel> nextChannelOffered() {
        int attempts = store.history().attempts();
        if (attempts == 0 || attempts >= config.sendsPerLogin() || calledLast()) {
            return Optional.empty();
        }
        return config.channels().after(textChannel()).filter(next -> !next.label().equals(channelShown()));
    }

    /**
     * The channel the page says the latest code went by ({@code sms}, {@code whatsapp} or {@code voice}):
     * the one that took it, once known, else the one it was sent by first.
     */
    String channelShown() {
        return latest.filter(outcome -> !outcome.failed()).map(SendOutcome::senderId).or(() -> state.sender().get())
                .map(SendOutcome::channelOf).orElse(textChannel().label());
    }

    /** Whether WhatsApp could not take the latest code and it went by SMS. */
    private boolean fellBackToSms() {
        return triedFirst(WhatsAppChoice.NAME)
                && latest.filter(outcome -> !outcome.failed()).map(SendOutcome::channel)
                .filter(ChannelOrder.Channel.SMS.label()::equals).isPresent();
    }

    /** What the page says when the latest send failed: a call, a WhatsApp message, or an SMS. */
    private String failureMessage() {
        if (calledLast()) {
            return "smsOtpCallFailed";
        }
        if (triedFirst(CHECK_FAILED)) {
            return "smsOtpCheckFailed";
        }
        return triedFirst(WhatsAppChoice.NAME) ? "smsOtpWhatsAppFailed"
                : "smsOtpSendFailed";
    }

    /**
     * After a resend, says that a new code is on its way. The page's own sentence names the number
     * (where the page may): said once, not again in a notice.
     */
    Notice sentNotice() {
        return store.history().attempts() > 1 ? Notice.info("smsOtpNewCodeSent") : Notice.none();
    }

    /**
     * Whether the page offers "Call me instead": calls are on, a code went out before, sends are left,
     * and the SMS may not reach the phone (the step offers calls always, a receipt said the SMS did not
     * arrive, or the number is a fixed line). Only where the code goes out within the request: where
     * the pages must not tell a known number from an unknown one, no call is offered.
     */
    boolean callOffered() {
        return callPossible() && (config.voice() == SmsOtpConfig.VoiceOffer.ALWAYS || smsNotDelivered()
                || PhoneNumbers.isFixedLine(request.phone()));
    }

    /** Whether a call could be offered on this page: it is, or a receipt that the SMS failed would make it so. */
    private boolean callPossible() {
        int attempts = store.history().attempts();
        return senders.calls(config) && context.dispatch() == Dispatch.REPORTED && attempts > 0
                && attempts < config.sendsPerLogin();
    }

    /** Whether the provider reported that the tab's latest SMS did not reach the phone. */
    private boolean smsNotDelivered() {
        return latestNotDelivered(ChannelOrder.Channel.SMS);
    }

    /**
     * Whether the provider reported that the tab's latest WhatsApp message did not reach the phone (the
     * number is not on WhatsApp, say): the next channel is offered, and sends at once.
     */
    boolean whatsAppNotDelivered() {
        return latestNotDelivered(ChannelOrder.Channel.WHATSAPP);
    }

    private boolean latestNotDelivered(ChannelOrder.Channel channel) {
        return latest.filter(outcome -> outcome.channel().equals(channel.label())).flatMap(SendOutcome::delivery)
                .map(receipt -> receipt.status() == DeliveryStatus.FAILED || receipt.status() == DeliveryStatus.EXPIRED)
                .orElse(false);
    }

    /** Whether the page says that the latest code did not arrive: not once a call has followed it. */
    private boolean notDelivered() {
        return (smsNotDelivered() || whatsAppNotDelivered()) && !calledLast();
    }

    private boolean calledLast() {
        return triedFirst(VoiceChoice.NAME);
    }

    /** Whether the tab's latest send went first to {@code sender} (a channel's name, or the check that failed). */
    private boolean triedFirst(String sender) {
        return state.sender().get().filter(sender::equals).isPresent();
    }

    /** Whether a receipt may still say what became of the tab's latest code, where its channel asks for them. */
    private boolean receiptAwaited(boolean channelAsks) {
        return channelAsks && !calledLast() && senders.verify().isEmpty()
                && latest.map(SendOutcome::receiptAwaited).orElse(true);
    }

    private boolean whatsAppReceiptsOn() {
        return senders.whatsApp().map(WhatsAppChoice::receiptsOn).orElse(false);
    }

    /**
     * Where the page asks what became of its latest send: until the gateway answered, and then until
     * a final receipt where one may come; null where the page need not ask, or may not (a page that
     * must not tell known numbers from unknown ones notes no send).
     */
    private String sendStatusUrl() {
        if (state.trackedSend().get().isEmpty() || latest.isPresent() && !latest.get().receiptAwaited()) {
            return null;
        }
        AuthenticationSessionModel authSession = context.authSession();
        return DeliveryAddresses.status(context.session(), context.realm(), authSession.getClient().getClientId(),
                authSession.getTabId()).toString();
    }
}
