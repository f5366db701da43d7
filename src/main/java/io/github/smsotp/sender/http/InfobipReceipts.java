package io.github.smsotp.sender.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.DeliveryStatus;
import io.github.smsotp.sender.Receipt;
import io.github.smsotp.sender.ReceiptRejected;
import io.github.smsotp.sender.ReceiptRequest;

/**
 * Infobip's delivery report: a JSON POST {@code {"results": [...]}}, each result with
 * {@code messageId}, {@code status.groupName}, {@code error.id} and the {@code callbackData} the
 * send set. Infobip signs no per-message report, so the preset signs the callback data itself:
 * {@code <send id>.<HMAC-SHA256 of the receipt address and the send id, keyed with receipt-secret>},
 * which binds it to one realm, one route and one send; the ledger then takes the report only for
 * the message that send became. A result whose callback data does not carry a valid signature
 * fails the whole report.
 */
final class InfobipReceipts implements ReceiptFormat {

    @Override
    public List<Receipt> read(ReceiptRequest request, ConfigReader settings) throws ReceiptRejected {
        String secret = Signatures.secret(settings, RECEIPT_SECRET);
        JsonNode results = JsonBodies.object(request).path("results");
        if (!results.isArray() || results.isEmpty()) {
            throw ReceiptRejected.malformed("results is missing");
        }
        List<Receipt> receipts = new ArrayList<>();
        for (JsonNode result : results) {
            String data = JsonBodies.text(result, "callbackData")
                    .orElseThrow(() -> ReceiptRejected.unsigned("callbackData is missing"));
            int dot = data.lastIndexOf('.');
            String sendId = dot < 0 ? "" : data.substring(0, dot);
            if (dot < 0 || !Signatures.same(callbackData(request.url().toString(), sendId, secret), data)) {
                throw ReceiptRejected.unsigned("callbackData is not signed");
            }
            String id = JsonBodies.text(result, "messageId")
                    .orElseThrow(() -> ReceiptRejected.malformed("messageId is missing"));
            String group = JsonBodies.text(result.path("status"), "groupName")
                    .orElseThrow(() -> ReceiptRejected.malformed("status.groupName is missing"));
            receipts.add(new Receipt(id, status(group), JsonBodies.text(result.path("error"), "id"),
                    Optional.of(sendId)));
        }
        return receipts;
    }

    /** The callback data a send carries: its id, signed together with where its reports go. */
    static String callbackData(String receiptUrl, String sendId, String secret) {
        byte[] mac = Signatures.hmac("HmacSHA256", secret, (receiptUrl + "\n" + sendId).getBytes(StandardCharsets.UTF_8));
        return sendId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    private static DeliveryStatus status(String group) {
        return switch (group) {
            case "DELIVERED" -> DeliveryStatus.DELIVERED;
            case "UNDELIVERABLE", "REJECTED" -> DeliveryStatus.FAILED;
            case "EXPIRED" -> DeliveryStatus.EXPIRED;
            default -> DeliveryStatus.PENDING;
        };
    }
}
