package io.github.smsotp.sender;

import java.util.List;
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

    /**
     * Reads a provider's callback about the messages' statuses, after checking that the provider
     * signed it. Only senders whose settings turn receipts on ({@code whatsapp.receipts}) are asked.
     *
     * @throws ReceiptRejected when the callback is not signed as the provider signs, or unreadable
     */
    default List<Receipt> readReceipts(ReceiptRequest request, ConfigReader settings) throws ReceiptRejected {
        throw new ReceiptRejected(ReceiptRejected.NOT_FOUND, "this sender takes no delivery receipts");
    }

    /**
     * Where the provider checks the receipt address before it posts there (Meta's subscription GET):
     * what to answer it; empty when the request is no such check.
     *
     * @throws ReceiptRejected when it is one, but not made with this realm's token
     */
    default Optional<String> subscription(ReceiptRequest request, ConfigReader settings) throws ReceiptRejected {
        return Optional.empty();
    }

    /** Checks every setting a send would use, without sending. */
    default void validate(ConfigReader settings) {
        // Nothing to check by default.
    }

    @Override
    default void close() {
        // Shared clients live in the factory.
    }
}
