package io.github.smsotp.sender.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.DeliveryStatus;
import io.github.smsotp.sender.Receipt;
import io.github.smsotp.sender.ReceiptRejected;
import io.github.smsotp.sender.ReceiptRequest;

/**
 * Twilio's message status callback: a form POST with {@code MessageSid}, {@code MessageStatus} and
 * {@code ErrorCode}, signed in {@code X-Twilio-Signature}: Base64 of HMAC-SHA1, keyed with the
 * account's auth token, over the full URL followed by each POST field's name and value, sorted by name.
 */
final class TwilioReceipts implements ReceiptFormat {

    @Override
    public List<Receipt> read(ReceiptRequest request, ConfigReader settings) throws ReceiptRejected {
        String signature = request.header("X-Twilio-Signature")
                .orElseThrow(() -> ReceiptRejected.unsigned("X-Twilio-Signature is missing"));
        List<Map.Entry<String, String>> fields = request.isForm() ? request.formFields() : List.of();
        StringBuilder signed = new StringBuilder(request.url().toString());
        fields.stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(field -> signed.append(field.getKey()).append(field.getValue()));
        String expected = Base64.getEncoder().encodeToString(Signatures.hmac("HmacSHA1",
                Signatures.secret(settings, GatewayPreset.SECRET), signed.toString().getBytes(StandardCharsets.UTF_8)));
        if (!Signatures.same(expected, signature)) {
            throw ReceiptRejected.unsigned("X-Twilio-Signature does not match");
        }
        String sid = ReceiptRequest.value(fields, "MessageSid")
                .orElseThrow(() -> ReceiptRejected.malformed("MessageSid is missing"));
        String status = ReceiptRequest.value(fields, "MessageStatus")
                .orElseThrow(() -> ReceiptRejected.malformed("MessageStatus is missing"));
        return List.of(new Receipt(sid, status(status), ReceiptRequest.value(fields, "ErrorCode")));
    }

    private static DeliveryStatus status(String status) {
        return switch (status) {
            case "delivered", "read" -> DeliveryStatus.DELIVERED;
            case "undelivered", "failed", "canceled" -> DeliveryStatus.FAILED;
            default -> DeliveryStatus.PENDING;
        };
    }
}
