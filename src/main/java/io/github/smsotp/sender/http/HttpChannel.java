package io.github.smsotp.sender.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

import org.keycloak.Config;

/**
 * What the HTTP sender factory of each channel (SMS, voice) holds: one HTTP client shared by all
 * realms, with an explicit connect timeout (server option {@code connect-timeout-ms}, 3000 by
 * default), no redirects and daemon threads that stop with the factory; and the channel's sender,
 * bound to the operator's allow-list of gateway hosts ({@code --spi-<spi>--http--allowed-hosts}).
 *
 * @param <S> the channel's sender
 */
final class HttpChannel<S> implements AutoCloseable {

    /** The provider id of the HTTP sender in every channel's SPI. */
    static final String PROVIDER_ID = "http";
    private static final int DEFAULT_CONNECT_TIMEOUT_MS = 3000;

    private final ExecutorService executor;
    private final S sender;

    private HttpChannel(ExecutorService executor, S sender) {
        this.executor = executor;
        this.sender = sender;
    }

    /**
     * @param spi        the channel's SPI name, for the allow-list's option in messages
     * @param threadName the name of the client's threads
     * @param sender     makes the channel's sender from the client and the allow-list
     */
    static <S> HttpChannel<S> start(Config.Scope config, String spi, String threadName,
                                    BiFunction<HttpClient, AllowedHosts, S> sender) {
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
        AllowedHosts allowed = AllowedHosts.parse(config.get(AllowedHosts.KEY),
                "--spi-" + spi + "--" + PROVIDER_ID + "--" + AllowedHosts.KEY);
        return new HttpChannel<>(executor, sender.apply(client, allowed));
    }

    S sender() {
        return sender;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
