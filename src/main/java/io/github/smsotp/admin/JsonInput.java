package io.github.smsotp.admin;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.util.JsonSerialization;

/** A request body of the SMS admin API, read field by field; whatever is wrong is a 400 naming the field. */
final class JsonInput {

    /** Input the caller must fix: answered as 400 {@code {"field": ..., "error": ...}}. */
    static final class BadInput extends WebApplicationException {

        BadInput(String field, String problem) {
            this(Response.Status.BAD_REQUEST, field, problem);
        }

        /** A well-formed value the realm's state refuses (409), e.g. a number another user holds. */
        static BadInput conflict(String field, String problem) {
            return new BadInput(Response.Status.CONFLICT, field, problem);
        }

        private BadInput(Response.Status status, String field, String problem) {
            super(field + " " + problem, Response.status(status).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("field", field, "error", field + " " + problem)).build());
        }
    }

    private final JsonNode json;

    private JsonInput(JsonNode json) {
        this.json = json;
    }

    /** @throws BadInput unless the body is a JSON object */
    static JsonInput of(String body) {
        try {
            JsonNode json = body == null || body.isBlank() ? null : JsonSerialization.mapper.readTree(body);
            if (json == null || !json.isObject()) {
                throw new BadInput("body", "must be a JSON object");
            }
            return new JsonInput(json);
        } catch (IOException e) {
            throw new BadInput("body", "is not valid JSON");
        }
    }

    JsonNode json() {
        return json;
    }

    /** A string field, or the default when absent; present but empty or not a string is refused. */
    String text(String field, String defaultValue) {
        JsonNode value = json.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return defaultValue;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new BadInput(field, "must be a non-empty string");
        }
        return value.asText();
    }

    boolean flag(String field, boolean defaultValue) {
        JsonNode value = json.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw new BadInput(field, "must be true or false");
        }
        return value.asBoolean();
    }
}
