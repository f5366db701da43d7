package io.github.smsotp.it.stubs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback SMS gateway for the HTTP sender: accepts the generic JSON request
 * ({"to": "...", "text": "..."}), records it, and answers as told: accept, fail with 500, or hang.
 */
public final class GatewayStub implements AutoCloseable {

    public enum Mode { ACCEPT, FAIL_500, HANG }

    /** One request the gateway received. */
    public record Received(String method, String path, Map<String, List<String>> headers, String body,
                           String to, String text) {

        /** The first run of 6 to 10 digits in the text: the code. */
        public String code() {
            return findCode().orElseThrow(() -> new AssertionError("no code in SMS text: " + text));
        }

        /** The code, if the text holds one (an admin's test SMS holds none). */
        public Optional<String> findCode() {
            Matcher m = Pattern.compile("\\b([0-9]{6,10})\\b").matcher(text == null ? "" : text);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** How long a hanging gateway keeps a request: longer than any sender timeout the tests configure. */
    public static final Duration HANG_TIME = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    /** In arrival order; adding is O(1) whatever the count (the benchmark sends tens of thousands). */
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final AtomicLong messageIds = new AtomicLong();
    private final Map<String, Received> latest = new ConcurrentHashMap<>();
    /** Paths whose messages only their own realm reads (see {@link RealmGateway}). */
    private final java.util.Set<String> isolated = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.ACCEPT;
    private volatile Duration latency = Duration.ZERO;

    public GatewayStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void mode(Mode newMode) {
        mode = newMode;
    }

    /** How long the gateway takes before it accepts a message, as a slow provider would. */
    public void latency(Duration delay) {
        latency = delay;
    }

    /** The newest message to this number, if any (constant time, for load tests). */
    public Optional<Received> latestTo(String number) {
        return Optional.ofNullable(latest.get(number));
    }

    /**
     * Every message to this number, oldest first, but those at an isolated path: test numbers are
     * shared between test classes, and a realm that reads only its own path keeps its messages out of
     * everyone else's counts.
     */
    public List<Received> to(String number) {
        return received.stream().filter(r -> number.equals(r.to()) && !isolated.contains(r.path())).toList();
    }

    /** Every message to this number that arrived at one path (a realm of its own points its sender there). */
    public List<Received> to(String number, String path) {
        return received.stream().filter(r -> number.equals(r.to()) && r.path().equals(path)).toList();
    }

    /** Messages to {@code path} count only for {@link #to(String, String)} with that path. */
    public void isolate(String path) {
        isolated.add(path);
    }

    /** Every message, but those at an isolated path. */
    public List<Received> all() {
        return received.stream().filter(r -> !isolated.contains(r.path())).toList();
    }

    /** Every message the stub received, isolated paths included (for checks over all of them). */
    public List<Received> everything() {
        return List.copyOf(received);
    }

    /** Every message that arrived at one path. */
    public List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            JsonNode json = parse(body);
            String to = json.path("to").asText(null);
            String text = json.path("text").asText(null);
            Mode current = mode;
            if (current == Mode.HANG) {
                sleep(HANG_TIME);
                exchange.close();
                return;
            }
            if (current == Mode.FAIL_500) {
                respond(exchange, 500, "{\"error\":\"internal\"}");
                return;
            }
            sleep(latency);
            Received message = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body, to, text);
            received.add(message);
            if (to != null) {
                latest.put(to, message);
            }
            respond(exchange, 200, "{\"id\":\"msg-" + messageIds.incrementAndGet() + "\",\"status\":\"queued\"}");
        }
    }

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static void sleep(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
