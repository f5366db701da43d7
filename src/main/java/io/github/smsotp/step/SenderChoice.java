package io.github.smsotp.step;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.metrics.SmsOtpMetrics;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.sender.SmsSender;
import io.github.smsotp.sender.SmsSenderFactory;
import io.github.smsotp.sender.SmsSenderSpi;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.vault.VaultStringSecret;

/**
 * The sender a flow execution uses, with its per-realm settings, and an optional fallback tried
 * once when the first one fails. Without a choice in the config it is the server's default
 * sender ({@code --spi-sms-sender--provider-default}). Both have their settings checked when they
 * are resolved, before anything is counted or sent.
 */
record SenderChoice(Sender primary, Optional<Sender> fallback) {

    private static final Logger LOG = Logger.getLogger(SenderChoice.class);

    /** One installed sender with the settings stored under its id. */
    record Sender(String id, SmsSender sender, ConfigReader settings) {

        /**
         * Calls the sender and records the call's duration and outcome. Anything the sender throws
         * is a failure of this send, so that the fallback is still tried and the user gets the
         * could-not-send page rather than a server error.
         */
        void send(SmsMessage message, String realmName) throws SmsSendException {
            long start = System.nanoTime();
            boolean failed = true;
            try {
                sender.send(message, settings);
                failed = false;
            } catch (InvalidConfigException e) {
                // Checked in resolve(); a value that changed since (a vault secret) ends up here.
                throw new SmsSendException(e.getMessage());
            } catch (RuntimeException e) {
                // A bug or an unexpected answer: the exception's message may hold the number or the text.
                LOG.errorf("SMS step in realm '%s': sender '%s' threw %s (to %s)", realmName, id,
                        e.getClass().getName(), message.maskedTo());
                throw new SmsSendException("unexpected " + e.getClass().getSimpleName() + " (to "
                        + message.maskedTo() + ")");
            } finally {
                SmsOtpMetrics.global().sendAttempt(realmName, id, Duration.ofNanos(System.nanoTime() - start), failed);
            }
        }
    }

    static SenderChoice resolve(KeycloakSession session, SmsOtpConfig config, ConfigReader executionConfig) {
        String id = config.senderId().orElseGet(() -> defaultSenderId(session));
        Optional<Sender> fallback = config.fallbackSenderId()
                .map(fallbackId -> sender(session, SmsOtpConfig.FALLBACK_SENDER, fallbackId, executionConfig));
        return new SenderChoice(sender(session, SmsOtpConfig.SENDER, id, executionConfig), fallback);
    }

    /** The id of the sender that delivered the message. */
    String send(SmsMessage message, String realmName) throws SmsSendException {
        try {
            primary.send(message, realmName);
            return primary.id();
        } catch (SmsSendException e) {
            if (fallback.isEmpty()) {
                throw e;
            }
            LOG.warnf("SMS step in realm '%s': sender '%s' failed, trying fallback '%s': %s", realmName,
                    primary.id(), fallback.get().id(), e.getMessage());
            fallback.get().send(message, realmName);
            return fallback.get().id();
        }
    }

    String primaryId() {
        return primary.id();
    }

    private static Sender sender(KeycloakSession session, String key, String id, ConfigReader executionConfig) {
        SmsSender sender = session.getProvider(SmsSender.class, id);
        if (sender == null) {
            throw new InvalidConfigException(key, "names no installed SMS sender: '" + id + "'");
        }
        // Per realm first, then the server-wide option --spi-sms-sender--<id>--<key>.
        Config.Scope server = Config.scope(SmsSenderSpi.NAME, id);
        ConfigReader settings = executionConfig.scoped(id, value -> fromVault(session, value), server::get);
        sender.validate(settings);
        return new Sender(id, sender, settings);
    }

    /**
     * The server's default sender. A production server has none unless the operator chose one: the
     * log sender is the default in development mode only (see {@code LogSmsSenderFactory#order}).
     */
    private static String defaultSenderId(KeycloakSession session) {
        KeycloakSessionFactory factories = session.getKeycloakSessionFactory();
        ProviderFactory<SmsSender> factory = factories.getProviderFactory(SmsSender.class);
        if (!(factory instanceof SmsSenderFactory)) {
            String installed = factories.getProviderFactoriesStream(SmsSender.class).map(ProviderFactory::getId)
                    .sorted().collect(Collectors.joining(", "));
            throw new InvalidConfigException(SmsOtpConfig.SENDER, "is empty and the server has no default SMS sender: "
                    + "name one in the step's '" + SmsOtpConfig.SENDER + "' setting, or build the server with "
                    + "--spi-sms-sender--provider-default=<id> (installed: " + installed + ")");
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
