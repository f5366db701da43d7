package io.github.smsotp.sender.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.keycloak.Config;

/**
 * The one HTTP client a sender factory shares between all realms: explicit connect timeout
 * (server option {@code connect-timeout-ms}, 3000 by default), no redirects, daemon threads that
 * stop with the factory.
 */
final class SharedHttpClient implements AutoCloseable {

    private static final int DEFAULT_CONNECT_TIMEOUT_MS = 3000;

    private final ExecutorService executor;
    private final HttpClient client;

    private SharedHttpClient(ExecutorService executor, HttpClient client) {
        this.executor = executor;
        this.client = client;
    }

    static SharedHttpClient start(Config.Scope config, String threadName) {
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(config.getInt("connect-timeout-ms", DEFAULT_CONNECT_TIMEOUT_MS)))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .build();
        return new SharedHttpClient(executor, client);
    }

    HttpClient client() {
        return client;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
