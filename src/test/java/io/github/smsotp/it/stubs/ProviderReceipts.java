package io.github.smsotp.it.stubs;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.smsotp.TestHashes;

/**
 * Delivery receipts as each provider sends them: its format, signed as its documentation says,
 * built here from those documents and nothing of the extension's.
 */
public final class ProviderReceipts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProviderReceipts() {
    }

    /** Twilio's status callback: a form POST signed in X-Twilio-Signature (HMAC-SHA1 of URL and sorted fields). */
    public static HttpRequest twilio(String url, String authToken, Map<String, String> fields) {
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(fields).forEach((name, value) -> signed.append(name).append(value));
        String signature = Base64.getEncoder().encodeToString(TestHashes.mac("HmacSHA1", authToken, signed.toString()));
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(form(fields))).build();
    }

    /**
     * Vonage's SMS delivery receipt as POST-JSON with a signed webhook ("MD5 hash" method): fields
     * sorted, {@code &name=value} with {@code &} and {@code =} in values made {@code _}, the secret
     * appended, MD5 in hex.
     */
    public static HttpRequest vonage(String url, String secret, Map<String, String> receipt) {
        Map<String, String> fields = new TreeMap<>(receipt);
        fields.put("timestamp", Long.toString(System.currentTimeMillis() / 1000));
        fields.put("nonce", UUID.randomUUID().toString());
        String signed = fields.entrySet().stream().map(e -> "&" + e.getKey() + "="
                + e.getValue().replace('&', '_').replace('=', '_')).collect(Collectors.joining());
        fields.put("sig", HexFormat.of().formatHex(TestHashes.digest("MD5", signed + secret)));
        return json(url, fields).build();
    }

    /** Infobip's delivery report: JSON results, with the callback data the send set. */
    public static HttpRequest infobip(String url, String messageId, String groupName, int errorId, String callbackData) {
        Map<String, Object> result = Map.of("messageId", messageId, "callbackData", callbackData,
                "status", Map.of("groupName", groupName), "error", Map.of("id", errorId));
        return json(url, Map.of("results", List.of(result))).build();
    }

    /**
     * MessageBird's status report: a GET whose query holds the report, signed in
     * MessageBird-Signature-JWT (HS256; url_hash is the SHA-256 of the full URL).
     */
    public static HttpRequest messageBird(String url, String signingKey, Map<String, String> query) {
        String full = url + "?" + form(query);
        long now = System.currentTimeMillis() / 1000;
        String header = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64Url(write(Map.of("iss", "MessageBird", "nbf", now - 1, "exp", now + 60,
                "jti", UUID.randomUUID().toString(), "url_hash", HexFormat.of().formatHex(TestHashes.digest("SHA-256", full)))));
        String jwt = header + "." + claims + "." + base64Url(TestHashes.mac("HmacSHA256", signingKey, header + "." + claims));
        return HttpRequest.newBuilder(URI.create(full)).header("MessageBird-Signature-JWT", jwt).GET().build();
    }

    /**
     * Meta's WhatsApp webhook notification of one message's status, signed in X-Hub-Signature-256
     * (hex HMAC-SHA256 of the body, keyed with the app secret); a failed status carries its error code.
     */
    public static HttpRequest meta(String url, String appSecret, String messageId, String status, Integer errorCode) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("id", messageId);
        state.put("status", status);
        state.put("timestamp", Long.toString(System.currentTimeMillis() / 1000));
        state.put("recipient_id", "12015550100");
        if (errorCode != null) {
            state.put("errors", List.of(Map.of("code", errorCode, "title", "Message undeliverable",
                    "message", "Message undeliverable", "error_data", Map.of("details", "Message Undeliverable."))));
        }
        Map<String, Object> value = Map.of("messaging_product", "whatsapp",
                "metadata", Map.of("display_phone_number", "15550001234", "phone_number_id", "106540352242922"),
                "statuses", List.of(state));
        Map<String, Object> body = Map.of("object", "whatsapp_business_account", "entry", List.of(
                Map.of("id", "102290129340398", "changes", List.of(Map.of("field", "messages", "value", value)))));
        String text = new String(write(body), StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(TestHashes.mac("HmacSHA256",
                        appSecret, text))).POST(HttpRequest.BodyPublishers.ofString(text)).build();
    }

    /** The webhook preset's receipt: JSON signed in X-Signature (hex HMAC-SHA256 of the body). */
    public static HttpRequest webhook(String url, String secret, Map<String, String> receipt) {
        String body = new String(write(receipt), StandardCharsets.UTF_8);
        return webhookBody(url, "sha256=" + HexFormat.of().formatHex(TestHashes.mac("HmacSHA256", secret, body)), body);
    }

    /** A body with whatever X-Signature the caller chooses (null for none). */
    public static HttpRequest webhookBody(String url, String signature, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Signature", signature);
        }
        return request.build();
    }

    private static HttpRequest.Builder json(String url, Object body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(write(body)));
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
