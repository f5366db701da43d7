package io.github.smsotp.sender.http;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.smsotp.sender.ReceiptRejected;
import io.github.smsotp.sender.ReceiptRequest;

/** Reading a receipt's JSON body, where a body that is no JSON object is the caller's error. */
final class JsonBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBodies() {
    }

    static JsonNode object(ReceiptRequest request) throws ReceiptRejected {
        try {
            JsonNode node = MAPPER.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw ReceiptRejected.malformed("the body is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ReceiptRejected.malformed("the body is not JSON");
        }
    }

    /** A field's text, when it is a non-empty scalar. */
    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }
}
