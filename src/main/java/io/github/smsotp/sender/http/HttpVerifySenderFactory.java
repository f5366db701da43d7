package io.github.smsotp.sender.http;

import io.github.smsotp.sender.VerifySenderFactory;
import io.github.smsotp.sender.VerifySenderSpi;
import org.keycloak.Config;

/**
 * The HTTP Verify sender. One HTTP client serves all realms, created at start-up and stopped with
 * the factory. Server option: {@code --spi-sms-verify-sender--http--connect-timeout-ms} (3000).
 */
public class HttpVerifySenderFactory extends HttpChannelFactory<HttpVerifySender> implements VerifySenderFactory {

    public static final String PROVIDER_ID = HttpChannel.PROVIDER_ID;

    @Override
    HttpChannel<HttpVerifySender> start(Config.Scope config) {
        return HttpChannel.start(config, VerifySenderSpi.NAME, "sms-otp-verify-sender", HttpVerifySender::new);
    }
}
