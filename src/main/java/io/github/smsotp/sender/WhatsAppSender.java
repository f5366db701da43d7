package io.github.smsotp.sender;

import java.util.Optional;

import io.github.smsotp.config.ConfigReader;
import org.keycloak.provider.Provider;

/**
 * Sends a code in a WhatsApp authentication template: the channel for regions where WhatsApp
 * reaches phones sooner, or for less, than SMS. Implementations must never log the code or the full
 * number.
 */
public interface WhatsAppSender extends Provider {

    /**
     * Sends the message or throws; returning normally means the provider accepted it.
     *
     * @return the provider's id of the message, where its answer gives one
     * @throws SmsSendException when the provider refused, failed or timed out
     */
    Optional<String> send(WhatsAppMessage message, ConfigReader settings) throws SmsSendException;

    /** Checks every setting a send would use, without sending. */
    default void validate(ConfigReader settings) {
        // Nothing to check by default.
    }

    @Override
    default void close() {
        // Shared clients live in the factory.
    }
}
