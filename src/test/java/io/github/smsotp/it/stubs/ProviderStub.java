package io.github.smsotp.it.stubs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback stand-in for the SMS and voice providers the HTTP senders' presets speak to: each path
 * answers as its provider documents an accepted message or call, with an id, and the stub keeps
 * what was asked for (number, text, receipt address, the reference receipts echo, a call's language).
 * A Vonage Voice API call must carry a token the application's key signed.
 */
public final class ProviderStub implements AutoCloseable {

    /**
     * One message or call as the provider saw it.
     *
     * @param reference the reference a receipt echoes (SMS); for a call, what it authenticated with
     * @param language  the language a call speaks in; null for SMS
     */
    public record Sent(String provider, String to, String text, String messageId, String receiptUrl,
                       String reference, String language) {

        Sent(String provider, String to, String text, String messageId, String receiptUrl, String reference) {
            this(provider, to, text, messageId, receiptUrl, reference, null);
        }

        public String code() {
            Matcher m = Pattern.compile("\\b([0-9]{6,10})\\b").matcher(text);
            if (!m.find()) {
                throw new AssertionError("no code in the text");
            }
            return m.group(1);
        }

        /** The code a call reads digit by digit ("4, 8, 3, 9, 2, 0"), which it must say twice. */
        public String spokenCode() {
            Matcher m = Pattern.compile("([0-9](?:, [0-9]){5,9})").matcher(text);
            if (!m.find()) {
                throw new AssertionError("no spoken code in the call");
            }
            String spoken = m.group(1);
            if (!m.find() || !m.group(1).equals(spoken)) {
                throw new AssertionError("the call does not say the code twice");
            }
            return spoken.replace(", ", "");
        }
    }

    /** The Vonage application's public key, to check the token of each Voice API call; null: none. */
    private volatile PublicKey vonageKey;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    public ProviderStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public void vonageApplicationKey(PublicKey key) {
        vonageKey = key;
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
        if (path.endsWith("/Calls.json")) {
            Map<String, String> form = form(body);
            Matcher say = Pattern.compile("<Say language=\"([^\"]+)\">(.*)</Say>").matcher(form.get("Twiml"));
            if (!say.find()) {
                GatewayStub.respond(exchange, 400, "{\"message\":\"no Say in Twiml\"}");
                return;
            }
            sent.add(new Sent("twilio-voice", form.get("To"), say.group(2), "CA" + id, null,
                    exchange.getRequestHeaders().getFirst("Authorization"), say.group(1)));
            GatewayStub.respond(exchange, 201, "{\"sid\":\"CA" + id + "\",\"status\":\"queued\"}");
        } else if (path.equals("/v1/calls")) {
            if (!VonageToken.valid(exchange.getRequestHeaders().getFirst("Authorization"), vonageKey)) {
                GatewayStub.respond(exchange, 401, "{\"title\":\"Invalid Token\"}");
                return;
            }
            JsonNode call = JSON.readTree(body);
            JsonNode talk = call.path("ncco").path(0);
            if (!talk.path("action").asText().equals("talk")) {
                GatewayStub.respond(exchange, 400, "{\"title\":\"Bad Request\"}");
                return;
            }
            sent.add(new Sent("vonage-voice", "+" + call.path("to").path(0).path("number").asText(),
                    talk.path("text").asText(), "uuid-" + id, null, null, talk.path("language").asText()));
            GatewayStub.respond(exchange, 201, "{\"uuid\":\"uuid-" + id + "\",\"status\":\"started\"}");
        } else if (path.equals("/voice")) {
            JsonNode call = JSON.readTree(body);
            sent.add(new Sent("custom-voice", call.path("to").asText(), call.path("text").asText(), "call-" + id, null,
                    exchange.getRequestHeaders().getFirst("Authorization"), null));
            GatewayStub.respond(exchange, 200, "{}");
        } else if (path.endsWith("/Messages.json")) {
            Map<String, String> form = form(body);
            String sid = "SM" + id;
            sent.add(new Sent("twilio", form.get("To"), form.get("Body"), sid, form.get("StatusCallback"), null));
            GatewayStub.respond(exchange, 201, "{\"sid\":\"" + sid + "\",\"status\":\"queued\"}");
        } else if (path.equals("/sms/json")) {
            Map<String, String> form = form(body);
            String messageId = "0A000000" + id;
            sent.add(new Sent("vonage", "+" + form.get("to"), form.get("text"), messageId, form.get("callback"), null));
            GatewayStub.respond(exchange, 200, "{\"message-count\":\"1\",\"messages\":[{\"to\":\"" + form.get("to")
                    + "\",\"message-id\":\"" + messageId + "\",\"status\":\"0\"}]}");
        } else if (path.equals("/sms/2/text/advanced")) {
            JsonNode message = JSON.readTree(body).path("messages").path(0);
            String messageId = "ib-" + id;
            sent.add(new Sent("infobip", "+" + message.path("destinations").path(0).path("to").asText(),
                    message.path("text").asText(), messageId, message.path("notifyUrl").asText(null),
                    message.path("callbackData").asText(null)));
            GatewayStub.respond(exchange, 200, "{\"messages\":[{\"messageId\":\"" + messageId
                    + "\",\"status\":{\"groupName\":\"PENDING\"}}]}");
        } else if (path.equals("/messages")) {
            JsonNode message = JSON.readTree(body);
            String messageId = "mb" + id;
            sent.add(new Sent("messagebird", "+" + message.path("recipients").path(0).asText(),
                    message.path("body").asText(), messageId, message.path("reportUrl").asText(null),
                    message.path("reference").asText(null)));
            GatewayStub.respond(exchange, 201, "{\"id\":\"" + messageId + "\"}");
        } else {
            JsonNode message = JSON.readTree(body);
            String messageId = "wh-" + id;
            sent.add(new Sent("webhook", message.path("to").asText(), message.path("text").asText(), messageId,
                    message.path("receiptUrl").asText(null), null));
            GatewayStub.respond(exchange, 200, "{\"id\":\"" + messageId + "\"}");
        }
    }

    /** A form body's fields, in order. */
    static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
