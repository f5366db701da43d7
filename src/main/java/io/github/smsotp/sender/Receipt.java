package io.github.smsotp.sender;

import java.util.Objects;
import java.util.Optional;

/**
 * One delivery receipt, read and authenticated.
 *
 * @param messageId the provider's id of the message, as its send answer gave it
 * @param status    the status it reports
 * @param errorCode the provider's error code, when it gave one (no number, no text)
 */
public record Receipt(String messageId, DeliveryStatus status, Optional<String> errorCode) {

    public Receipt {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(status, "status");
        errorCode = errorCode.filter(code -> !code.isBlank() && !code.equals("0"));
    }
}
