package io.github.smsotp.step;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Function;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.delivery.DeliveryLedger;
import io.github.smsotp.delivery.SendOutcome;
import io.github.smsotp.events.SmsOtpEvents;
import io.github.smsotp.limits.SendLimiter;
import io.github.smsotp.metrics.SmsOtpMetrics;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.sender.VerifyRequest;
import io.github.smsotp.sender.VoiceMessage;
import io.github.smsotp.sender.WhatsAppMessage;
import io.github.smsotp.settings.SmsOtpConfig;
import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventBuilder;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakSessionTask;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Sends a code. Where a page answers, the send runs once the request's transaction has committed, on
 * Keycloak's executor, so that the page is answered before the gateway is called: a slow gateway
 * delays no page, and a page that was never committed sends nothing. That send runs in a session of
 * its own and resolves its sender again there (route and fallback included). An app's token request
 * ({@link Dispatch#IN_REQUEST}) waits for the gateway instead: its answer says whether the code went.
 * <p>
 * Where the pages report sends ({@link Dispatch#REPORTED}, {@link Dispatch#IN_REQUEST}), the outcome
 * goes to the delivery ledger under the send's id: the code page's status poll and the step's next
 * request read it, and a failed send is an error event of the user. Elsewhere a failed send is logged
 * and counted for the operator only (see {@link Dispatch#UNREPORTED}).
 */
final class CodeSend {

    private static final Logger LOG = Logger.getLogger(CodeSend.class);

    /** The executor's name: Keycloak makes a pool for each name (see {@link #growing}). */
    private static final String EXECUTOR = "sms-otp-send";

    /** One send, made in the given session; after the response it holds nothing of the request's. */
    @FunctionalInterface
    private interface Outgoing {
        SenderChoice.Sent send(KeycloakSession session, RealmModel realm) throws SmsSendException;
    }

    private CodeSend() {
    }

    /**
     * An SMS through the step's senders.
     *
     * @return what became of it, where the request waited for it
     */
    static Optional<SendOutcome> sms(StepRequest request, Senders senders, SmsMessage message,
                                     SenderChoice.Tracking tracking) {
        SenderSource source = SenderSource.of(request, senders, message.to());
        return send(request, tracking.sendId(), senders.sms().primaryId(), message.maskedTo(), (session, realm) ->
                source.sms(session).send(message, realm.getName(), Optional.of(tracking)));
    }

    /** A call that reads the code aloud; what became of it, where the request waited for it. */
    static Optional<SendOutcome> call(StepRequest request, ConfigReader settings, VoiceMessage message, String sendId) {
        SmsOtpConfig config = request.config();
        return send(request, sendId, VoiceChoice.NAME, message.maskedTo(), (session, realm) -> {
            VoiceChoice voice = VoiceChoice.resolve(session, config, settings).orElseThrow(
                    () -> new SmsSendException("calls were turned off after the page offered one"));
            voice.call(message, realm.getName());
            return new SenderChoice.Sent(VoiceChoice.NAME, Optional.empty());
        });
    }

    /**
     * A code in a WhatsApp template; where {@code sms} is given (SMS follows WhatsApp in the channels),
     * a send WhatsApp cannot make goes out by SMS at once, counted against the SMS limits then. It is
     * the same send: the same code, id, cooldown and place in the login's cap.
     */
    static Optional<SendOutcome> whatsApp(StepRequest request, Senders senders, WhatsAppMessage message,
                                          Optional<SmsMessage> sms, SenderChoice.Tracking tracking) {
        SenderSource source = SenderSource.of(request, senders, message.to());
        Outgoing byWhatsApp = (session, realm) -> {
            WhatsAppChoice whatsApp = source.whatsApp(session).orElseThrow(
                    () -> new SmsSendException("WhatsApp was turned off after the page"));
            // The receipt address was read within the request; whether receipts are on, here.
            Optional<URI> receipts = tracking.receiptBase().filter(base -> whatsApp.receiptsOn())
                    .map(base -> base.resolve(WhatsAppChoice.NAME));
            Optional<String> messageId = whatsApp.send(receipts.map(url -> message.withReceipts(url, tracking.sendId()))
                    .orElse(message), realm.getName());
            return new SenderChoice.Sent(WhatsAppChoice.NAME, receipts.isPresent() ? messageId : Optional.empty());
        };
        Optional<Outgoing> bySms = sms.map(text -> (session, realm) ->
                source.sms(session).send(text, realm.getName(), Optional.of(tracking)));
        return send(request, tracking.sendId(), WhatsAppChoice.NAME, message.maskedTo(),
                orBySms(request, byWhatsApp, bySms, message.maskedTo()));
    }

    /**
     * A code the provider's Verify API makes and sends by the request's channel; the provider's id of
     * the verification goes to the ledger under the code's id ({@code tracking}'s send id), for the
     * request that checks the code. Where {@code sms} is given, a WhatsApp send the provider cannot
     * make goes out by SMS at once, as in {@link #whatsApp}.
     */
    static Optional<SendOutcome> verify(StepRequest request, Senders senders, VerifyRequest message,
                                        Optional<VerifyRequest> sms, SenderChoice.Tracking tracking) {
        SenderSource source = SenderSource.of(request, senders, message.to());
        String codeId = tracking.sendId();
        Function<VerifyRequest, Outgoing> started = verification -> (session, realm) -> {
            VerifyChoice verify = source.verify(session).orElseThrow(
                    () -> new SmsSendException("the Verify API was turned off after the page"));
            new DeliveryLedger(session.singleUseObjects()).verificationStarted(codeId,
                    verify.start(verification, realm.getName()));
            return new SenderChoice.Sent(VerifyChoice.nameOf(verification.channel()), Optional.empty());
        };
        return send(request, codeId, VerifyChoice.nameOf(message.channel()), message.maskedTo(),
                orBySms(request, started.apply(message), sms.map(started), message.maskedTo()));
    }

    /**
     * {@code first}; where it fails and {@code bySms} is given, the same send by SMS, counted against
     * the SMS limits in the send's own session.
     */
    private static Outgoing orBySms(StepRequest request, Outgoing first, Optional<Outgoing> bySms, String maskedTo) {
        if (bySms.isEmpty()) {
            return first;
        }
        SmsLimits smsLimits = new SmsLimits(request.config(), request.realmId(), request.limitSubject(),
                request.phone(), request.context().clientAddress(), request.toUnprovenNumber(), request.clock());
        return (session, realm) -> {
            try {
                return first.send(session, realm);
            } catch (SmsSendException e) {
                LOG.warnf("SMS step in realm '%s': WhatsApp could not take the code to %s, sending it by SMS: %s",
                        realm.getName(), maskedTo, e.getMessage());
                smsLimits.claim(session);
                return bySms.get().send(session, realm);
            }
        };
    }

    /** What an SMS that follows a WhatsApp message counts against, claimed in the send's own session. */
    private record SmsLimits(SmsOtpConfig config, String realmId, String subject, String phone, String clientAddress,
                             boolean unproven, Clock clock) {

        void claim(KeycloakSession session) throws SmsSendException {
            SendLimiter.Decision decision = StepGuards.of(session, clock).limiter().trySend(SendLimiter.Channel.SMS,
                    config.limits(), realmId, subject, phone, clientAddress, unproven);
            if (decision instanceof SendLimiter.Refused refused) {
                throw new SmsSendException("the SMS that was to follow is over the "
                        + refused.limit().name().toLowerCase(Locale.ROOT) + " limit");
            }
        }
    }

    private static Optional<SendOutcome> send(StepRequest request, String sendId, String triedFirst, String maskedTo,
                                              Outgoing outgoing) {
        StepContext context = request.context();
        // The user's event as it stands: a failed send is reported as an error of the same event.
        Optional<Event> reported = context.dispatch() == Dispatch.UNREPORTED ? Optional.empty()
                : Optional.of(context.event().getEvent().clone());
        Job job = new Job(request.realmId(), sendId, triedFirst, maskedTo, outgoing, reported);
        if (context.dispatch() == Dispatch.IN_REQUEST) {
            return Optional.of(job.send(context.session()));
        }
        context.afterResponse(job::send);
        return Optional.empty();
    }

    /**
     * Runs {@code task} on Keycloak's executor, in a session and transaction of its own, once the
     * request's transaction has committed; a request rolled back runs nothing.
     */
    static void onExecutor(KeycloakSession session, KeycloakSessionTask task) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        Executor executor = growing(session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR));
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                executor.execute(() -> {
                    try {
                        KeycloakModelUtils.runJobInTransaction(factory, task);
                    } catch (RuntimeException e) {
                        // Only the type: a message could quote the number.
                        LOG.errorf("SMS send after response failed: %s", e.getClass().getName());
                    }
                });
            }

            @Override
            protected void rollbackImpl() {
                // The page that said "sent" was never committed: nothing to send.
            }
        });
    }

    /**
     * Keycloak's pool for a task (4 to 64 threads unless configured) queues without bound once its
     * minimum is busy, so it never grows past it: four sends at once, each holding its thread while
     * its gateway answers (4 SMS a second with a 1 s gateway). The pool is this executor's alone, so it
     * is let grow to its maximum, its idle threads ending after their keep-alive.
     */
    private static Executor growing(ExecutorService executor) {
        if (executor instanceof ThreadPoolExecutor pool && pool.getCorePoolSize() < pool.getMaximumPoolSize()) {
            pool.allowCoreThreadTimeOut(true);
            pool.setCorePoolSize(pool.getMaximumPoolSize());
        }
        return executor;
    }

    private record Job(String realmId, String sendId, String triedFirst, String maskedTo, Outgoing outgoing,
                       Optional<Event> reported) {

        /** Sends, and says what became of it (failed, also where the realm is gone). */
        SendOutcome send(KeycloakSession session) {
            RealmModel realm = session.realms().getRealm(realmId);
            if (realm == null) {
                return SendOutcome.failed(triedFirst);
            }
            // Vault references resolve in the realm of the session's context.
            session.getContext().setRealm(realm);
            DeliveryLedger ledger = new DeliveryLedger(session.singleUseObjects());
            try {
                SenderChoice.Sent sent = outgoing.send(session, realm);
                if (reported.isPresent() || sent.messageId().isPresent()) {
                    ledger.sent(realmId, sendId, sent.senderId(), sent.messageId());
                }
                SmsOtpMetrics.global().codeSent(realm.getName(), sent.senderId());
                LOG.infof("SMS code sent in realm '%s' to %s via '%s'", realm.getName(), maskedTo, sent.senderId());
                return SendOutcome.sent(sent.senderId(), sent.messageId().isPresent(), Optional.empty());
            } catch (SmsSendException | InvalidConfigException e) {
                // Counted where the sender was called (sms_otp_send_failures_total), as every failed send.
                LOG.warnf("SMS step in realm '%s': sending to %s via '%s' failed: %s", realm.getName(), maskedTo,
                        triedFirst, e.getMessage());
                reported.ifPresent(event -> {
                    ledger.failed(sendId, triedFirst);
                    reportFailure(session, realm, event);
                });
                return SendOutcome.failed(triedFirst);
            }
        }

        /** The user's event, as an error that names the sender tried first. */
        private void reportFailure(KeycloakSession session, RealmModel realm, Event event) {
            EventBuilder failure = new EventBuilder(realm, session).event(event.getType()).client(event.getClientId())
                    .user(event.getUserId()).session(event.getSessionId()).ipAddress(event.getIpAddress());
            Optional.ofNullable(event.getDetails()).orElse(Map.of()).forEach(failure::detail);
            failure.detail(SmsOtpEvents.REASON, triedFirst).error(SmsOtpEvents.SEND_FAILED);
        }
    }
}
