package io.github.smsotp.sender;

import java.util.Objects;
import java.util.Optional;

/**
 * One delivery receipt, read and authenticated.
 *
 * @param messageId the provider's id of the message, as its send answer gave it
 * @param status    the status it reports
 * @param errorCode the provider's error code, when it gave one (no number, no text)
 * @param reference our id of the send, where the receipt carries it signed: the ledger then takes it
 *                  only for the message that send became
 */
public record Receipt(String messageId, DeliveryStatus status, Optional<String> errorCode,
                      Optional<String> reference) {

    public Receipt {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(status, "status");
        errorCode = errorCode.filter(code -> !code.isBlank() && !code.equals("0"));
        Objects.requireNonNull(reference, "reference");
    }

    public Receipt(String messageId, DeliveryStatus status, Optional<String> errorCode) {
        this(messageId, status, errorCode, Optional.empty());
    }
}
