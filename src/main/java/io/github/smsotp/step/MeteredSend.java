package io.github.smsotp.step;

import java.time.Duration;

import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.metrics.SmsOtpMetrics;
import io.github.smsotp.sender.SmsSendException;
import org.jboss.logging.Logger;

/**
 * One call of a channel's sender (SMS, call, WhatsApp), timed and counted as the sender's attempt.
 * Anything the sender throws is a failure of this send, so that a fallback is still tried and the
 * user gets the could-not-send page rather than a server error.
 */
final class MeteredSend {

    private static final Logger LOG = Logger.getLogger(MeteredSend.class);

    /** The sender's own call. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws SmsSendException;
    }

    private MeteredSend() {
    }

    /** @param senderName what logs and metrics call the sender: its id, a route's name, the channel's */
    static <T> T attempt(String realmName, String senderName, String maskedTo, Attempt<T> attempt)
            throws SmsSendException {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            T result = guarded(realmName, senderName, maskedTo, attempt);
            failed = false;
            return result;
        } finally {
            SmsOtpMetrics.global().sendAttempt(realmName, senderName, Duration.ofNanos(System.nanoTime() - start),
                    failed);
        }
    }

    /**
     * Another call of a sender (a Verify API's code check), not counted as a send: anything it throws
     * is still its failure, never a server error.
     */
    static <T> T guarded(String realmName, String senderName, String maskedTo, Attempt<T> attempt)
            throws SmsSendException {
        try {
            return attempt.run();
        } catch (InvalidConfigException e) {
            // Checked when the sender was resolved; a value that changed since (a vault secret) ends up here.
            throw new SmsSendException(e.getMessage());
        } catch (RuntimeException e) {
            // A bug or an unexpected answer: the exception's message may hold the number or the code.
            LOG.errorf("SMS step in realm '%s': sender '%s' threw %s (to %s)", realmName, senderName,
                    e.getClass().getName(), maskedTo);
            throw new SmsSendException("unexpected " + e.getClass().getSimpleName() + " (to " + maskedTo + ")");
        }
    }
}
