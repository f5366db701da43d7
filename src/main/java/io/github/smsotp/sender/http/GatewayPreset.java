package io.github.smsotp.sender.http;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
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
            return HttpRequest.newBuilder(URI.create(s.baseUrl() + "/2010-04-01/Accounts/"
                            + RequestParts.pathSegment(account) + "/Messages.json"))
                    .header("Authorization", basic(account, s.secret()))
                    .header("Content-Type", FORM)
                    .POST(form(Map.of("To", message.to(), "From", s.from(), "Body", message.text())));
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
            return HttpRequest.newBuilder(URI.create(s.baseUrl() + "/sms/json"))
                    .header("Content-Type", FORM).POST(form(fields));
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
            Map<String, Object> sms = Map.of("destinations", List.of(Map.of("to", message.to().substring(1))),
                    "from", s.from(), "text", message.text());
            return HttpRequest.newBuilder(URI.create(s.baseUrl() + "/sms/2/text/advanced"))
                    .header("Authorization", "App " + s.secret())
                    .header("Content-Type", JSON_TYPE)
                    .POST(json(Map.of("messages", List.of(sms))));
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
            return HttpRequest.newBuilder(URI.create(s.baseUrl() + "/messages"))
                    .header("Authorization", "AccessKey " + s.secret())
                    .header("Content-Type", JSON_TYPE)
                    .POST(json(Map.of("recipients", List.of(message.to().substring(1)), "originator", s.from(),
                            "body", message.text())));
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
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.baseUrl()))
                    .header("Content-Type", JSON_TYPE)
                    .POST(json(Map.of("to", message.to(), "text", message.text())));
            s.optionalSecret().ifPresent(token -> request.header("Authorization", "Bearer " + token));
            return request;
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

    GatewayCall call(ConfigReader reader, SmsMessage message) {
        String base = reader.get(HttpGatewaySettings.URL).orElse(defaultBaseUrl);
        if (base == null) {
            throw reader.invalid(HttpGatewaySettings.URL, "is required for the " + name().toLowerCase() + " preset");
        }
        RequestParts.httpUrl(reader, HttpGatewaySettings.URL, base);
        PresetSettings settings = new PresetSettings(reader, base.replaceAll("/+$", ""));
        Duration timeout = Duration.ofMillis(reader.intIn(HttpGatewaySettings.TIMEOUT,
                HttpGatewaySettings.DEFAULT_TIMEOUT_MS, 100, 60_000));
        HttpRequest request = request(settings, message).timeout(timeout).build();
        GatewayPreset preset = this;
        return new GatewayCall() {
            @Override
            public HttpRequest request() {
                return request;
            }

            @Override
            public URI url() {
                return request.uri();
            }

            @Override
            public Duration timeout() {
                return timeout;
            }

            @Override
            public Optional<String> failure(int status, String body) {
                return preset.failure(status, parse(body));
            }
        };
    }

    /** The settings a preset reads, each checked for where the preset puts it. */
    record PresetSettings(ConfigReader reader, String baseUrl) {

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

    static boolean ok(int status) {
        return status >= 200 && status <= 299;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpRequest.BodyPublisher form(Map<String, String> fields) {
        return HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            return MAPPER.createObjectNode();
        }
    }
}
