package io.github.smsotp.sender;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The {@code sms-voice-sender} SPI: calls that read a code aloud. Public, like the SMS sender SPI,
 * so that another JAR can add a provider. Server options: {@code --spi-sms-voice-sender--<provider>--<key>}.
 */
public class VoiceSenderSpi implements Spi {

    public static final String NAME = "sms-voice-sender";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return VoiceSender.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return VoiceSenderFactory.class;
    }
}
