package io.github.smsotp.step;

import java.util.Optional;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.phone.MaskedPhone;
import io.github.smsotp.sender.SenderSettings;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.sender.VerifyAnswer;
import io.github.smsotp.sender.VerifyRequest;
import io.github.smsotp.sender.VerifySender;
import io.github.smsotp.sender.VerifySenderSpi;
import io.github.smsotp.settings.SettingsRegistry;
import io.github.smsotp.settings.SmsOtpConfig;
import org.keycloak.models.KeycloakSession;

/**
 * The provider's Verify API a step has make, send and check its codes, and its settings
 * ({@code verify.*}), checked when resolved.
 */
record VerifyChoice(VerifySender sender, ConfigReader settings) {

    /** What metrics, events and the ledger call the sender of a code the provider sends by SMS. */
    static final String NAME = SettingsRegistry.VERIFY_SCOPE;

    /** The Verify sender, where the step's settings name one. */
    static Optional<VerifyChoice> resolve(KeycloakSession session, SmsOtpConfig config, ConfigReader executionConfig) {
        if (config.verifySenderId().isEmpty()) {
            return Optional.empty();
        }
        String id = config.verifySenderId().get();
        VerifySender sender = session.getProvider(VerifySender.class, id);
        if (sender == null) {
            throw new InvalidConfigException(SettingsRegistry.VERIFY_SENDER.key(),
                    "names no installed Verify sender: '" + id + "'");
        }
        ConfigReader settings = SenderSettings.of(session, executionConfig, VerifySenderSpi.NAME, id, NAME);
        sender.validate(settings);
        return Optional.of(new VerifyChoice(sender, settings));
    }

    /** What the events and the page call the sender of a code the provider sends by {@code channel}. */
    static String nameOf(VerifyRequest.Channel channel) {
        return switch (channel) {
            case SMS -> NAME;
            case WHATSAPP -> WhatsAppChoice.NAME;
            case CALL -> VoiceChoice.NAME;
        };
    }

    /** Has the provider send a code, timed and counted ({@link MeteredSend}); its id of the verification. */
    String start(VerifyRequest request, String realmName) throws SmsSendException {
        return MeteredSend.attempt(realmName, NAME, request.maskedTo(), () -> sender.start(request, settings));
    }

    /** Asks the provider about a code: no send, so not counted as one ({@link MeteredSend#guarded}). */
    VerifyAnswer check(String verificationId, String to, String code, String realmName) throws SmsSendException {
        return MeteredSend.guarded(realmName, NAME, MaskedPhone.mask(to),
                () -> sender.check(verificationId, to, code, settings));
    }
}
