package io.github.smsotp.sender.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.DeliveryStatus;
import io.github.smsotp.sender.Receipt;
import io.github.smsotp.sender.ReceiptRejected;
import io.github.smsotp.sender.ReceiptRequest;

/**
 * Meta's WhatsApp webhook: one address per app, set in the app's dashboard, which Meta first checks
 * with a GET ({@code hub.mode=subscribe}, {@code hub.verify_token}, {@code hub.challenge}: the answer
 * is the challenge), then POSTs notifications signed in {@code X-Hub-Signature-256} (HMAC-SHA256 of
 * the body, keyed with the app secret). Message statuses sit in
 * {@code entry[].changes[].value.statuses[]}: {@code sent}, {@code delivered}, {@code read}, or
 * {@code failed} with {@code errors[].code} (131026: the number is not on WhatsApp, among others).
 * A notification without statuses (an incoming message) holds no receipt.
 */
final class MetaReceipts implements ReceiptFormat {

    /** The setting with the token the app's dashboard sends in its subscription check. */
    static final String VERIFY_TOKEN = "verify-token";

    /** The challenge to answer, where the request is Meta's subscription check and names this realm's token. */
    static Optional<String> subscription(ReceiptRequest request, ConfigReader settings) throws ReceiptRejected {
        if (!"GET".equals(request.method())) {
            return Optional.empty();
        }
        List<Map.Entry<String, String>> query = request.queryFields();
        if (!ReceiptRequest.value(query, "hub.mode").filter("subscribe"::equals).isPresent()) {
            return Optional.empty();
        }
        String token = ReceiptRequest.value(query, "hub.verify_token")
                .orElseThrow(() -> ReceiptRejected.unsigned("hub.verify_token is missing"));
        if (!Signatures.same(Signatures.secret(settings, VERIFY_TOKEN), token)) {
            throw ReceiptRejected.unsigned("hub.verify_token does not match");
        }
        return Optional.of(ReceiptRequest.value(query, "hub.challenge")
                .filter(challenge -> challenge.matches("[A-Za-z0-9_-]{1,128}"))
                .orElseThrow(() -> ReceiptRejected.malformed("hub.challenge is missing")));
    }

    @Override
    public List<Receipt> read(ReceiptRequest request, ConfigReader settings) throws ReceiptRejected {
        Signatures.checkBodyHmac(request, "X-Hub-Signature-256", Signatures.secret(settings, RECEIPT_SECRET));
        JsonNode entries = JsonBodies.object(request).path("entry");
        if (!entries.isArray()) {
            throw ReceiptRejected.malformed("entry is missing");
        }
        List<Receipt> receipts = new ArrayList<>();
        for (JsonNode entry : entries) {
            for (JsonNode change : entry.path("changes")) {
                for (JsonNode status : change.path("value").path("statuses")) {
                    String id = JsonBodies.text(status, "id")
                            .orElseThrow(() -> ReceiptRejected.malformed("statuses[].id is missing"));
                    String state = JsonBodies.text(status, "status")
                            .orElseThrow(() -> ReceiptRejected.malformed("statuses[].status is missing"));
                    receipts.add(new Receipt(id, status(state), JsonBodies.text(status.path("errors").path(0), "code")));
                }
            }
        }
        return receipts;
    }

    private static DeliveryStatus status(String status) {
        return switch (status) {
            case "delivered", "read" -> DeliveryStatus.DELIVERED;
            case "failed" -> DeliveryStatus.FAILED;
            default -> DeliveryStatus.PENDING;
        };
    }
}
