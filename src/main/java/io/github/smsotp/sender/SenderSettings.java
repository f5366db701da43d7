package io.github.smsotp.sender;

import io.github.smsotp.config.ConfigReader;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

/**
 * The settings of one sender, as the step and the receipts endpoint both read them: the values
 * stored under {@code <name>.} first (the sender's id, or a route's own name), then the
 * server-wide option {@code --spi-sms-sender--<id>--<key>}; a {@code ${vault.key}} value is the
 * vault's secret.
 */
public final class SenderSettings {

    private SenderSettings() {
    }

    public static ConfigReader of(KeycloakSession session, ConfigReader config, String senderId, String name) {
        return of(session, config, SmsSenderSpi.NAME, senderId, name);
    }

    /** The settings of a provider of another SPI (a voice sender), stored under {@code <name>.}. */
    public static ConfigReader of(KeycloakSession session, ConfigReader config, String spi, String providerId,
                                  String name) {
        Config.Scope server = Config.scope(spi, providerId);
        return config.scoped(name, value -> fromVault(session, value), server::get);
    }

    /** A {@code ${vault.key}} reference becomes the secret; any other value stays as it is. */
    private static String fromVault(KeycloakSession session, String value) {
        try (VaultStringSecret secret = session.vault().getStringSecret(value)) {
            return secret.get().orElse(null);
        }
    }
}
