package io.github.smsotp.sender.http;

import io.github.smsotp.sender.WhatsAppSenderFactory;
import io.github.smsotp.sender.WhatsAppSenderSpi;
import org.keycloak.Config;

/**
 * The HTTP WhatsApp sender. One HTTP client serves all realms, created at start-up and stopped with
 * the factory. Server option: {@code --spi-sms-whatsapp-sender--http--connect-timeout-ms} (3000).
 */
public class HttpWhatsAppSenderFactory extends HttpChannelFactory<HttpWhatsAppSender> implements WhatsAppSenderFactory {

    public static final String PROVIDER_ID = HttpChannel.PROVIDER_ID;

    @Override
    HttpChannel<HttpWhatsAppSender> start(Config.Scope config) {
        return HttpChannel.start(config, WhatsAppSenderSpi.NAME, "sms-otp-whatsapp-sender", HttpWhatsAppSender::new);
    }
}
