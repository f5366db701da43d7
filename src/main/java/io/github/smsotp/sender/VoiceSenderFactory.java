package io.github.smsotp.sender;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;

/** Factory of a voice sender; its per-realm settings are stored under {@code voice.}. */
public interface VoiceSenderFactory extends ProviderFactory<VoiceSender> {

    @Override
    default void init(Config.Scope config) {
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    default void close() {
    }
}
