package io.github.smsotp.provider;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;

/**
 * A provider factory with nothing to configure at start-up, nothing to prepare once every factory
 * is loaded, and nothing to release at shut-down: what its providers need, they read per request.
 * A factory that does need one of the three overrides it.
 */
public interface StatelessFactory<T extends Provider> extends ProviderFactory<T> {

    @Override
    default void init(Config.Scope config) {
        // server-wide options: none
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
        // other factories: none needed
    }

    @Override
    default void close() {
        // nothing held
    }
}
