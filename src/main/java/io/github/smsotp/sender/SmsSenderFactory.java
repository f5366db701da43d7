package io.github.smsotp.sender;

import java.util.List;
import java.util.Optional;

import io.github.smsotp.provider.StatelessFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Factory of a sender. Server-wide options come through {@code init(Config.Scope)} (most senders
 * read their settings per message and override none of the factory's start-up and shut-down); the per-realm
 * settings listed by {@link #getSettingsProperties()} appear in the SMS step's config, stored
 * under {@code <sender id>.<name>}.
 */
public interface SmsSenderFactory extends StatelessFactory<SmsSender> {

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
}
