package io.github.smsotp.it.stubs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback stand-in for three "Verify" APIs, where the provider, not the extension, makes up the code,
 * sends it and checks it. Each speaks its provider's documented protocol and refuses a request of the
 * wrong shape as the provider would, so a test that signs in proves the shape of what was sent:
 * <ul>
 * <li>Twilio Verify v2: form bodies, HTTP Basic {@code AccountSid:AuthToken}.
 *     {@code POST /v2/Services/{VA…}/Verifications} starts one (or, while one is pending for the number,
 *     sends the same code again); {@code POST …/VerificationCheck} checks it, 5 checks at most.</li>
 * <li>Vonage Verify v2: JSON, Basic or Bearer. {@code POST /v2/verify} starts one (409 while one is active
 *     for the number), {@code POST /v2/verify/{id}} checks it (3 wrong codes end it),
 *     {@code DELETE /v2/verify/{id}} cancels it.</li>
 * <li>Infobip 2FA: JSON, {@code App} key. {@code POST /2fa/2/pin} (SMS) or {@code /2fa/2/pin/voice} sends
 *     a pin, {@code POST /2fa/2/pin/{pinId}/verify} checks it, 3 attempts per pin.</li>
 * </ul>
 * {@link #down} makes every endpoint answer its provider's 503, {@link #hang} holds every answer back,
 * {@link #expire} ends a number's pending verifications as their time to live would.
 */
public final class VerifyStub implements AutoCloseable {

    /**
     * One code the provider sent.
     *
     * @param to            E.164, with the +
     * @param channel       as the provider names it (Twilio: sms, whatsapp, call; Vonage: sms, voice, whatsapp;
     *                      Infobip: sms, voice)
     * @param id            Twilio's verification SID, Vonage's request_id, Infobip's pinId
     * @param service       Twilio's service SID, Vonage's brand, Infobip's applicationId
     * @param authorization the request's Authorization header
     * @param locale        the locale asked for; null when none
     */
    public record Sent(String provider, String to, String channel, String code, String id, String service,
                       String authorization, String locale) {
    }

    /**
     * One code check the provider received.
     *
     * @param answer what the provider answered: approved, wrong, max_attempts, or expired (which includes
     *               a verification it does not know)
     */
    public record Check(String provider, String id, String code, String answer, String authorization) {
    }

    /** Longer than the client timeouts the tests set while hanging, short enough not to slow a failure down. */
    private static final Duration HANG_TIME = Duration.ofSeconds(2);
    private static final int TWILIO_CHECKS = 5;
    private static final int VONAGE_WRONG_CODES = 3;
    private static final int INFOBIP_ATTEMPTS = 3;
    private static final String E164_DIGITS = "[1-9][0-9]{1,14}";
    private static final Pattern TWILIO = Pattern.compile("/v2/Services/(VA[0-9a-f]{32})/(Verifications|VerificationCheck)");
    private static final Pattern VONAGE = Pattern.compile("/v2/verify(?:/([^/]+))?");
    private static final Pattern INFOBIP_SEND = Pattern.compile("/2fa/2/pin(/voice)?");
    private static final Pattern INFOBIP_VERIFY = Pattern.compile("/2fa/2/pin/([^/]+)/verify");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum Status { PENDING, APPROVED, EXPIRED, CANCELED, FAILED }

    /** A verification as its provider keeps it; guarded by the stub's lock. */
    private static final class Verification {
        final String provider, id, service, to, code;
        final String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String channel;
        Status status = Status.PENDING;
        /** Twilio: checks made; Vonage: wrong codes; Infobip: attempts used. */
        int attempts;

        Verification(String provider, String id, String service, String to, String code, String channel) {
            this.provider = provider;
            this.id = id;
            this.service = service;
            this.to = to;
            this.code = code;
            this.channel = channel;
        }
    }

    /** An answer to write; no body for 204. */
    private record Reply(int status, JsonNode body) {
    }

    /** A check and the number it was for (null when the provider did not know the verification). */
    private record Checked(String number, Check check) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    /** Released by {@link #close} so a hanging request lets go at once. */
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Map<String, Verification> verifications = new HashMap<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<Checked> checks = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private volatile boolean hang;

    public VerifyStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor); // a hanging request must not hold the others back
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every endpoint answers its provider's "service unavailable" while down. */
    public void down(boolean down) {
        this.down = down;
    }

    /** While set, every request waits about 2 seconds before it is answered as usual. */
    public void hang(boolean hang) {
        this.hang = hang;
    }

    /** The pending verifications for this number expire: later checks answer as each provider does then. */
    public synchronized void expire(String number) {
        verifications.values().stream().filter(v -> v.to.equals(number) && v.status == Status.PENDING)
                .forEach(v -> v.status = Status.EXPIRED);
    }

    /** The codes sent to a number, oldest first. */
    public List<Sent> to(String number) {
        return sent.stream().filter(s -> s.to().equals(number)).toList();
    }

    /** The checks of a number's verifications, oldest first. */
    public List<Check> checks(String number) {
        return checks.stream().filter(c -> number.equals(c.number())).map(Checked::check).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (hang && closed.await(HANG_TIME.toMillis(), TimeUnit.MILLISECONDS)) {
                return; // closing: nobody waits for the answer any more
            }
            Reply reply = route(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body,
                    exchange.getRequestHeaders().getFirst("Authorization"));
            if (reply.body() == null) {
                exchange.sendResponseHeaders(reply.status(), -1);
            } else {
                GatewayStub.respond(exchange, reply.status(), JSON.writeValueAsString(reply.body()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    /** One lock for all state: Twilio's "same verification again" and every check must be atomic. */
    private synchronized Reply route(String method, String path, String body, String authorization) {
        Matcher m;
        if (method.equals("POST") && (m = TWILIO.matcher(path)).matches()) {
            return twilio(m.group(1), m.group(2).equals("Verifications"), form(body), authorization);
        }
        if ((m = VONAGE.matcher(path)).matches() && (method.equals("POST") || method.equals("DELETE") && m.group(1) != null)) {
            return vonage(method, m.group(1), json(body), authorization);
        }
        if (method.equals("POST") && (m = INFOBIP_SEND.matcher(path)).matches()) {
            return infobip(m.group(1) == null ? "sms" : "voice", null, json(body), authorization);
        }
        if (method.equals("POST") && (m = INFOBIP_VERIFY.matcher(path)).matches()) {
            return infobip(null, m.group(1), json(body), authorization);
        }
        return new Reply(404, JSON.createObjectNode());
    }

    private Reply twilio(String service, boolean start, Map<String, String> form, String authorization) {
        String account = basicUser(authorization);
        if (account == null || !account.matches("(AC|SK).+")) {
            return twilioError(401, 20003, "Authenticate");
        }
        if (down) {
            return twilioError(503, 20503, "Service unavailable");
        }
        return start ? twilioStart(service, account, form, authorization)
                : twilioCheck(service, account, form, authorization);
    }

    /** A pending verification for the number is sent again, same SID and code, as Twilio does. */
    private Reply twilioStart(String service, String account, Map<String, String> form, String authorization) {
        String to = form.getOrDefault("To", "");
        String channel = form.getOrDefault("Channel", "");
        if (!to.matches("\\+" + E164_DIGITS)) {
            return twilioError(400, 60200, "Invalid parameter `To`");
        }
        if (!channel.matches("sms|whatsapp|call")) {
            return twilioError(400, 60200, "Invalid parameter `Channel`");
        }
        Verification v = pending("twilio", service, to);
        if (v == null) {
            v = start("twilio", "VE" + hex(16), service, to, digits(6), channel);
        }
        v.channel = channel;
        sent.add(new Sent("twilio", to, channel, v.code, v.id, service, authorization, form.get("Locale")));
        return new Reply(201, twilioResource(v, account));
    }

    private Reply twilioCheck(String service, String account, Map<String, String> form, String authorization) {
        String code = form.getOrDefault("Code", "");
        String sid = form.get("VerificationSid");
        String to = form.get("To");
        if (code.isBlank()) {
            return twilioError(400, 60200, "Invalid parameter `Code`");
        }
        if (sid == null && to == null) {
            return twilioError(400, 60200, "Invalid parameter `To`");
        }
        Verification v = sid != null ? find("twilio", sid) : pending("twilio", service, to);
        if (v == null || !v.service.equals(service) || v.status != Status.PENDING) {
            record(v != null ? v.to : to, "twilio", sid, code, "expired", authorization);
            return twilioError(404, 20404, "The requested resource /Services/" + service + "/VerificationCheck was not found");
        }
        if (v.attempts >= TWILIO_CHECKS) {
            // Its status is max_attempts_reached from now on: a new verification for the number starts afresh.
            v.status = Status.FAILED;
            record(v.to, "twilio", v.id, code, "max_attempts", authorization);
            return twilioError(429, 60202, "Max check attempts reached");
        }
        v.attempts++;
        boolean right = v.code.equals(code);
        if (right) {
            v.status = Status.APPROVED;
        }
        record(v.to, "twilio", v.id, code, right ? "approved" : "wrong", authorization);
        return new Reply(200, twilioResource(v, account));
    }

    private ObjectNode twilioResource(Verification v, String account) {
        boolean approved = v.status == Status.APPROVED;
        ObjectNode resource = JSON.createObjectNode().put("sid", v.id).put("service_sid", v.service)
                .put("account_sid", account).put("to", v.to).put("channel", v.channel)
                .put("status", approved ? "approved" : "pending").put("valid", approved)
                .put("date_created", v.created).put("date_updated", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("url", url() + "/v2/Services/" + v.service + "/Verifications/" + v.id);
        resource.putObject("lookup");
        return resource;
    }

    private static Reply twilioError(int status, int code, String message) {
        return new Reply(status, JSON.createObjectNode().put("code", code).put("message", message)
                .put("more_info", "https://www.twilio.com/docs/errors/" + code).put("status", status));
    }

    private Reply vonage(String method, String id, JsonNode request, String authorization) {
        if (basicUser(authorization) == null
                && (authorization == null || !authorization.matches("Bearer [^.\\s]+\\.[^.\\s]+\\.[^.\\s]+"))) {
            return new Reply(401, problem("Unauthorized", "You did not provide correct credentials.", "#unauthorized"));
        }
        if (down) {
            return new Reply(503, problem("Service Unavailable", "The service is temporarily unavailable.",
                    "#service-unavailable"));
        }
        if (id == null) {
            return vonageStart(request, authorization);
        }
        Verification v = find("vonage", id);
        boolean active = v != null && v.status == Status.PENDING;
        if (method.equals("DELETE")) {
            if (active) {
                v.status = Status.CANCELED;
            }
            return active ? new Reply(204, null) : vonageNotFound(id);
        }
        String code = request.path("code").asText("");
        if (code.isBlank()) {
            return invalidParams(JSON.createArrayNode().add(param("code", "Must be provided")));
        }
        if (v != null && v.status == Status.FAILED) {
            record(v.to, "vonage", id, code, "max_attempts", authorization);
            return new Reply(410, problem("Invalid Code",
                    "An incorrect code has been provided too many times. Workflow terminated.", "/verify#expired"));
        }
        if (!active) {
            record(v != null ? v.to : null, "vonage", id, code, "expired", authorization);
            return vonageNotFound(id);
        }
        if (v.code.equals(code)) {
            v.status = Status.APPROVED;
            record(v.to, "vonage", id, code, "approved", authorization);
            return new Reply(200, JSON.createObjectNode().put("request_id", id).put("status", "completed"));
        }
        if (++v.attempts >= VONAGE_WRONG_CODES) {
            v.status = Status.FAILED;
        }
        record(v.to, "vonage", id, code, "wrong", authorization);
        return new Reply(400, problem("Invalid Code", "The code you provided does not match the expected value.",
                "/verify#invalid-code"));
    }

    /** Only one active verification per number; the code goes out by the first workflow's channel. */
    private Reply vonageStart(JsonNode request, String authorization) {
        ArrayNode invalid = JSON.createArrayNode();
        String brand = request.path("brand").isTextual() ? request.path("brand").asText() : "";
        if (brand.isBlank() || brand.length() > 16) {
            invalid.add(param("brand", "Must be between 1 and 16 characters"));
        }
        JsonNode workflow = request.path("workflow");
        if (!workflow.isArray() || workflow.size() == 0) {
            invalid.add(param("workflow", "Must contain at least one channel"));
        }
        for (int i = 0; workflow.isArray() && i < workflow.size(); i++) {
            if (!workflow.get(i).path("channel").asText().matches("sms|voice|whatsapp")) {
                invalid.add(param("workflow[" + i + "].channel", "Must be one of sms, voice, whatsapp"));
            }
            if (!workflow.get(i).path("to").asText().matches(E164_DIGITS)) {
                invalid.add(param("workflow[" + i + "].to", "Must be a phone number in E.164 format without a leading +"));
            }
        }
        if (request.has("locale") && !request.path("locale").asText().matches("(?i)[a-z]{2}-[a-z]{2}")) {
            invalid.add(param("locale", "Must be a supported locale such as en-us"));
        }
        JsonNode length = request.path("code_length");
        if (request.has("code_length") && (!length.isInt() || length.asInt() < 4 || length.asInt() > 10)) {
            invalid.add(param("code_length", "Must be between 4 and 10"));
        }
        if (invalid.size() > 0) {
            return invalidParams(invalid);
        }
        String to = "+" + workflow.get(0).path("to").asText();
        Verification active = pending("vonage", null, to);
        if (active != null) {
            return new Reply(409, problem("Conflict", "Concurrent verifications to the same number are not allowed.",
                    "/verify#conflict").put("request_id", active.id));
        }
        String channel = workflow.get(0).path("channel").asText();
        Verification v = start("vonage", UUID.randomUUID().toString(), brand, to,
                digits(request.has("code_length") ? length.asInt() : 4), channel);
        sent.add(new Sent("vonage", to, channel, v.code, v.id, brand, authorization, request.path("locale").asText(null)));
        return new Reply(202, JSON.createObjectNode().put("request_id", v.id).put("check_url", url() + "/v2/verify/" + v.id));
    }

    private static Reply vonageNotFound(String id) {
        return new Reply(404, problem("Not Found", "Request '" + id + "' was not found or it has been verified already.",
                "#not-found"));
    }

    private static Reply invalidParams(ArrayNode invalid) {
        ObjectNode body = problem("Invalid params", "The value of one or more parameters is invalid.", "#invalid-params");
        body.set("invalid_parameters", invalid);
        return new Reply(422, body);
    }

    /** An RFC 7807 problem as Vonage writes it; {@code type} is the part after {@code /api-errors}. */
    private static ObjectNode problem(String title, String detail, String type) {
        return JSON.createObjectNode().put("title", title).put("detail", detail)
                .put("type", "https://developer.vonage.com/api-errors" + type).put("instance", UUID.randomUUID().toString());
    }

    private static ObjectNode param(String name, String reason) {
        return JSON.createObjectNode().put("name", name).put("reason", reason);
    }

    private Reply infobip(String channel, String pinId, JsonNode request, String authorization) {
        if (authorization == null || !authorization.matches("App \\S+")) {
            return infobipError(401, "UNAUTHORIZED", "Invalid login details");
        }
        if (down) {
            return infobipError(503, "GENERAL_ERROR", "Service unavailable");
        }
        return pinId == null ? infobipSend(channel, request, authorization) : infobipVerify(pinId, request, authorization);
    }

    private Reply infobipSend(String channel, JsonNode request, String authorization) {
        String missing = Stream.of("applicationId", "messageId", "to")
                .filter(field -> request.path(field).asText("").isBlank()).findFirst().orElse(null);
        if (missing != null) {
            return infobipError(400, "BAD_REQUEST", missing + ": must not be blank");
        }
        String to = request.path("to").asText();
        if (!to.matches(E164_DIGITS)) {
            return infobipError(400, "BAD_REQUEST", "to: invalid destination address");
        }
        String application = request.path("applicationId").asText();
        Verification v = start("infobip", hex(16).toUpperCase(), application, "+" + to, digits(6), channel);
        sent.add(new Sent("infobip", v.to, channel, v.code, v.id, application, authorization, null));
        boolean sms = channel.equals("sms");
        return new Reply(200, JSON.createObjectNode().put("pinId", v.id).put("to", to)
                .put("ncStatus", "NC_DESTINATION_REACHABLE")
                .put(sms ? "smsStatus" : "callStatus", sms ? "MESSAGE_SENT" : "PENDING_ACCEPTED"));
    }

    /** Every attempt uses one of the pin's three; a verified pin is gone. */
    private Reply infobipVerify(String pinId, JsonNode request, String authorization) {
        String pin = request.path("pin").asText("");
        if (pin.isBlank()) {
            return infobipError(400, "BAD_REQUEST", "pin: must not be blank");
        }
        Verification v = find("infobip", pinId);
        if (v == null || v.status == Status.APPROVED) {
            record(v != null ? v.to : null, "infobip", pinId, pin, "expired", authorization);
            return infobipError(404, "NOT_FOUND", "Pin not found");
        }
        ObjectNode reply = JSON.createObjectNode().put("pinId", v.id).put("msisdn", v.to.substring(1));
        String answer;
        if (v.status == Status.EXPIRED || v.attempts >= INFOBIP_ATTEMPTS) {
            boolean expired = v.status == Status.EXPIRED;
            reply.put("verified", false).put("attemptsRemaining", 0)
                    .put("pinError", expired ? "TTL_EXPIRED" : "NO_MORE_PIN_ATTEMPTS");
            answer = expired ? "expired" : "max_attempts";
        } else {
            v.attempts++;
            boolean right = v.code.equals(pin);
            reply.put("verified", right).put("attemptsRemaining", INFOBIP_ATTEMPTS - v.attempts);
            if (right) {
                v.status = Status.APPROVED;
            } else {
                reply.put("pinError", "WRONG_PIN");
            }
            answer = right ? "approved" : "wrong";
        }
        record(v.to, "infobip", pinId, pin, answer, authorization);
        return new Reply(200, reply);
    }

    private static Reply infobipError(int status, String word, String text) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("requestError").putObject("serviceException").put("messageId", word).put("text", text);
        return new Reply(status, body);
    }

    private Verification start(String provider, String id, String service, String to, String code, String channel) {
        Verification v = new Verification(provider, id, service, to, code, channel);
        verifications.put(id, v);
        return v;
    }

    /** The provider's pending verification for a number (for one service, or any when {@code service} is null). */
    private Verification pending(String provider, String service, String to) {
        return verifications.values().stream()
                .filter(v -> v.provider.equals(provider) && v.to.equals(to) && v.status == Status.PENDING
                        && (service == null || v.service.equals(service)))
                .findFirst().orElse(null);
    }

    private Verification find(String provider, String id) {
        Verification v = verifications.get(id);
        return v != null && v.provider.equals(provider) ? v : null;
    }

    private void record(String number, String provider, String id, String code, String answer, String authorization) {
        checks.add(new Checked(number, new Check(provider, id, code, answer, authorization)));
    }

    /** The user of a well-formed {@code Basic user:secret} header, else null. */
    private static String basicUser(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon > 0 && colon < pair.length() - 1 ? pair.substring(0, colon) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A form body's fields; a body that is no form has none, so the provider finds its fields missing. */
    private static Map<String, String> form(String body) {
        try {
            return body.isBlank() ? Map.of() : ProviderStub.form(body);
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /** A JSON object body; anything else reads as an empty object, so the provider finds its fields missing. */
    private static JsonNode json(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : JSON.createObjectNode();
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    private static String digits(int length) {
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(RANDOM.nextInt(10));
        }
        return code.toString();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
