package io.github.smsotp.step;

import java.util.Optional;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.sender.SenderSettings;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.sender.VoiceMessage;
import io.github.smsotp.sender.VoiceSender;
import io.github.smsotp.sender.VoiceSenderSpi;
import io.github.smsotp.settings.SettingsRegistry;
import io.github.smsotp.settings.SmsOtpConfig;
import org.keycloak.models.KeycloakSession;

/** The voice sender a step places calls with, and its settings ({@code voice.*}), checked when resolved. */
record VoiceChoice(String id, VoiceSender sender, ConfigReader settings) {

    /** What metrics and events call the channel's sender. */
    static final String NAME = SettingsRegistry.VOICE_SCOPE;

    /** The voice sender, where the step offers calls at all. */
    static Optional<VoiceChoice> resolve(KeycloakSession session, SmsOtpConfig config, ConfigReader executionConfig) {
        if (config.voice() == SmsOtpConfig.VoiceOffer.OFF) {
            return Optional.empty();
        }
        VoiceSender sender = session.getProvider(VoiceSender.class, config.voiceSenderId());
        if (sender == null) {
            throw new InvalidConfigException(SettingsRegistry.VOICE_SENDER.key(), "names no installed voice sender: '"
                    + config.voiceSenderId() + "'");
        }
        ConfigReader settings = SenderSettings.of(session, executionConfig, VoiceSenderSpi.NAME, config.voiceSenderId(),
                NAME);
        sender.validate(settings);
        return Optional.of(new VoiceChoice(config.voiceSenderId(), sender, settings));
    }

    /** Places the call, timed and counted ({@link MeteredSend}). */
    void call(VoiceMessage message, String realmName) throws SmsSendException {
        MeteredSend.attempt(realmName, NAME, message.maskedTo(), () -> {
            sender.call(message, settings);
            return null;
        });
    }
}
