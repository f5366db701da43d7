package io.github.smsotp.sender.http;

import io.github.smsotp.sender.VoiceSender;
import io.github.smsotp.sender.VoiceSenderFactory;
import io.github.smsotp.sender.VoiceSenderSpi;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;

/**
 * The HTTP voice sender. One HTTP client serves all realms, created at start-up and stopped
 * with the factory. Server option: {@code --spi-sms-voice-sender--http--connect-timeout-ms} (3000).
 */
public class HttpVoiceSenderFactory implements VoiceSenderFactory {

    public static final String PROVIDER_ID = "http";

    private SharedHttpClient http;
    private HttpVoiceSender sender;

    @Override
    public VoiceSender create(KeycloakSession session) {
        return sender;
    }

    @Override
    public void init(Config.Scope config) {
        http = SharedHttpClient.start(config, "sms-otp-voice-sender");
        sender = new HttpVoiceSender(http.client(), AllowedHosts.parse(config.get(AllowedHosts.KEY),
                "--spi-" + VoiceSenderSpi.NAME + "--" + PROVIDER_ID + "--" + AllowedHosts.KEY));
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
