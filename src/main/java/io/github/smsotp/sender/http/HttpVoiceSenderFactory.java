package io.github.smsotp.sender.http;

import io.github.smsotp.sender.VoiceSenderFactory;
import io.github.smsotp.sender.VoiceSenderSpi;
import org.keycloak.Config;

/**
 * The HTTP voice sender. One HTTP client serves all realms, created at start-up and stopped
 * with the factory. Server option: {@code --spi-sms-voice-sender--http--connect-timeout-ms} (3000).
 */
public class HttpVoiceSenderFactory extends HttpChannelFactory<HttpVoiceSender> implements VoiceSenderFactory {

    public static final String PROVIDER_ID = HttpChannel.PROVIDER_ID;

    @Override
    HttpChannel<HttpVoiceSender> start(Config.Scope config) {
        return HttpChannel.start(config, VoiceSenderSpi.NAME, "sms-otp-voice-sender", HttpVoiceSender::new);
    }
}
