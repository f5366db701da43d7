package io.github.smsotp.sender;

/**
 * The {@code sms-sender} SPI: another JAR adds a sender with an {@link SmsSenderFactory}. Server
 * options: {@code --spi-sms-sender--<provider>--<key>=<value>}.
 */
public class SmsSenderSpi extends ChannelSpi {

    public static final String NAME = "sms-sender";

    public SmsSenderSpi() {
        super(NAME, SmsSender.class, SmsSenderFactory.class);
    }
}
