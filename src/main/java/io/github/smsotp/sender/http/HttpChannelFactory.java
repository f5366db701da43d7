package io.github.smsotp.sender.http;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;

/**
 * The life of an HTTP sender factory, whatever its channel: the channel starts with the factory,
 * every session gets its one sender, and the client's threads stop when Keycloak closes the factory.
 *
 * @param <S> the channel's sender
 */
abstract class HttpChannelFactory<S extends Provider> {

    private HttpChannel<S> channel;

    /** Starts the channel's client and sender with the server's options. */
    abstract HttpChannel<S> start(Config.Scope config);

    public S create(KeycloakSession session) {
        return channel.sender();
    }

    public void init(Config.Scope config) {
        channel = start(config);
    }

    public void close() {
        if (channel != null) {
            channel.close();
        }
    }

    public String getId() {
        return HttpChannel.PROVIDER_ID;
    }
}
