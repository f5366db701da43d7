package io.github.smsotp.sender.http;

import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.sender.WhatsAppMessage;
import io.github.smsotp.sender.WhatsAppSender;

/** Sends codes in WhatsApp authentication templates through a provider's API (Meta, Twilio, Infobip). */
public class HttpWhatsAppSender extends HttpChannelSender<WhatsAppMessage> implements WhatsAppSender {

    HttpWhatsAppSender(HttpClient client, AllowedHosts allowedHosts) {
        super(client, allowedHosts, new WhatsAppMessage("+10000000000", "000000", Locale.ENGLISH));
    }

    @Override
    public void validate(ConfigReader settings) {
        checkRequest(settings);
    }

    @Override
    public Optional<String> send(WhatsAppMessage message, ConfigReader settings) throws SmsSendException {
        return exchange(settings, message, message.maskedTo());
    }

    @Override
    GatewayCall request(ConfigReader settings, WhatsAppMessage message) {
        String preset = settings.choice(GatewayCall.PRESET, WhatsAppPreset.META.name().toLowerCase(Locale.ROOT),
                Arrays.stream(WhatsAppPreset.values()).map(p -> p.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet()));
        return WhatsAppPreset.valueOf(preset.toUpperCase(Locale.ROOT)).call(settings, message);
    }
}
