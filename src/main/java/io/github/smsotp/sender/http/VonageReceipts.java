package io.github.smsotp.sender.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.DeliveryStatus;
import io.github.smsotp.sender.Receipt;
import io.github.smsotp.sender.ReceiptRejected;
import io.github.smsotp.sender.ReceiptRequest;

/**
 * The Vonage SMS API's delivery receipt with a signed webhook: the fields come as a query (GET),
 * a form or JSON (POST), as the account's dashboard chooses. {@code sig} signs every other field
 * with the account's signature secret: fields sorted by name, written {@code &name=value} with
 * {@code &} and {@code =} in values turned to {@code _}, then hashed by the dashboard's method
 * (the MD5 hash of that string with the secret appended, or an HMAC keyed with the secret).
 * {@code timestamp} must be within five minutes, so that an old receipt is not taken.
 */
final class VonageReceipts implements ReceiptFormat {

    /** The dashboard's signature method: md5hash (Vonage's default), md5, sha1, sha256 or sha512. */
    static final String SIGNATURE_METHOD = "receipt-signature";

    private static final Duration FRESH = Duration.ofMinutes(5);

    private final Clock clock;

    VonageReceipts(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<Receipt> read(ReceiptRequest request, ConfigReader settings) throws ReceiptRejected {
        Map<String, String> fields = fields(request);
        String sig = Optional.ofNullable(fields.remove("sig"))
                .orElseThrow(() -> ReceiptRejected.unsigned("sig is missing"));
        String method = settings.choice(SIGNATURE_METHOD, "md5hash", Set.of("md5hash", "md5", "sha1", "sha256", "sha512"));
        String expected = sign(signedString(fields), Signatures.secret(settings, RECEIPT_SECRET), method);
        if (!Signatures.same(expected, sig.toLowerCase(Locale.ROOT))) {
            throw ReceiptRejected.unsigned("sig does not match");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(fields.getOrDefault("timestamp", ""));
        } catch (NumberFormatException e) {
            throw ReceiptRejected.unsigned("timestamp is missing");
        }
        if (Math.abs(clock.instant().getEpochSecond() - timestamp) > FRESH.toSeconds()) {
            throw ReceiptRejected.unsigned("timestamp is more than five minutes off");
        }
        String id = Optional.ofNullable(fields.get("messageId"))
                .orElseThrow(() -> ReceiptRejected.malformed("messageId is missing"));
        String status = Optional.ofNullable(fields.get("status"))
                .orElseThrow(() -> ReceiptRejected.malformed("status is missing"));
        return List.of(new Receipt(id, status(status), Optional.ofNullable(fields.get("err-code"))));
    }

    /** The receipt's fields, sorted, without empty values (Vonage signs only those with a value). */
    private static Map<String, String> fields(ReceiptRequest request) throws ReceiptRejected {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if ("GET".equals(request.method())) {
            pairs.addAll(request.queryFields());
        } else if (request.isForm()) {
            pairs.addAll(request.formFields());
        } else {
            JsonNode body = JsonBodies.object(request);
            body.fields().forEachRemaining(field -> {
                if (field.getValue().isValueNode()) {
                    pairs.add(Map.entry(field.getKey(), field.getValue().asText()));
                }
            });
        }
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> pair : pairs) {
            if (!pair.getValue().isEmpty() && sorted.putIfAbsent(pair.getKey(), pair.getValue()) != null) {
                throw ReceiptRejected.malformed(pair.getKey() + " appears twice");
            }
        }
        return sorted;
    }

    private static String signedString(Map<String, String> fields) {
        StringBuilder signed = new StringBuilder();
        fields.forEach((name, value) -> signed.append('&').append(name).append('=')
                .append(value.replace('&', '_').replace('=', '_')));
        return signed.toString();
    }

    private static String sign(String signed, String secret, String method) {
        byte[] data = signed.getBytes(StandardCharsets.UTF_8);
        return switch (method) {
            case "md5hash" -> Signatures.hex(md5((signed + secret).getBytes(StandardCharsets.UTF_8)));
            case "md5" -> Signatures.hex(Signatures.hmac("HmacMD5", secret, data));
            case "sha1" -> Signatures.hex(Signatures.hmac("HmacSHA1", secret, data));
            case "sha256" -> Signatures.hex(Signatures.hmac("HmacSHA256", secret, data));
            default -> Signatures.hex(Signatures.hmac("HmacSHA512", secret, data));
        };
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    private static DeliveryStatus status(String status) {
        return switch (status) {
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "failed", "rejected" -> DeliveryStatus.FAILED;
            case "expired" -> DeliveryStatus.EXPIRED;
            default -> DeliveryStatus.PENDING;
        };
    }
}
