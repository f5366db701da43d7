package io.github.smsotp.sender.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSendException;
import org.junit.jupiter.api.Test;

/** What one exchange with a gateway costs the server beyond the request itself. */
class GatewayExchangeTest {

    private static final int SENDS = 50;

    /**
     * A send must not start threads of its own. Through {@code sendAsync} the JDK handed every
     * completion to CompletableFuture's default pool, which with fewer than three CPUs (a Keycloak
     * pod of one or two) starts a new thread per task: 50 here, two per SMS in the step.
     */
    @Test
    void sendsReuseTheClientsThreadsInsteadOfStartingNewOnes() throws IOException, SmsSendException {
        HttpServer gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        gateway.start();
        ExecutorService exchanges = Executors.newCachedThreadPool();
        try {
            HttpClient client = HttpClient.newBuilder().executor(exchanges).build();
            ConfigReader settings = ConfigReader.of(Map.of("http.url", "http://127.0.0.1:" + gateway.getAddress().getPort()))
                    .scoped("http", value -> value, key -> null);
            GatewayCall call = GatewayCall.of(settings, new SmsMessage("+12015550123", "483920 is your code"));
            // The first sends start the client's own threads (its selector, the pool's first workers).
            for (int i = 0; i < 5; i++) {
                GatewayExchange.run(client, call, "+1 ••• ••• 0123");
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long before = threads.getTotalStartedThreadCount();
            for (int i = 0; i < SENDS; i++) {
                GatewayExchange.run(client, call, "+1 ••• ••• 0123");
            }
            // A pooled worker may still be on its way back when the next send comes: a few new ones.
            assertThat(threads.getTotalStartedThreadCount() - before).isLessThan(SENDS / 5);
        } finally {
            gateway.stop(0);
            exchanges.shutdownNow();
        }
    }
}
