package io.github.smsotp.sender;

import java.util.List;
import java.util.Optional;

import io.github.smsotp.config.ConfigReader;
import org.keycloak.provider.Provider;

/**
 * Delivers one text message. Implementations must never log the message text or the full
 * destination number (use {@link SmsMessage#maskedTo()}), except a sender whose whole purpose
 * is to print messages for development.
 */
public interface SmsSender extends Provider {

    /** The setting ({@code <sender id>.receipts}, on or off) that asks the provider for delivery receipts. */
    String RECEIPTS = "receipts";

    /**
     * Sends the message or throws; returning normally means the gateway accepted it.
     *
     * @param settings the per-realm settings of this sender, as listed by
     *                 {@link SmsSenderFactory#getSettingsProperties()}
     * @throws SmsSendException when the gateway refused, failed or timed out
     * @throws io.github.smsotp.config.InvalidConfigException when the settings are unusable
     */
    void send(SmsMessage message, ConfigReader settings) throws SmsSendException;

    /**
     * Sends as {@link #send} does and returns the provider's id of the message, which its delivery
     * receipts name. A sender whose provider reports no delivery keeps this default.
     */
    default Optional<String> sendTracked(SmsMessage message, ConfigReader settings) throws SmsSendException {
        send(message, settings);
        return Optional.empty();
    }

    /**
     * Checks every setting a send would use, without sending. Called when a step picks its senders
     * (primary and fallback), before it counts or sends anything, so that an unusable value shows
     * the admin's error in the log and the user a clear page instead of failing half-way.
     *
     * @throws io.github.smsotp.config.InvalidConfigException naming the first unusable key
     */
    default void validate(ConfigReader settings) {
        // A sender without settings has nothing to check.
    }

    /**
     * Authenticates and reads a callback the provider sent to this sender's receipt address: one
     * receipt, or several where the provider groups them.
     *
     * @param settings the realm's settings of this sender (the secret that checks the signature)
     * @throws ReceiptRejected when the callback is not signed as the provider signs, or unreadable
     */
    default List<Receipt> readReceipts(ReceiptRequest request, ConfigReader settings) throws ReceiptRejected {
        throw new ReceiptRejected(ReceiptRejected.NOT_FOUND, "this sender takes no delivery receipts");
    }

    @Override
    default void close() {
        // Senders hold no per-request resources; shared clients live in their factory.
    }
}
