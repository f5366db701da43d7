package io.github.smsotp.sender;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The SPI of one channel (SMS, voice). Public, not internal, so that another JAR can add a provider
 * by shipping a factory and listing it in {@code META-INF/services}; server-wide options follow
 * Keycloak's scheme: {@code --spi-<name>--<provider>--<key>=<value>}.
 */
abstract class ChannelSpi implements Spi {

    private final String name;
    private final Class<? extends Provider> provider;
    @SuppressWarnings("rawtypes")
    private final Class<? extends ProviderFactory> factory;

    @SuppressWarnings("rawtypes")
    ChannelSpi(String name, Class<? extends Provider> provider, Class<? extends ProviderFactory> factory) {
        this.name = name;
        this.provider = provider;
        this.factory = factory;
    }

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return provider;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return factory;
    }
}
