package io.github.smsotp.step;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.metrics.SmsOtpMetrics;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSendException;
import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Sends a code once the request's transaction has committed, on Keycloak's executor, so that the
 * page is answered before the gateway is called ({@link Dispatch#AFTER_RESPONSE}). A failed send
 * leaves a mark in Keycloak's single-use store, which every node sees; the user's next page finds
 * it and offers to try again.
 */
final class AfterResponseSend {

    private static final Logger LOG = Logger.getLogger(AfterResponseSend.class);

    /** The executor's name: its pool can be sized with {@code --spi-executors--default--...}. */
    private static final String EXECUTOR = "sms-otp-send";
    /** Names the tab's latest send, whose failure the next page looks for. */
    private static final String SEND_NOTE = "sms-otp.send-id";
    private static final String FAILED = "sms-otp:send-failed:";

    private AfterResponseSend() {
    }

    static void schedule(SmsOtpStep step, SmsMessage message) {
        KeycloakSession session = step.context.session();
        String sendId = UUID.randomUUID().toString();
        step.context.authSession().setAuthNote(SEND_NOTE, sendId);
        Job job = new Job(session.getKeycloakSessionFactory(), step.realmId(), step.config, step.settings, message,
                sendId, step.config.codeLifetime().toSeconds());
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

    /** Whether the tab's latest send failed; tells it once. */
    static boolean failed(StepContext context) {
        String sendId = context.authSession().getAuthNote(SEND_NOTE);
        if (sendId == null || !context.session().singleUseObjects().contains(FAILED + sendId)) {
            return false;
        }
        context.authSession().removeAuthNote(SEND_NOTE);
        return true;
    }

    private record Job(KeycloakSessionFactory factory, String realmId, SmsOtpConfig config, ConfigReader settings,
                       SmsMessage message, String sendId, long markSeconds) {

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
                String deliveredBy = SenderChoice.resolve(session, config, settings).send(message, realm.getName());
                SmsOtpMetrics.global().codeSent(realm.getName(), deliveredBy);
                LOG.infof("SMS code sent in realm '%s' to %s via '%s'", realm.getName(), message.maskedTo(),
                        deliveredBy);
            } catch (SmsSendException | InvalidConfigException e) {
                LOG.warnf("SMS step in realm '%s': sending to %s failed: %s", realm.getName(), message.maskedTo(),
                        e.getMessage());
                session.singleUseObjects().put(FAILED + sendId, markSeconds, Map.of());
            }
        }
    }
}
