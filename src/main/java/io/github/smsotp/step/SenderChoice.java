package io.github.smsotp.step;

import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.sender.SenderRoutes;
import io.github.smsotp.sender.SenderSettings;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.sender.SmsSender;
import io.github.smsotp.sender.SmsSenderFactory;
import io.github.smsotp.settings.SettingsRegistry;
import io.github.smsotp.settings.SmsOtpConfig;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderFactory;

/**
 * The sender a flow execution uses, with its per-realm settings, and an optional fallback tried
 * once when the first one fails. Without a choice in the config it is the server's default
 * sender ({@code --spi-sms-sender--provider-default}). Both have their settings checked when they
 * are resolved, before anything is counted or sent.
 */
record SenderChoice(Sender primary, Optional<Sender> fallback) {

    private static final Logger LOG = Logger.getLogger(SenderChoice.class);

    /**
     * A message a sender accepted.
     *
     * @param senderId  the sender that took it (the fallback's, when the first one failed)
     * @param messageId the provider's id of the message, when the sender asked for receipts
     */
    record Sent(String senderId, Optional<String> messageId) {
    }

    /**
     * What a sender needs to ask for receipts.
     *
     * @param receiptBase the realm's receipt address, to which the sender's id is added; empty where
     *                    no sender of the choice asks for receipts
     * @param sendId      our id of the send, which the ledger and some providers' receipts carry
     */
    record Tracking(Optional<URI> receiptBase, String sendId) {
    }

    /**
     * One installed sender with its settings.
     *
     * @param id what it is called here: the sender's id, or the name of the route that uses it, under
     *           which its settings are stored and which logs, metrics and receipt addresses show
     */
    record Sender(String id, SmsSender sender, ConfigReader settings) {

        /**
         * Calls the sender, timed and counted ({@link MeteredSend}).
         *
         * @param tracking empty where nobody waits for the outcome (an admin's test SMS)
         */
        Sent send(SmsMessage message, String realmName, Optional<Tracking> tracking) throws SmsSendException {
            Optional<Tracking> wanted = tracking.filter(t -> receiptsOn());
            SmsMessage sent = wanted.map(t -> message.withReceipts(t.receiptBase().orElseThrow().resolve(id), t.sendId()))
                    .orElse(message);
            Optional<String> messageId = MeteredSend.attempt(realmName, id, message.maskedTo(),
                    () -> sender.sendTracked(sent, settings));
            return new Sent(id, wanted.isPresent() ? messageId : Optional.empty());
        }

        boolean receiptsOn() {
            return settings.choice(SmsSender.RECEIPTS, "off", Set.of("on", "off")).equals("on");
        }
    }

    /**
     * The senders for messages to {@code phone}: its country's route, else the step's sender, and the
     * fallback.
     */
    static SenderChoice resolve(KeycloakSession session, SmsOtpConfig config, ConfigReader executionConfig,
                                String phone) {
        Optional<Sender> fallback = config.fallbackSenderId()
                .map(fallbackId -> sender(session, SettingsRegistry.FALLBACK_SENDER.key(), fallbackId, fallbackId,
                        executionConfig));
        Sender primary = config.routes().routeFor(phone)
                .map(route -> sender(session, SettingsRegistry.ROUTES.key(), route.senderId(), route.name(), executionConfig))
                .orElseGet(() -> {
                    String id = config.senderId().orElseGet(() -> defaultSenderId(session));
                    return sender(session, SettingsRegistry.SENDER.key(), id, id, executionConfig);
                });
        return new SenderChoice(primary, fallback);
    }

    /**
     * Checks every sender the realm's settings name: the sender (unless a {@code *} route takes its
     * place), each route's and the fallback. No sender at all is fine here, on a server without a
     * default: each step may name its own, and one that ends up with none is refused where it runs.
     *
     * @throws InvalidConfigException naming the first bad key
     */
    static void check(KeycloakSession session, SmsOtpConfig config, ConfigReader realmSettings) {
        SenderRoutes routes = config.routes();
        routes.routes().forEach(route -> sender(session, SettingsRegistry.ROUTES.key(), route.senderId(), route.name(),
                realmSettings));
        if (routes.routes().stream().noneMatch(route -> route.codes().codes().isEmpty())) {
            config.senderId().or(() -> serverDefault(session))
                    .ifPresent(id -> sender(session, SettingsRegistry.SENDER.key(), id, id, realmSettings));
        }
        config.fallbackSenderId().ifPresent(id -> sender(session, SettingsRegistry.FALLBACK_SENDER.key(), id, id,
                realmSettings));
    }

    /** Sends through the first sender, or the fallback when the first one fails. */
    Sent send(SmsMessage message, String realmName, Optional<Tracking> tracking) throws SmsSendException {
        try {
            return primary.send(message, realmName, tracking);
        } catch (SmsSendException e) {
            if (fallback.isEmpty()) {
                throw e;
            }
            LOG.warnf("SMS step in realm '%s': sender '%s' failed, trying fallback '%s': %s", realmName,
                    primary.id(), fallback.get().id(), e.getMessage());
            return fallback.get().send(message, realmName, tracking);
        }
    }

    /** Whether a receipt may tell what became of a send (the first sender or the fallback asks for them). */
    boolean tracksDelivery() {
        return primary.receiptsOn() || fallback.map(Sender::receiptsOn).orElse(false);
    }

    String primaryId() {
        return primary.id();
    }

    private static Sender sender(KeycloakSession session, String key, String id, String name,
                                 ConfigReader executionConfig) {
        SmsSender sender = session.getProvider(SmsSender.class, id);
        if (sender == null) {
            throw new InvalidConfigException(key, "names no installed SMS sender: '" + id + "'");
        }
        if (session.getKeycloakSessionFactory().getProviderFactory(SmsSender.class, id) instanceof SmsSenderFactory factory) {
            factory.refusal().ifPresent(why -> {
                throw new InvalidConfigException(key, why);
            });
        }
        ConfigReader settings = SenderSettings.of(session, executionConfig, id, name);
        settings.choice(SmsSender.RECEIPTS, "off", Set.of("on", "off"));
        sender.validate(settings);
        return new Sender(name, sender, settings);
    }

    /** The server's default sender, where a step names none; refused, naming what to set, where there is none. */
    private static String defaultSenderId(KeycloakSession session) {
        return serverDefault(session).orElseThrow(() -> {
            String installed = session.getKeycloakSessionFactory().getProviderFactoriesStream(SmsSender.class)
                    .map(ProviderFactory::getId).sorted().collect(Collectors.joining(", "));
            String key = SettingsRegistry.SENDER.key();
            return new InvalidConfigException(key, "is empty and the server has no default SMS sender: name one in "
                    + "the step's '" + key + "' setting, or build the server with "
                    + "--spi-sms-sender--provider-default=<id> (installed: " + installed + ")");
        });
    }

    /**
     * A production server has none unless the operator chose one: the log sender is the default in
     * development mode only (see {@code LogSmsSenderFactory#order}).
     */
    private static Optional<String> serverDefault(KeycloakSession session) {
        ProviderFactory<SmsSender> factory = session.getKeycloakSessionFactory().getProviderFactory(SmsSender.class);
        return factory instanceof SmsSenderFactory ? Optional.of(factory.getId()) : Optional.empty();
    }
}
