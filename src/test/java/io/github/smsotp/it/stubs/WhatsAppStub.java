package io.github.smsotp.it.stubs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback stand-in for three WhatsApp APIs, each answering as its provider documents an accepted
 * authentication template and a refusal: Meta's Cloud API ({@code POST /v23.0/{phone-number-id}/messages}),
 * Twilio's Messages API with {@code whatsapp:} addresses and a Content template, and Infobip's
 * WhatsApp template API. A request of the wrong shape (the code missing from the body parameter or
 * the copy-code button, a missing template or language) is refused as the provider would refuse it,
 * so a test that signs in proves the shape. {@link #down} makes every provider answer its
 * "service unavailable".
 */
public final class WhatsAppStub implements AutoCloseable {

    /**
     * One message as the provider saw it.
     *
     * @param template      the template's name (Twilio: the Content SID)
     * @param language      the template's language code (none for Twilio: the Content SID is per language)
     * @param authorization the request's Authorization header
     * @param messageId     the provider's id of the message, as its answer gave it
     * @param statusUrl     where the provider is to report the message's status (Twilio's StatusCallback,
     *                      Infobip's notifyUrl); null where the request named none (Meta: set per app)
     * @param callbackData  what Infobip is to echo in its report; null where none
     */
    public record Sent(String provider, String to, String from, String code, String template, String language,
                       String authorization, String messageId, String statusUrl, String callbackData) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile boolean down;

    public WhatsAppStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every provider answers "unavailable" while down. */
    public void down(boolean down) {
        this.down = down;
    }

    /** The messages sent to a number, oldest first. */
    public List<Sent> to(String number) {
        return sent.stream().filter(s -> s.to().equals(number)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String id = Integer.toString(ids.incrementAndGet());
        if (path.matches("/v[0-9.]+/[0-9]+/messages")) {
            meta(exchange, JSON.readTree(body), authorization, id);
        } else if (path.matches("/2010-04-01/Accounts/AC[0-9a-f]+/Messages.json")) {
            twilio(exchange, ProviderStub.form(body), authorization, id);
        } else if (path.equals("/whatsapp/1/message/template")) {
            infobip(exchange, JSON.readTree(body).path("messages").path(0), authorization, id);
        } else {
            GatewayStub.respond(exchange, 404, "{}");
        }
    }

    /** Meta: a template message whose body parameter and URL button (the copy-code button) both carry the code. */
    private void meta(HttpExchange exchange, JsonNode message, String authorization, String id) throws IOException {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            metaError(exchange, 401, 190, "OAuthException", "Invalid OAuth access token - Cannot parse access token");
            return;
        }
        if (down) {
            metaError(exchange, 503, 131016, "OAuthException", "(#131016) Service unavailable");
            return;
        }
        JsonNode template = message.path("template");
        String bodyCode = template.path("components").path(0).path("parameters").path(0).path("text").asText(null);
        JsonNode button = template.path("components").path(1);
        String buttonCode = button.path("parameters").path(0).path("text").asText(null);
        boolean shaped = message.path("messaging_product").asText().equals("whatsapp")
                && message.path("type").asText().equals("template")
                && !template.path("name").asText().isEmpty()
                && !template.path("language").path("code").asText().isEmpty()
                && template.path("components").path(0).path("type").asText().equals("body")
                && button.path("type").asText().equals("button") && button.path("sub_type").asText().equals("url")
                && button.path("index").asText().equals("0")
                && bodyCode != null && bodyCode.equals(buttonCode) && message.path("to").asText().matches("[0-9]+");
        if (!shaped) {
            metaError(exchange, 400, 132000, "OAuthException",
                    "(#132000) Number of parameters does not match the expected number of params");
            return;
        }
        String to = "+" + message.path("to").asText();
        sent.add(new Sent("meta", to, null, bodyCode, template.path("name").asText(),
                template.path("language").path("code").asText(), authorization, "wamid.HBgL" + id, null, null));
        GatewayStub.respond(exchange, 200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\""
                + message.path("to").asText() + "\",\"wa_id\":\"" + message.path("to").asText()
                + "\"}],\"messages\":[{\"id\":\"wamid.HBgL" + id + "\"}]}");
    }

    private static void metaError(HttpExchange exchange, int status, int code, String type, String message)
            throws IOException {
        GatewayStub.respond(exchange, status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type
                + "\",\"code\":" + code + ",\"fbtrace_id\":\"AbCdEf\"}}");
    }

    /** Twilio: whatsapp: addresses, a Content SID and the code as the template's one variable. */
    private void twilio(HttpExchange exchange, Map<String, String> form, String authorization, String id)
            throws IOException {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            twilioError(exchange, 401, 20003, "Authenticate");
            return;
        }
        if (down) {
            twilioError(exchange, 503, 20503, "Service unavailable");
            return;
        }
        String to = form.getOrDefault("To", "");
        String from = form.getOrDefault("From", "");
        JsonNode variables = JSON.readTree(form.getOrDefault("ContentVariables", "{}"));
        if (!to.startsWith("whatsapp:+") || !from.startsWith("whatsapp:+")) {
            twilioError(exchange, 400, 21211, "Invalid 'To' Phone Number");
            return;
        }
        if (!form.getOrDefault("ContentSid", "").startsWith("HX") || !variables.path("1").isTextual()) {
            twilioError(exchange, 400, 21656, "The ContentVariables Parameter is invalid");
            return;
        }
        sent.add(new Sent("twilio", to.substring("whatsapp:".length()), from.substring("whatsapp:".length()),
                variables.path("1").asText(), form.get("ContentSid"), null, authorization, "SM" + id,
                form.get("StatusCallback"), null));
        GatewayStub.respond(exchange, 201, "{\"sid\":\"SM" + id + "\",\"status\":\"queued\",\"to\":\"" + to + "\"}");
    }

    private static void twilioError(HttpExchange exchange, int status, int code, String message) throws IOException {
        GatewayStub.respond(exchange, status, "{\"code\":" + code + ",\"message\":\"" + message
                + "\",\"more_info\":\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":" + status + "}");
    }

    /** Infobip: a template with the code as the body's placeholder and the URL button's parameter. */
    private void infobip(HttpExchange exchange, JsonNode message, String authorization, String id)
            throws IOException {
        if (authorization == null || !authorization.startsWith("App ")) {
            infobipError(exchange, 401, "UNAUTHORIZED", "Invalid login details");
            return;
        }
        if (down) {
            infobipError(exchange, 503, "SERVICE_UNAVAILABLE", "Service unavailable");
            return;
        }
        JsonNode content = message.path("content");
        String bodyCode = content.path("templateData").path("body").path("placeholders").path(0).asText(null);
        String buttonCode = content.path("templateData").path("buttons").path(0).path("parameter").asText(null);
        if (content.path("templateName").asText().isEmpty() || content.path("language").asText().isEmpty()
                || bodyCode == null || !bodyCode.equals(buttonCode)
                || !message.path("to").asText().matches("[0-9]+") || !message.path("from").asText().matches("[0-9]+")) {
            infobipError(exchange, 400, "BAD_REQUEST", "Bad request");
            return;
        }
        String to = "+" + message.path("to").asText();
        sent.add(new Sent("infobip", to, "+" + message.path("from").asText(), bodyCode,
                content.path("templateName").asText(), content.path("language").asText(), authorization, "ib-wa-" + id,
                message.path("notifyUrl").asText(null), message.path("callbackData").asText(null)));
        GatewayStub.respond(exchange, 200, "{\"messages\":[{\"to\":\"" + message.path("to").asText()
                + "\",\"messageCount\":1,\"messageId\":\"ib-wa-" + id + "\",\"status\":{\"groupId\":1,"
                + "\"groupName\":\"PENDING\",\"id\":7,\"name\":\"PENDING_ENROUTE\","
                + "\"description\":\"Message sent to next instance\"}}],\"bulkId\":\"bulk-" + id + "\"}");
    }

    private static void infobipError(HttpExchange exchange, int status, String word, String text) throws IOException {
        GatewayStub.respond(exchange, status, "{\"requestError\":{\"serviceException\":{\"messageId\":\"" + word
                + "\",\"text\":\"" + text + "\"}}}");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
