package io.github.smsotp.sender;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The {@code sms-sender} SPI. It is public (not internal) so that another JAR can add a sender by
 * shipping an {@link SmsSenderFactory} and listing it in {@code META-INF/services}.
 * Server-wide options follow Keycloak's scheme: {@code --spi-sms-sender--<provider>--<key>=<value>}.
 */
public class SmsSenderSpi implements Spi {

    public static final String NAME = "sms-sender";

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
        return SmsSender.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return SmsSenderFactory.class;
    }
}
