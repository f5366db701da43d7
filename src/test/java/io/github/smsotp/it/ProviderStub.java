package io.github.smsotp.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback stand-in for the SMS providers the HTTP sender's presets speak to: each path answers
 * as its provider documents an accepted message, with a message id, and the stub keeps what the
 * send asked for (number, text, receipt address and the reference the receipts echo).
 */
public final class ProviderStub implements AutoCloseable {

    /** One message as the provider saw it. */
    public record Sent(String provider, String to, String text, String messageId, String receiptUrl,
                       String reference) {

        public String code() {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b([0-9]{6,10})\\b").matcher(text);
            if (!m.find()) {
                throw new AssertionError("no code in the text");
            }
            return m.group(1);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    public ProviderStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The messages sent to a number, oldest first. */
    public List<Sent> to(String number) {
        return sent.stream().filter(s -> s.to().equals(number)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        String id = Integer.toString(ids.incrementAndGet());
        if (path.endsWith("/Messages.json")) {
            Map<String, String> form = form(body);
            String sid = "SM" + id;
            sent.add(new Sent("twilio", form.get("To"), form.get("Body"), sid, form.get("StatusCallback"), null));
            respond(exchange, 201, "{\"sid\":\"" + sid + "\",\"status\":\"queued\"}");
        } else if (path.equals("/sms/json")) {
            Map<String, String> form = form(body);
            String messageId = "0A000000" + id;
            sent.add(new Sent("vonage", "+" + form.get("to"), form.get("text"), messageId, form.get("callback"), null));
            respond(exchange, 200, "{\"message-count\":\"1\",\"messages\":[{\"to\":\"" + form.get("to")
                    + "\",\"message-id\":\"" + messageId + "\",\"status\":\"0\"}]}");
        } else if (path.equals("/sms/2/text/advanced")) {
            JsonNode message = JSON.readTree(body).path("messages").path(0);
            String messageId = "ib-" + id;
            sent.add(new Sent("infobip", "+" + message.path("destinations").path(0).path("to").asText(),
                    message.path("text").asText(), messageId, message.path("notifyUrl").asText(null),
                    message.path("callbackData").asText(null)));
            respond(exchange, 200, "{\"messages\":[{\"messageId\":\"" + messageId
                    + "\",\"status\":{\"groupName\":\"PENDING\"}}]}");
        } else if (path.equals("/messages")) {
            JsonNode message = JSON.readTree(body);
            String messageId = "mb" + id;
            sent.add(new Sent("messagebird", "+" + message.path("recipients").path(0).asText(),
                    message.path("body").asText(), messageId, message.path("reportUrl").asText(null),
                    message.path("reference").asText(null)));
            respond(exchange, 201, "{\"id\":\"" + messageId + "\"}");
        } else {
            JsonNode message = JSON.readTree(body);
            String messageId = "wh-" + id;
            sent.add(new Sent("webhook", message.path("to").asText(), message.path("text").asText(), messageId,
                    message.path("receiptUrl").asText(null), null));
            respond(exchange, 200, "{\"id\":\"" + messageId + "\"}");
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
