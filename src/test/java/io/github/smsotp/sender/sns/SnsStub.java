package io.github.smsotp.sender.sns;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A loopback endpoint speaking the SNS Query protocol: form-encoded {@code Action=Publish}
 * requests signed with SigV4, answered with SNS's XML success or error documents.
 */
public final class SnsStub implements AutoCloseable {

    public enum Answer { SUCCESS, THROTTLING, INVALID_PARAMETER }

    /** One request as received: its form parameters and its Authorization header. */
    public record Publish(Map<String, String> parameters, String authorization) {
    }

    private final HttpServer server;
    private final List<Publish> received = new CopyOnWriteArrayList<>();
    private volatile Answer answer = Answer.SUCCESS;

    public SnsStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Publish(form(body), exchange.getRequestHeaders().getFirst("Authorization")));
            int status = 200;
            String xml = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                    + "<MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId></PublishResult>"
                    + "<ResponseMetadata><RequestId>d74b8436-ae13-5ab4-a9ff-ce54dfea72a0</RequestId>"
                    + "</ResponseMetadata></PublishResponse>";
            if (answer != Answer.SUCCESS) {
                boolean throttled = answer == Answer.THROTTLING;
                status = 400;
                xml = "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type>"
                        + "<Code>" + (throttled ? "Throttling" : "InvalidParameter") + "</Code><Message>"
                        + (throttled ? "Rate exceeded" : "Invalid parameter: PhoneNumber Reason: +12015550123 is not valid")
                        + "</Message></Error><RequestId>9a3b7f6e-0000-4000-8000-000000000000</RequestId></ErrorResponse>";
            }
            byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void answer(Answer next) {
        answer = next;
    }

    public List<Publish> received() {
        return List.copyOf(received);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return fields;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
