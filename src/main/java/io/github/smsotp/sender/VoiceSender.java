package io.github.smsotp.sender;

import io.github.smsotp.config.ConfigReader;
import org.keycloak.provider.Provider;

/**
 * Places a call that reads a code aloud: the second channel, for phones that SMS does not reach.
 * Implementations must never log the text or the full number.
 */
public interface VoiceSender extends Provider {

    /**
     * Places the call or throws; returning normally means the provider accepted it.
     *
     * @throws SmsSendException when the provider refused, failed or timed out
     */
    void call(VoiceMessage message, ConfigReader settings) throws SmsSendException;

    /** Checks every setting a call would use, without calling. */
    default void validate(ConfigReader settings) {
        // Nothing to check by default.
    }

    @Override
    default void close() {
        // Shared clients live in the factory.
    }
}
