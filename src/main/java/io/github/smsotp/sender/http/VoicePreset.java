package io.github.smsotp.sender.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.sender.VoiceMessage;

/** Ready-made call requests for providers' voice APIs, from their public API documentation. */
enum VoicePreset {

    /** Twilio Calls API: form body with TwiML that says the text, HTTP basic auth with SID and token. */
    TWILIO("https://api.twilio.com") {
        @Override
        HttpRequest.Builder request(GatewayPreset.PresetSettings s, VoiceMessage message) {
            String account = s.account();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("To", message.to());
            fields.put("From", s.from());
            fields.put("Twiml", "<Response><Say language=\"" + message.languageTag() + "\">" + xml(message.text())
                    + "</Say></Response>");
            return HttpRequest.newBuilder(URI.create(s.baseUrl() + "/2010-04-01/Accounts/"
                            + RequestParts.pathSegment(account) + "/Calls.json"))
                    .header("Authorization", GatewayPreset.basic(account, s.secret()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(GatewayPreset.form(fields));
        }

        @Override
        Optional<String> failure(int status, JsonNode body) {
            return GatewayPreset.ok(status) ? Optional.empty()
                    : Optional.of(body.path("message").asText("HTTP " + status));
        }
    },

    /**
     * Vonage Voice API: a JSON call with an NCCO talk action in the user's language, authorised by a
     * JWT of the Vonage application ({@code account}: application id, {@code auth-value}: its
     * private key).
     */
    VONAGE("https://api.nexmo.com") {
        @Override
        HttpRequest.Builder request(GatewayPreset.PresetSettings s, VoiceMessage message) {
            String token = VonageJwt.token(s.reader().require(GatewayPreset.ACCOUNT),
                    VonageJwt.privateKey(s.reader(), GatewayPreset.SECRET), Instant.now());
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("to", List.of(Map.of("type", "phone", "number", message.to().substring(1))));
            call.put("from", Map.of("type", "phone", "number", s.from().replaceFirst("^\\+", "")));
            call.put("ncco", List.of(Map.of("action", "talk", "text", message.text(),
                    "language", message.languageTag())));
            return HttpRequest.newBuilder(URI.create(s.baseUrl() + "/v1/calls"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(GatewayPreset.json(call));
        }

        @Override
        Optional<String> failure(int status, JsonNode body) {
            return GatewayPreset.ok(status) ? Optional.empty()
                    : Optional.of(body.path("title").asText("HTTP " + status));
        }
    };

    private final String defaultBaseUrl;

    VoicePreset(String defaultBaseUrl) {
        this.defaultBaseUrl = defaultBaseUrl;
    }

    abstract HttpRequest.Builder request(GatewayPreset.PresetSettings settings, VoiceMessage message);

    abstract Optional<String> failure(int status, JsonNode body);

    GatewayCall call(io.github.smsotp.config.ConfigReader reader, VoiceMessage message) {
        GatewayPreset.PresetSettings settings = GatewayPreset.PresetSettings.of(reader, defaultBaseUrl, name());
        HttpRequest request = request(settings, message).timeout(settings.timeout()).build();
        return new PresetCall(request, settings.timeout(), body -> Optional.empty(),
                (status, body) -> failure(status, GatewayPreset.parse(body)));
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
