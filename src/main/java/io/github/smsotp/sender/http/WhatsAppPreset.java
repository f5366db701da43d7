package io.github.smsotp.sender.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.WhatsAppMessage;

/**
 * Ready-made requests for providers' WhatsApp APIs, from their public API documentation: an
 * authentication template whose body parameter and copy-code button both carry the code.
 */
enum WhatsAppPreset {

    /**
     * Meta's WhatsApp Cloud API: a {@code template} message to the business phone number's
     * {@code /messages} edge ({@code account}: the phone number id), with a system user's access token.
     */
    META("https://graph.facebook.com/v23.0") {
        @Override
        HttpRequest.Builder request(GatewayPreset.PresetSettings s, WhatsAppMessage message) {
            Map<String, Object> template = new LinkedHashMap<>();
            template.put("name", template(s, message));
            template.put("language", Map.of("code", language(s, message)));
            template.put("components", List.of(
                    Map.of("type", "body", "parameters", List.of(Map.of("type", "text", "text", message.code()))),
                    Map.of("type", "button", "sub_type", "url", "index", "0",
                            "parameters", List.of(Map.of("type", "text", "text", message.code())))));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("messaging_product", "whatsapp");
            body.put("recipient_type", "individual");
            body.put("to", message.to().substring(1));
            body.put("type", "template");
            body.put("template", template);
            return HttpRequest.newBuilder(URI.create(s.baseUrl() + "/" + RequestParts.pathSegment(s.account())
                            + "/messages"))
                    .header("Authorization", "Bearer " + s.secret())
                    .header("Content-Type", "application/json")
                    .POST(GatewayPreset.json(body));
        }

        @Override
        Optional<String> messageId(JsonNode body) {
            return GatewayPreset.text(body.path("messages").path(0).path("id"));
        }

        @Override
        Optional<String> failure(int status, JsonNode body) {
            if (GatewayPreset.ok(status)) {
                return Optional.empty();
            }
            JsonNode error = body.path("error");
            return Optional.of(error.has("code") ? "(#" + error.path("code").asText() + ") "
                    + error.path("message").asText("") : "HTTP " + status);
        }

        @Override
        ReceiptFormat receipts() {
            return new MetaReceipts();
        }

        @Override
        List<String> receiptSettings() {
            return List.of(ReceiptFormat.RECEIPT_SECRET, MetaReceipts.VERIFY_TOKEN);
        }
    },

    /**
     * Twilio's Messages API with {@code whatsapp:} addresses and a Content template ({@code template}:
     * its Content SID, one per language), HTTP basic auth with the account SID and auth token.
     */
    TWILIO("https://api.twilio.com") {
        @Override
        HttpRequest.Builder request(GatewayPreset.PresetSettings s, WhatsAppMessage message) {
            String account = s.account();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("To", "whatsapp:" + message.to());
            fields.put("From", s.from().startsWith("whatsapp:") ? s.from() : "whatsapp:" + s.from());
            fields.put("ContentSid", template(s, message));
            fields.put("ContentVariables", GatewayPreset.jsonText(Map.of("1", message.code())));
            message.receipts().ifPresent(url -> fields.put("StatusCallback", url.toString()));
            return HttpRequest.newBuilder(URI.create(s.baseUrl() + "/2010-04-01/Accounts/"
                            + RequestParts.pathSegment(account) + "/Messages.json"))
                    .header("Authorization", GatewayPreset.basic(account, s.secret()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(GatewayPreset.form(fields));
        }

        @Override
        Optional<String> messageId(JsonNode body) {
            return GatewayPreset.text(body.path("sid"));
        }

        @Override
        Optional<String> failure(int status, JsonNode body) {
            return GatewayPreset.ok(status) ? Optional.empty()
                    : Optional.of(body.path("message").asText("HTTP " + status));
        }

        @Override
        ReceiptFormat receipts() {
            // The Messages API's status callback, signed with the auth token, as for SMS.
            return new TwilioReceipts();
        }

        @Override
        List<String> receiptSettings() {
            return List.of();
        }
    },

    /** Infobip's WhatsApp template API: JSON body, "App" API key header, per-account base URL. */
    INFOBIP(null) {
        @Override
        HttpRequest.Builder request(GatewayPreset.PresetSettings s, WhatsAppMessage message) {
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("templateName", template(s, message));
            content.put("templateData", Map.of(
                    "body", Map.of("placeholders", List.of(message.code())),
                    "buttons", List.of(Map.of("type", "URL", "parameter", message.code()))));
            content.put("language", language(s, message));
            Map<String, Object> whatsApp = new LinkedHashMap<>();
            whatsApp.put("from", s.from().replaceFirst("^\\+", ""));
            whatsApp.put("to", message.to().substring(1));
            whatsApp.put("content", content);
            message.receipts().ifPresent(url -> {
                whatsApp.put("notifyUrl", url.toString());
                whatsApp.put("callbackData", InfobipReceipts.callbackData(url.toString(), message.reference(),
                        s.reader().require(ReceiptFormat.RECEIPT_SECRET)));
            });
            return HttpRequest.newBuilder(URI.create(s.baseUrl() + "/whatsapp/1/message/template"))
                    .header("Authorization", "App " + s.secret())
                    .header("Content-Type", "application/json")
                    .POST(GatewayPreset.json(Map.of("messages", List.of(whatsApp))));
        }

        @Override
        Optional<String> messageId(JsonNode body) {
            return GatewayPreset.text(body.path("messages").path(0).path("messageId"));
        }

        @Override
        Optional<String> failure(int status, JsonNode body) {
            return GatewayPreset.ok(status) ? Optional.empty() : Optional.of(body.path("requestError")
                    .path("serviceException").path("text").asText("HTTP " + status));
        }

        @Override
        ReceiptFormat receipts() {
            // Delivery reports as for SMS, with the callback data the preset signed.
            return new InfobipReceipts();
        }

        @Override
        List<String> receiptSettings() {
            return List.of(ReceiptFormat.RECEIPT_SECRET);
        }
    };

    /** The setting that names the provider's approved template (Twilio: its Content SID), by language. */
    static final String TEMPLATE = "template";
    /** The setting that gives the template's language code by the user's language; default: the user's own. */
    static final String LANGUAGES = "languages";

    private final String defaultBaseUrl;

    WhatsAppPreset(String defaultBaseUrl) {
        this.defaultBaseUrl = defaultBaseUrl;
    }

    abstract HttpRequest.Builder request(GatewayPreset.PresetSettings settings, WhatsAppMessage message);

    abstract Optional<String> messageId(JsonNode body);

    abstract Optional<String> failure(int status, JsonNode body);

    /** How the provider signs and words the messages' statuses. */
    abstract ReceiptFormat receipts();

    /** The settings receipts need besides the preset's own: the secrets they are checked with. */
    abstract List<String> receiptSettings();

    GatewayCall call(ConfigReader reader, WhatsAppMessage message) {
        GatewayPreset.PresetSettings settings = GatewayPreset.PresetSettings.of(reader, defaultBaseUrl, name());
        HttpRequest request = request(settings, message).timeout(settings.timeout()).build();
        return new PresetCall(request, settings.timeout(), body -> messageId(GatewayPreset.parse(body)),
                (status, body) -> failure(status, GatewayPreset.parse(body)));
    }

    /** The approved template for the user's language. */
    private static String template(GatewayPreset.PresetSettings s, WhatsAppMessage message) {
        return ByLanguage.read(s.reader(), TEMPLATE).orElseThrow(() -> s.reader().invalid(TEMPLATE, "is required"))
                .forLanguage(message.language())
                .orElseThrow(() -> s.reader().invalid(TEMPLATE, "names no template for the language '"
                        + message.language().toLanguageTag() + "' and none for all ('* -> ...')"));
    }

    /** The template's language code as the provider names it: {@code de}, {@code pt_BR}, unless set otherwise. */
    private static String language(GatewayPreset.PresetSettings s, WhatsAppMessage message) {
        return ByLanguage.read(s.reader(), LANGUAGES).flatMap(table -> table.forLanguage(message.language()))
                .orElseGet(() -> message.language().toLanguageTag().replace('-', '_'));
    }
}
