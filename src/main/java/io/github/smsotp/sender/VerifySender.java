package io.github.smsotp.sender;

import io.github.smsotp.config.ConfigReader;
import org.keycloak.provider.Provider;

/**
 * A provider's Verify API, which makes, sends and checks the codes itself (its fraud checks, sender
 * ids and channel rules with it). The step keeps everything else: pages, attempts, cooldown, limits,
 * the pumping guard and lockout. Implementations must never log the code or the full number.
 */
public interface VerifySender extends Provider {

    /**
     * Asks the provider to send a code of its own.
     *
     * @return the provider's id of the verification, which {@link #check} names
     * @throws SmsSendException when the provider refused, failed or timed out
     */
    String start(VerifyRequest request, ConfigReader settings) throws SmsSendException;

    /**
     * Asks the provider whether {@code code} is the code of verification {@code verificationId}.
     *
     * @param to the number the code went to, in E.164 form

     * @throws SmsSendException when the provider failed or timed out: no answer about the code
     */
    VerifyAnswer check(String verificationId, String to, String code, ConfigReader settings)
            throws SmsSendException;

    /** Checks every setting a send would use, without sending. */
    default void validate(ConfigReader settings) {
        // Nothing to check by default.
    }

    @Override
    default void close() {
        // Shared clients live in the factory.
    }
}
