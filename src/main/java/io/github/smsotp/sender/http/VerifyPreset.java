package io.github.smsotp.sender.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.VerifyAnswer;
import io.github.smsotp.sender.VerifyRequest;
import io.github.smsotp.sender.VerifyRequest.Channel;

/**
 * Providers' Verify APIs, from their public API references: one request starts a verification (the
 * provider makes and sends the code), another checks a code against it. A check's "wrong code",
 * "too many tries" and "expired" come as error statuses from some providers: they are answers, read
 * here; anything else is a failure of the provider.
 */
enum VerifyPreset {

    /**
     * Twilio Verify v2: {@code Verifications} and {@code VerificationCheck} of a Verify Service
     * ({@code service}: its SID), form bodies, HTTP basic auth with the account SID and auth token.
     */
    TWILIO("https://verify.twilio.com") {
        @Override
        HttpRequest.Builder start(GatewayPreset.PresetSettings s, VerifyRequest request) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("To", request.to());
            fields.put("Channel", request.channel() == Channel.CALL ? "call" : request.channel().name()
                    .toLowerCase(Locale.ROOT));
            fields.put("Locale", request.language().toLanguageTag());
            s.reader().get(TEMPLATE).ifPresent(template -> fields.put("TemplateSid", template));
            return form(s, "/Verifications", fields);
        }

        @Override
        Optional<String> verificationId(JsonNode body) {
            return GatewayPreset.text(body.path("sid"));
        }

        @Override
        HttpRequest.Builder check(GatewayPreset.PresetSettings s, String id, String code) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("VerificationSid", id);
            fields.put("Code", code);
            return form(s, "/VerificationCheck", fields);
        }

        @Override
        Optional<VerifyAnswer> answer(int status, JsonNode body) {
            if (status == 200) {
                return Optional.of("approved".equals(body.path("status").asText()) ? VerifyAnswer.APPROVED
                        : VerifyAnswer.WRONG);
            }
            if (status == 404 && body.path("code").asInt() == 20404) {
                // Expired, approved already, or never there: Twilio keeps no verification past its end.
                return Optional.of(VerifyAnswer.EXPIRED);
            }
            return status == 429 && body.path("code").asInt() == 60202 ? Optional.of(VerifyAnswer.TOO_MANY_ATTEMPTS)
                    : Optional.empty();
        }

        @Override
        Optional<String> failure(int status, JsonNode body) {
            return GatewayPreset.ok(status) ? Optional.empty() : Optional.of(body.has("code")
                    ? body.path("code").asText() + " " + body.path("message").asText("") : "HTTP " + status);
        }

        private HttpRequest.Builder form(GatewayPreset.PresetSettings s, String path, Map<String, String> fields) {
            return HttpRequest.newBuilder(URI.create(s.baseUrl() + "/v2/Services/" + service(s) + path))
                    .header("Authorization", GatewayPreset.basic(s.account(), s.secret()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(GatewayPreset.form(fields));
        }
    },

    /**
     * Vonage Verify v2: a workflow of one channel, then a check of the code against its request id;
     * JSON bodies, HTTP basic auth with the API key and secret. Vonage runs one verification per
     * number at a time: a new code for a number cancels the one before.
     */
    VONAGE("https://api.nexmo.com") {
        private static final int BRAND_LENGTH = 16;

        @Override
        HttpRequest.Builder start(GatewayPreset.PresetSettings s, VerifyRequest request) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("channel", request.channel() == Channel.CALL ? "voice"
                    : request.channel().name().toLowerCase(Locale.ROOT));
            step.put("to", request.to().substring(1));
            Map<String, Object> body = new LinkedHashMap<>();
            String brand = s.reader().get(SERVICE).orElse(request.brand());
            // Vonage takes a brand of up to 16 characters.
            body.put("brand", brand.length() > BRAND_LENGTH ? brand.substring(0, BRAND_LENGTH) : brand);
            body.put("workflow", List.of(step));
            body.put("code_length", Math.max(4, Math.min(10, request.codeLength())));
            return json(s, "/v2/verify").POST(GatewayPreset.json(body));
        }

        @Override
        Optional<String> verificationId(JsonNode body) {
            return GatewayPreset.text(body.path("request_id"));
        }

        @Override
        Optional<String> conflicting(int status, JsonNode body) {
            return status == 409 ? GatewayPreset.text(body.path("request_id")) : Optional.empty();
        }

        @Override
        HttpRequest.Builder cancel(GatewayPreset.PresetSettings s, String id) {
            return json(s, "/v2/verify/" + RequestParts.pathSegment(id)).DELETE();
        }

        @Override
        HttpRequest.Builder check(GatewayPreset.PresetSettings s, String id, String code) {
            return json(s, "/v2/verify/" + RequestParts.pathSegment(id)).POST(GatewayPreset.json(Map.of("code", code)));
        }

        @Override
        Optional<VerifyAnswer> answer(int status, JsonNode body) {
            return Optional.ofNullable(switch (status) {
                case 200 -> VerifyAnswer.APPROVED;
                case 400 -> VerifyAnswer.WRONG;
                case 404 -> VerifyAnswer.EXPIRED;
                case 410 -> VerifyAnswer.TOO_MANY_ATTEMPTS;
                default -> null;
            });
        }

        @Override
        Optional<String> failure(int status, JsonNode body) {
            return GatewayPreset.ok(status) ? Optional.empty()
                    : Optional.of(body.path("title").asText("HTTP " + status) + ": " + body.path("detail").asText(""));
        }

        private HttpRequest.Builder json(GatewayPreset.PresetSettings s, String path) {
            return HttpRequest.newBuilder(URI.create(s.baseUrl() + path))
                    .header("Authorization", GatewayPreset.basic(s.account(), s.secret()))
                    .header("Content-Type", "application/json");
        }
    },

    /**
     * Infobip 2FA: a PIN by SMS or call from a 2FA application and its message template
     * ({@code service}, {@code template}), then a check of the PIN; "App" API key header, the
     * account's own base URL.
     */
    INFOBIP(null) {
        @Override
        HttpRequest.Builder start(GatewayPreset.PresetSettings s, VerifyRequest request) {
            if (request.channel() == Channel.WHATSAPP) {
                throw s.reader().invalid(GatewayCall.PRESET, "infobip sends 2FA PINs by SMS or call, not by WhatsApp");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("applicationId", service(s));
            body.put("messageId", s.reader().require(TEMPLATE));
            body.put("to", request.to().substring(1));
            return json(s, request.channel() == Channel.CALL ? "/2fa/2/pin/voice" : "/2fa/2/pin", body);
        }

        @Override
        Optional<String> verificationId(JsonNode body) {
            return GatewayPreset.text(body.path("pinId"));
        }

        @Override
        HttpRequest.Builder check(GatewayPreset.PresetSettings s, String id, String code) {
            return json(s, "/2fa/2/pin/" + RequestParts.pathSegment(id) + "/verify", Map.of("pin", code));
        }

        @Override
        Optional<VerifyAnswer> answer(int status, JsonNode body) {
            if (status == 404) {
                return Optional.of(VerifyAnswer.EXPIRED);
            }
            if (status != 200) {
                return Optional.empty();
            }
            if (body.path("verified").asBoolean(false)) {
                return Optional.of(VerifyAnswer.APPROVED);
            }
            return Optional.ofNullable(switch (body.path("pinError").asText("")) {
                case "WRONG_PIN" -> body.path("attemptsRemaining").asInt(1) > 0 ? VerifyAnswer.WRONG
                        : VerifyAnswer.TOO_MANY_ATTEMPTS;
                case "NO_MORE_PIN_ATTEMPTS" -> VerifyAnswer.TOO_MANY_ATTEMPTS;
                case "TTL_EXPIRED" -> VerifyAnswer.EXPIRED;
                default -> null;
            });
        }

        @Override
        Optional<String> failure(int status, JsonNode body) {
            return GatewayPreset.ok(status) ? Optional.empty() : Optional.of(body.path("requestError")
                    .path("serviceException").path("text").asText("HTTP " + status));
        }

        private HttpRequest.Builder json(GatewayPreset.PresetSettings s, String path, Object body) {
            return HttpRequest.newBuilder(URI.create(s.baseUrl() + path))
                    .header("Authorization", "App " + s.secret())
                    .header("Content-Type", "application/json")
                    .POST(GatewayPreset.json(body));
        }
    };

    /** The setting naming the Verify Service (Twilio), the 2FA application (Infobip) or the brand (Vonage). */
    static final String SERVICE = "service";
    /** The setting naming the message template: Infobip's (required), Twilio's (optional). */
    static final String TEMPLATE = "template";

    private final String defaultBaseUrl;

    VerifyPreset(String defaultBaseUrl) {
        this.defaultBaseUrl = defaultBaseUrl;
    }

    abstract HttpRequest.Builder start(GatewayPreset.PresetSettings settings, VerifyRequest request);

    /** The provider's id of a verification it started. */
    abstract Optional<String> verificationId(JsonNode body);

    /** Why the provider refused to start a verification; empty when it started one. */
    abstract Optional<String> failure(int status, JsonNode body);

    abstract HttpRequest.Builder check(GatewayPreset.PresetSettings settings, String id, String code);

    /** What a check's answer says of the code; empty when it says nothing of it (the provider failed). */
    abstract Optional<VerifyAnswer> answer(int status, JsonNode body);

    /** The verification still running for the number, where the provider refused a new one for it. */
    Optional<String> conflicting(int status, JsonNode body) {
        return Optional.empty();
    }

    /** Ends a running verification; only providers that run one per number need to. */
    HttpRequest.Builder cancel(GatewayPreset.PresetSettings settings, String id) {
        throw new UnsupportedOperationException(name() + " runs verifications side by side");
    }

    /** The settings, with the provider's address and the request timeout. */
    GatewayPreset.PresetSettings settings(ConfigReader reader) {
        return GatewayPreset.PresetSettings.of(reader, defaultBaseUrl, name());
    }

    /** A request ready to go, with how the provider words an acceptance and a refusal. */
    GatewayCall call(GatewayPreset.PresetSettings settings, HttpRequest.Builder request) {
        return new PresetCall(request.timeout(settings.timeout()).build(), settings.timeout(),
                body -> verificationId(GatewayPreset.parse(body)), (status, body) -> failure(status,
                GatewayPreset.parse(body)));
    }

    private static String service(GatewayPreset.PresetSettings s) {
        return RequestParts.account(s.reader(), SERVICE);
    }
}
