package io.github.smsotp.sender.http;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.DeliveryStatus;
import io.github.smsotp.sender.Receipt;
import io.github.smsotp.sender.ReceiptRejected;
import io.github.smsotp.sender.ReceiptRequest;

/**
 * The webhook preset's receipt: a JSON POST {@code {"messageId", "status", "errorCode"}} with
 * {@code X-Signature}, the hex HMAC-SHA256 of the body keyed with the shared
 * {@code receipt-secret} (optionally written {@code sha256=<hex>}).
 */
final class WebhookReceipts implements ReceiptFormat {

    @Override
    public List<Receipt> read(ReceiptRequest request, ConfigReader settings) throws ReceiptRejected {
        Signatures.checkBodyHmac(request, "X-Signature", Signatures.secret(settings, RECEIPT_SECRET));
        JsonNode receipt = JsonBodies.object(request);
        String id = JsonBodies.text(receipt, "messageId")
                .orElseThrow(() -> ReceiptRejected.malformed("messageId is missing"));
        String status = JsonBodies.text(receipt, "status")
                .orElseThrow(() -> ReceiptRejected.malformed("status is missing"));
        return List.of(new Receipt(id, status(status), JsonBodies.text(receipt, "errorCode")));
    }

    private static DeliveryStatus status(String status) throws ReceiptRejected {
        try {
            return DeliveryStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ReceiptRejected.malformed("status must be pending, delivered, failed or expired");
        }
    }
}
