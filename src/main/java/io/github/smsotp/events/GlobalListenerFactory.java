package io.github.smsotp.events;

import java.util.function.Function;

import io.github.smsotp.provider.StatelessFactory;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * An event listener that hears every realm's events whatever the realm's event settings: what it
 * keeps in step needs no admin to enable anything under Realm settings > Events.
 */
public abstract class GlobalListenerFactory implements EventListenerProviderFactory, StatelessFactory<EventListenerProvider> {

    private final String id;
    private final Function<KeycloakSession, EventListenerProvider> listener;

    protected GlobalListenerFactory(String id, Function<KeycloakSession, EventListenerProvider> listener) {
        this.id = id;
        this.listener = listener;
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return listener.apply(session);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public String getId() {
        return id;
    }
}
