package io.github.smsotp.step;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.sender.SmsSender;
import io.github.smsotp.sender.SmsSenderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.vault.VaultStringSecret;

/**
 * The sender a flow execution uses, with its per-realm settings. Without a choice in the config
 * it is the server's default sender ({@code --spi-sms-sender--provider-default}).
 */
record SenderChoice(String id, SmsSender sender, ConfigReader settings) {

    static SenderChoice resolve(KeycloakSession session, SmsOtpConfig config, ConfigReader executionConfig) {
        String id = config.senderId().orElseGet(() -> defaultSenderId(session));
        SmsSender sender = session.getProvider(SmsSender.class, id);
        if (sender == null) {
            throw new InvalidConfigException(SmsOtpConfig.SENDER, "names no installed SMS sender: '" + id + "'");
        }
        return new SenderChoice(id, sender, executionConfig.scoped(id, value -> fromVault(session, value)));
    }

    private static String defaultSenderId(KeycloakSession session) {
        ProviderFactory<SmsSender> factory = session.getKeycloakSessionFactory().getProviderFactory(SmsSender.class);
        if (!(factory instanceof SmsSenderFactory)) {
            throw new InvalidConfigException(SmsOtpConfig.SENDER, "is empty and the server has no default SMS sender");
        }
        return factory.getId();
    }

    /** A {@code ${vault.key}} reference becomes the secret; any other value stays as it is. */
    private static String fromVault(KeycloakSession session, String value) {
        try (VaultStringSecret secret = session.vault().getStringSecret(value)) {
            return secret.get().orElse(null);
        }
    }
}
