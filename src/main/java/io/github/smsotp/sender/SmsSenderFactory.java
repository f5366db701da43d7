package io.github.smsotp.sender;

import java.util.List;
import java.util.Optional;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderFactory;

/**
 * Factory of a sender. Server-wide options come through {@code init(Config.Scope)}; the per-realm
 * settings listed by {@link #getSettingsProperties()} appear in the SMS step's config, stored
 * under {@code <sender id>.<name>}.
 */
public interface SmsSenderFactory extends ProviderFactory<SmsSender> {

    /** A short label for the admin console's sender choice. */
    String getDisplayName();

    /** Per-realm settings of this sender; names without the sender prefix. */
    default List<ProviderConfigProperty> getSettingsProperties() {
        return List.of();
    }

    /**
     * Why this server must not use the sender, whatever a realm says (e.g. an operator's option it
     * needs); empty where it may. A step that names it is refused, as for a bad setting.
     */
    default Optional<String> refusal() {
        return Optional.empty();
    }

    /** Most senders read their settings per message and need no start-up work. */
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
