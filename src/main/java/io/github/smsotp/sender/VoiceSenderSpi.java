package io.github.smsotp.sender;

/**
 * The {@code sms-voice-sender} SPI: calls that read a code aloud; another JAR adds a provider with a
 * {@link VoiceSenderFactory}. Server options: {@code --spi-sms-voice-sender--<provider>--<key>}.
 */
public class VoiceSenderSpi extends ChannelSpi {

    public static final String NAME = "sms-voice-sender";

    public VoiceSenderSpi() {
        super(NAME, VoiceSender.class, VoiceSenderFactory.class);
    }
}
