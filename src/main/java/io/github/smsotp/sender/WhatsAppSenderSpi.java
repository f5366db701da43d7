package io.github.smsotp.sender;

/**
 * The {@code sms-whatsapp-sender} SPI: codes in WhatsApp authentication templates; another JAR adds
 * a provider with a {@link WhatsAppSenderFactory}. Server options:
 * {@code --spi-sms-whatsapp-sender--<provider>--<key>}.
 */
public class WhatsAppSenderSpi extends ChannelSpi {

    public static final String NAME = "sms-whatsapp-sender";

    public WhatsAppSenderSpi() {
        super(NAME, WhatsAppSender.class, WhatsAppSenderFactory.class);
    }
}
