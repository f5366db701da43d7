package io.github.smsotp.sender;

/**
 * The {@code sms-verify-sender} SPI: providers' Verify APIs, which make, send and check codes; another
 * JAR adds a provider with a {@link VerifySenderFactory}. Server options:
 * {@code --spi-sms-verify-sender--<provider>--<key>}.
 */
public class VerifySenderSpi extends ChannelSpi {

    public static final String NAME = "sms-verify-sender";

    public VerifySenderSpi() {
        super(NAME, VerifySender.class, VerifySenderFactory.class);
    }
}
