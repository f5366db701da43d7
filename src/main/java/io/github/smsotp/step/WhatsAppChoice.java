package io.github.smsotp.step;

import java.util.Optional;
import java.util.Set;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.sender.SenderSettings;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.sender.SmsSender;
import io.github.smsotp.sender.WhatsAppMessage;
import io.github.smsotp.sender.WhatsAppSender;
import io.github.smsotp.sender.WhatsAppSenderSpi;
import io.github.smsotp.settings.ChannelOrder;
import io.github.smsotp.settings.SettingsRegistry;
import io.github.smsotp.settings.SmsOtpConfig;
import org.keycloak.models.KeycloakSession;

/** The WhatsApp sender a step sends codes with, and its settings ({@code whatsapp.*}), checked when resolved. */
record WhatsAppChoice(WhatsAppSender sender, ConfigReader settings) {

    /** What metrics, events and the ledger call the channel's sender. */
    static final String NAME = SettingsRegistry.WHATSAPP_SCOPE;

    /** The WhatsApp sender, where the step's channels include WhatsApp. */
    static Optional<WhatsAppChoice> resolve(KeycloakSession session, SmsOtpConfig config, ConfigReader executionConfig) {
        if (!config.channels().includes(ChannelOrder.Channel.WHATSAPP)) {
            return Optional.empty();
        }
        WhatsAppSender sender = session.getProvider(WhatsAppSender.class, config.whatsAppSenderId());
        if (sender == null) {
            throw new InvalidConfigException(SettingsRegistry.WHATSAPP_SENDER.key(),
                    "names no installed WhatsApp sender: '" + config.whatsAppSenderId() + "'");
        }
        ConfigReader settings = SenderSettings.of(session, executionConfig, WhatsAppSenderSpi.NAME,
                config.whatsAppSenderId(), NAME);
        sender.validate(settings);
        return Optional.of(new WhatsAppChoice(sender, settings));
    }

    /** Sends the code, timed and counted ({@link MeteredSend}); the provider's id of the message. */
    Optional<String> send(WhatsAppMessage message, String realmName) throws SmsSendException {
        return MeteredSend.attempt(realmName, NAME, message.maskedTo(), () -> sender.send(message, settings));
    }

    /** Whether the provider reports each message's status ({@code whatsapp.receipts}). */
    boolean receiptsOn() {
        return settings.choice(SmsSender.RECEIPTS, "off", Set.of("on", "off")).equals("on");
    }
}
