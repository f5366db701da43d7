package io.github.smsotp.sender.http;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSegments;

/**
 * Ready-made requests for common SMS providers, from their public API documentation. Each needs
 * only the credentials ({@code http.account}, {@code http.auth-value}) and a sender id
 * ({@code http.from}); {@code http.url} overrides the provider's address (regional endpoints,
 * Infobip's per-account base URL).
 */
enum GatewayPreset {

    /** Twilio Messages API: form body, HTTP basic auth with the account SID and auth token. */
    TWILIO("https://api.twilio.com") {
        @Override
        HttpRequest.Builder request(PresetSettings s, SmsMessage message) {
            String account = s.account();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("To", message.to());
            fields.put("From", s.from());
            fields.put("Body", message.text());
            message.receipts().ifPresent(url -> fields.put("StatusCallback", url.toString()));
            return HttpRequest.newBuilder(URI.create(s.baseUrl() + "/2010-04-01/Accounts/"
                            + RequestParts.pathSegment(account) + "/Messages.json"))
                    .header("Authorization", basic(account, s.secret()))
                    .header("Content-Type", FORM)
                    .POST(form(fields));
        }

        @Override
        Optional<String> messageId(JsonNode body) {
            return text(body.path("sid"));
        }

        @Override
        ReceiptFormat receipts() {
            return new TwilioReceipts();
        }

        @Override
        Optional<String> receiptSecretKey() {
            // Twilio signs callbacks with the auth token the sends use.
            return Optional.empty();
        }

        @Override
        Optional<String> failure(int status, JsonNode body) {
            return ok(status) ? Optional.empty() : Optional.of(body.path("message").asText("HTTP " + status));
        }
    },

    /** Vonage SMS API: form body with key and secret; answers HTTP 200 even when it refuses. */
    VONAGE("https://rest.nexmo.com") {
        @Override
        HttpRequest.Builder request(PresetSettings s, SmsMessage message) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("api_key", s.account());
            fields.put("api_secret", s.secret());
            fields.put("from", s.from());
            fields.put("to", message.to().substring(1));
            fields.put("text", message.text());
            if (!SmsSegments.isGsm7(message.text())) {
                fields.put("type", "unicode");
            }
            message.receipts().ifPresent(url -> {
                fields.put("status-report-req", "1");
                fields.put("callback", url.toString());
            });
            return HttpRequest.newBuilder(URI.create(s.baseUrl() + "/sms/json"))
                    .header("Content-Type", FORM).POST(form(fields));
        }

        @Override
        Optional<String> messageId(JsonNode body) {
            return text(body.path("messages").path(0).path("message-id"));
        }

        @Override
        ReceiptFormat receipts() {
            return new VonageReceipts(Clock.systemUTC());
        }

        @Override
        Optional<String> failure(int status, JsonNode body) {
            JsonNode first = body.path("messages").path(0);
            if (ok(status) && first.path("status").asText().equals("0")) {
                return Optional.empty();
            }
            return Optional.of(first.path("error-text").asText("HTTP " + status));
        }
    },

    /** Infobip SMS API v2: JSON body, "App" API key header, per-account base URL. */
    INFOBIP(null) {
        @Override
        HttpRequest.Builder request(PresetSettings s, SmsMessage message) {
            Map<String, Object> sms = new LinkedHashMap<>();
            sms.put("destinations", List.of(Map.of("to", message.to().substring(1))));
            sms.put("from", s.from());
            sms.put("text", message.text());
            message.receipts().ifPresent(url -> {
                sms.put("notifyUrl", url.toString());
                sms.put("notifyContentType", JSON_TYPE);
                sms.put("callbackData", InfobipReceipts.callbackData(url.toString(), message.reference(),
                        s.reader().require(ReceiptFormat.RECEIPT_SECRET)));
            });
            return HttpRequest.newBuilder(URI.create(s.baseUrl() + "/sms/2/text/advanced"))
                    .header("Authorization", "App " + s.secret())
                    .header("Content-Type", JSON_TYPE)
                    .POST(json(Map.of("messages", List.of(sms))));
        }

        @Override
        Optional<String> messageId(JsonNode body) {
            return text(body.path("messages").path(0).path("messageId"));
        }

        @Override
        ReceiptFormat receipts() {
            return new InfobipReceipts();
        }

        @Override
        Optional<String> failure(int status, JsonNode body) {
            return ok(status) ? Optional.empty() : Optional.of(body.path("requestError").path("serviceException")
                    .path("text").asText("HTTP " + status));
        }
    },

    /** MessageBird (Bird) REST API: JSON body, "AccessKey" header. */
    MESSAGEBIRD("https://rest.messagebird.com") {
        @Override
        HttpRequest.Builder request(PresetSettings s, SmsMessage message) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("recipients", List.of(message.to().substring(1)));
            fields.put("originator", s.from());
            fields.put("body", message.text());
            message.receipts().ifPresent(url -> {
                // MessageBird reports only on messages that carry a reference.
                fields.put("reportUrl", url.toString());
                fields.put("reference", message.reference());
            });
            return HttpRequest.newBuilder(URI.create(s.baseUrl() + "/messages"))
                    .header("Authorization", "AccessKey " + s.secret())
                    .header("Content-Type", JSON_TYPE)
                    .POST(json(fields));
        }

        @Override
        Optional<String> messageId(JsonNode body) {
            return text(body.path("id"));
        }

        @Override
        ReceiptFormat receipts() {
            return new BirdReceipts(Clock.systemUTC());
        }

        @Override
        Optional<String> failure(int status, JsonNode body) {
            return ok(status) ? Optional.empty() : Optional.of(body.path("errors").path(0).path("description")
                    .asText("HTTP " + status));
        }
    },

    /** A generic JSON webhook: {"to": ..., "text": ...}, optional bearer token. */
    WEBHOOK(null) {
        @Override
        HttpRequest.Builder request(PresetSettings s, SmsMessage message) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("to", message.to());
            fields.put("text", message.text());
            message.receipts().ifPresent(url -> fields.put("receiptUrl", url.toString()));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.baseUrl()))
                    .header("Content-Type", JSON_TYPE)
                    .POST(json(fields));
            s.optionalSecret().ifPresent(token -> request.header("Authorization", "Bearer " + token));
            return request;
        }

        @Override
        Optional<String> messageId(JsonNode body) {
            return text(body.path("id"));
        }

        @Override
        ReceiptFormat receipts() {
            return new WebhookReceipts();
        }

        @Override
        Optional<String> failure(int status, JsonNode body) {
            return ok(status) ? Optional.empty() : Optional.of(body.path("message").asText(
                    body.path("error").asText("HTTP " + status)));
        }
    };

    static final String ACCOUNT = "account";
    static final String SECRET = "auth-value";
    static final String FROM = "from";

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON_TYPE = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String defaultBaseUrl;

    GatewayPreset(String defaultBaseUrl) {
        this.defaultBaseUrl = defaultBaseUrl;
    }

    abstract HttpRequest.Builder request(PresetSettings settings, SmsMessage message);

    abstract Optional<String> failure(int status, JsonNode body);

    /** The provider's id of the accepted message, from its answer. */
    abstract Optional<String> messageId(JsonNode body);

    /** How the provider signs and words its delivery receipts. */
    abstract ReceiptFormat receipts();

    /** The setting with the secret that checks receipts, where it is not one a send already needs. */
    Optional<String> receiptSecretKey() {
        return Optional.of(ReceiptFormat.RECEIPT_SECRET);
    }

    GatewayCall call(ConfigReader reader, SmsMessage message) {
        PresetSettings settings = PresetSettings.of(reader, defaultBaseUrl, name());
        HttpRequest request = request(settings, message).timeout(settings.timeout()).build();
        return new PresetCall(request, settings.timeout(), body -> messageId(parse(body)),
                (status, body) -> failure(status, parse(body)));
    }
    /** The settings a preset reads, each checked for where the preset puts it. */
    record PresetSettings(ConfigReader reader, String baseUrl) {

        /** The settings, with the provider's address: {@code url} if set, else its default. */
        static PresetSettings of(ConfigReader reader, String defaultBaseUrl, String preset) {
            String base = reader.get(HttpGatewaySettings.URL).orElse(defaultBaseUrl);
            if (base == null) {
                throw reader.invalid(HttpGatewaySettings.URL, "is required for the " + preset.toLowerCase(Locale.ROOT)
                        + " preset");
            }
            RequestParts.httpUrl(reader, HttpGatewaySettings.URL, base);
            return new PresetSettings(reader, base.replaceAll("/+$", ""));
        }

        Duration timeout() {
            return Duration.ofMillis(reader.intIn(HttpGatewaySettings.TIMEOUT, HttpGatewaySettings.DEFAULT_TIMEOUT_MS,
                    100, 60_000));
        }

        /** Goes into a URL path (Twilio) or a form field (Vonage). */
        String account() {
            return RequestParts.account(reader, ACCOUNT);
        }

        /** Goes into a header by most presets. */
        String secret() {
            return RequestParts.headerValue(reader, SECRET, reader.require(SECRET));
        }

        Optional<String> optionalSecret() {
            return reader.get(SECRET).map(value -> RequestParts.headerValue(reader, SECRET, value));
        }

        String from() {
            return reader.require(FROM);
        }
    }

    /** A non-empty text value; ids are short, and anything longer is no id of a provider's. */
    static Optional<String> text(JsonNode node) {
        return node.isValueNode() ? Optional.of(node.asText()).filter(id -> !id.isBlank() && id.length() <= 128)
                : Optional.empty();
    }

    static boolean ok(int status) {
        return status >= 200 && status <= 299;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static HttpRequest.BodyPublisher form(Map<String, String> fields) {
        return HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }

    static HttpRequest.BodyPublisher json(Object body) {
        return HttpRequest.BodyPublishers.ofString(jsonText(body));
    }

    /** A value as JSON text, for a body or for a field that carries JSON (Twilio's ContentVariables). */
    static String jsonText(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            return MAPPER.createObjectNode();
        }
    }
}
