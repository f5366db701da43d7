package io.github.smsotp.step;

import java.util.Optional;
import java.util.UUID;

import io.github.smsotp.challenge.ChallengeStore;
import io.github.smsotp.challenge.OtpChallenges;
import io.github.smsotp.delivery.DeliveryAddresses;
import io.github.smsotp.delivery.DeliveryLedger;
import io.github.smsotp.events.SmsOtpEvents;
import io.github.smsotp.phone.PhoneNumbers;
import io.github.smsotp.sender.DeliveryStatus;
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

    private final StepRequest request;
    private final StepContext context;
    private final SmsOtpConfig config;
    private final LoginState state;
    private final ChallengeStore store;
    private final OtpChallenges challenges;
    private final Senders senders;
    /** What the provider's receipts said of the tab's latest SMS, once final. */
    private Optional<DeliveryLedger.Delivery> delivery = Optional.empty();

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
     * Reads what this login noted of its latest send, and puts it on this request's event: the
     * sender that took it, and a final receipt (a failed one shows on the page too).
     */
    void readLatestSend() {
        state.sender().get().ifPresent(name -> context.event().detail(SmsOtpEvents.SENDER, name));
        state.trackedSend().get().flatMap(send -> senders.ledger().status(request.realmId(), send)).ifPresent(receipt -> {
            delivery = Optional.of(receipt);
            context.event().detail(SmsOtpEvents.DELIVERY, receipt.status().label());
            receipt.errorCode().ifPresent(code -> context.event().detail(SmsOtpEvents.DELIVERY_ERROR, code));
        });
    }

    /** A sender (or route) took the tab's SMS: this request's event and the step's later ones say which. */
    void sentBy(String name) {
        state.sender().set(name);
        context.event().detail(SmsOtpEvents.SENDER, name);
    }

    /** A new SMS of this tab: its id, noted for the tab's next pages, and where receipts for it go. */
    SenderChoice.Tracking newSend() {
        String sendId = UUID.randomUUID().toString();
        boolean tracked = senders.sms().tracksDelivery();
        // Noted only where a receipt may come: without it, no later request of the step reads the ledger.
        if (context.dispatch() == Dispatch.IN_REQUEST && tracked) {
            state.trackedSend().set(sendId);
        } else {
            state.trackedSend().forget();
        }
        delivery = Optional.empty();
        // Read now, within the request (a send after the response has none to read it from), and only
        // where a sender asks for receipts.
        return new SenderChoice.Tracking(tracked
                ? Optional.of(DeliveryAddresses.receiptBase(context.session(), context.realm())) : Optional.empty(), sendId);
    }

    /** The page, with what it says besides. */
    Response render(boolean sendFailed, Notice notice) {
        long wait = store.history().secondsUntilResend(request.clock().instant(), config.resendCooldown());
        boolean sendsLeft = store.history().attempts() < config.sendsPerLogin();
        boolean notDelivered = notDelivered();
        return context.channel().codePage(new CodePageBean(request.maskedPhone(), request.purpose(), config.trustBrowserDays(),
                new CodePageBean.Code(config.codeLength(), challenges.secondsLeft()),
                new CodePageBean.Resend(wait, sendsLeft),
                new CodePageBean.Delivery(sendFailed || notDelivered, notDelivered, deliveryStatusUrl()),
                new CodePageBean.Call(callOffered(), callPossible())), notice);
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
        return senders.voice().isPresent() && context.dispatch() == Dispatch.IN_REQUEST && attempts > 0
                && attempts < config.sendsPerLogin();
    }

    /** Whether the provider reported that the tab's latest SMS did not reach the phone. */
    private boolean smsNotDelivered() {
        return delivery.map(receipt -> receipt.status() == DeliveryStatus.FAILED
                || receipt.status() == DeliveryStatus.EXPIRED).orElse(false);
    }

    /** Whether the page says that the SMS did not arrive: not once a call has followed it. */
    private boolean notDelivered() {
        return smsNotDelivered() && !calledLast();
    }

    private boolean calledLast() {
        return state.sender().get().filter(VoiceChoice.NAME::equals).isPresent();
    }

    /** Where the page asks whether its SMS arrived; null when no receipt will tell or one already did. */
    private String deliveryStatusUrl() {
        if (!senders.sms().tracksDelivery() || delivery.isPresent() || calledLast()
                || state.trackedSend().get().isEmpty()) {
            return null;
        }
        AuthenticationSessionModel authSession = context.authSession();
        return DeliveryAddresses.status(context.session(), context.realm(), authSession.getClient().getClientId(),
                authSession.getTabId()).toString();
    }
}
