package io.github.smsotp.sender.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.DeliveryStatus;
import io.github.smsotp.sender.Receipt;
import io.github.smsotp.sender.ReceiptRejected;
import io.github.smsotp.sender.ReceiptRequest;

/**
 * MessageBird's (Bird's) SMS status report: a GET with {@code id}, {@code reference},
 * {@code status} and {@code statusErrorCode} in the query, signed in
 * {@code MessageBird-Signature-JWT}: a JWT (HS256, HS384 or HS512) keyed with the account's
 * signing key, whose claims bind it to the call: {@code iss} "MessageBird", {@code nbf} and
 * {@code exp} around now, a {@code jti}, {@code url_hash} (hex SHA-256 of the full URL) and, when
 * there is a body, {@code payload_hash} (hex SHA-256 of it).
 */
final class BirdReceipts implements ReceiptFormat {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> ALGORITHMS = Map.of("HS256", "HmacSHA256", "HS384", "HmacSHA384",
            "HS512", "HmacSHA512");
    /** How far the provider's clock may be from ours. */
    private static final long SKEW_SECONDS = 5;

    private final Clock clock;

    BirdReceipts(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<Receipt> read(ReceiptRequest request, ConfigReader settings) throws ReceiptRejected {
        String jwt = request.header("MessageBird-Signature-JWT")
                .orElseThrow(() -> ReceiptRejected.unsigned("MessageBird-Signature-JWT is missing"));
        JsonNode claims = verified(jwt, Signatures.secret(settings, RECEIPT_SECRET));
        checkClaims(claims, request);
        List<Map.Entry<String, String>> query = request.queryFields();
        String id = ReceiptRequest.value(query, "id").orElseThrow(() -> ReceiptRejected.malformed("id is missing"));
        String status = ReceiptRequest.value(query, "status")
                .orElseThrow(() -> ReceiptRejected.malformed("status is missing"));
        return List.of(new Receipt(id, status(status), ReceiptRequest.value(query, "statusErrorCode")));
    }

    /** The claims of a token whose signature is the signing key's. */
    private static JsonNode verified(String jwt, String key) throws ReceiptRejected {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw ReceiptRejected.unsigned("MessageBird-Signature-JWT is no JWT");
        }
        String algorithm = ALGORITHMS.get(json(parts[0]).path("alg").asText());
        if (algorithm == null) {
            throw ReceiptRejected.unsigned("MessageBird-Signature-JWT is not signed with HS256, HS384 or HS512");
        }
        byte[] mac = Signatures.hmac(algorithm, key, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!Signatures.same(Base64.getUrlEncoder().withoutPadding().encodeToString(mac), parts[2])) {
            throw ReceiptRejected.unsigned("MessageBird-Signature-JWT does not match");
        }
        return json(parts[1]);
    }

    private void checkClaims(JsonNode claims, ReceiptRequest request) throws ReceiptRejected {
        long now = clock.instant().getEpochSecond();
        if (!"MessageBird".equals(claims.path("iss").asText())) {
            throw ReceiptRejected.unsigned("the token's iss is not MessageBird");
        }
        if (!claims.path("nbf").canConvertToLong() || claims.path("nbf").asLong() > now + SKEW_SECONDS
                || !claims.path("exp").canConvertToLong() || claims.path("exp").asLong() <= now - SKEW_SECONDS) {
            throw ReceiptRejected.unsigned("the token is not valid now");
        }
        if (claims.path("jti").asText().isBlank()) {
            throw ReceiptRejected.unsigned("the token has no jti");
        }
        String urlHash = Signatures.hex(Signatures.sha256(request.url().toString().getBytes(StandardCharsets.UTF_8)));
        if (!Signatures.same(urlHash, claims.path("url_hash").asText())) {
            throw ReceiptRejected.unsigned("the token was made for another URL");
        }
        Optional<String> payloadHash = Optional.of(claims.path("payload_hash")).filter(JsonNode::isTextual)
                .map(JsonNode::asText);
        if (request.body().length == 0 ? payloadHash.isPresent()
                : !payloadHash.map(hash -> Signatures.same(Signatures.hex(Signatures.sha256(request.body())), hash))
                .orElse(false)) {
            throw ReceiptRejected.unsigned("the token was made for another body");
        }
    }

    private static JsonNode json(String part) throws ReceiptRejected {
        try {
            JsonNode node = MAPPER.readTree(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw ReceiptRejected.unsigned("MessageBird-Signature-JWT is no JWT");
            }
            return node;
        } catch (IOException | IllegalArgumentException e) {
            throw ReceiptRejected.unsigned("MessageBird-Signature-JWT is no JWT");
        }
    }

    private static DeliveryStatus status(String status) {
        return switch (status) {
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "delivery_failed" -> DeliveryStatus.FAILED;
            case "expired" -> DeliveryStatus.EXPIRED;
            default -> DeliveryStatus.PENDING;
        };
    }
}
