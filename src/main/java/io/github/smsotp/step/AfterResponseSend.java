package io.github.smsotp.step;

import java.util.Optional;
import java.util.concurrent.Executor;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.delivery.DeliveryLedger;
import io.github.smsotp.metrics.SmsOtpMetrics;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.settings.SmsOtpConfig;
import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Sends a code once the request's transaction has committed, on Keycloak's executor, so that the
 * page is answered before the gateway is called ({@link Dispatch#AFTER_RESPONSE}). A failed send is
 * logged and counted for the operator, and shown to nobody: the user is not known to the page yet,
 * and a page that said "could not send" only for numbers with accounts would tell them apart. The
 * user asks for a new code as anyone does whose SMS did not come.
 */
final class AfterResponseSend {

    private static final Logger LOG = Logger.getLogger(AfterResponseSend.class);

    /** The executor's name: its pool can be sized with {@code --spi-executors--default--...}. */
    private static final String EXECUTOR = "sms-otp-send";

    private AfterResponseSend() {
    }

    /** @param settings the step's settings as written, where the sender is resolved again */
    static void schedule(StepRequest request, ConfigReader settings, SmsMessage message, SenderChoice.Tracking tracking) {
        KeycloakSession session = request.context().session();
        Job job = new Job(session.getKeycloakSessionFactory(), request.realmId(), request.config(), settings, message,
                tracking);
        Executor executor = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                executor.execute(job::run);
            }

            @Override
            protected void rollbackImpl() {
                // The page that said "sent" was never committed: nothing to send.
            }
        });
    }

    private record Job(KeycloakSessionFactory factory, String realmId, SmsOtpConfig config, ConfigReader settings,
                       SmsMessage message, SenderChoice.Tracking tracking) {

        void run() {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, this::send);
            } catch (RuntimeException e) {
                // Only the type: a message could quote the number.
                LOG.errorf("SMS send after response failed in realm %s: %s", realmId, e.getClass().getName());
            }
        }

        private void send(KeycloakSession session) {
            RealmModel realm = session.realms().getRealm(realmId);
            if (realm == null) {
                return;
            }
            // Vault references resolve in the realm of the session's context.
            session.getContext().setRealm(realm);
            try {
                SenderChoice.Sent sent = SenderChoice.resolve(session, config, settings, message.to())
                        .send(message, realm.getName(), Optional.of(tracking));
                sent.messageId().ifPresent(id -> new DeliveryLedger(session.singleUseObjects())
                        .track(realmId, sent.senderId(), id, tracking.sendId()));
                SmsOtpMetrics.global().codeSent(realm.getName(), sent.senderId());
                LOG.infof("SMS code sent in realm '%s' to %s via '%s'", realm.getName(), message.maskedTo(),
                        sent.senderId());
            } catch (SmsSendException | InvalidConfigException e) {
                // Counted where the sender was called (sms_otp_send_failures_total), as every failed send.
                LOG.warnf("SMS step in realm '%s': sending to %s after the response failed: %s", realm.getName(),
                        message.maskedTo(), e.getMessage());
            }
        }
    }
}
