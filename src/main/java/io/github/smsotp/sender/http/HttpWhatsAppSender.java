package io.github.smsotp.sender.http;

import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.Receipt;
import io.github.smsotp.sender.ReceiptRejected;
import io.github.smsotp.sender.ReceiptRequest;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.sender.SmsSender;
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
        if (settings.choice(SmsSender.RECEIPTS, "off", Set.of("on", "off")).equals("on")) {
            preset(settings).receiptSettings().forEach(settings::require);
        }
    }

    @Override
    public List<Receipt> readReceipts(ReceiptRequest request, ConfigReader settings) throws ReceiptRejected {
        return preset(settings).receipts().read(request, settings);
    }

    @Override
    public Optional<String> subscription(ReceiptRequest request, ConfigReader settings) throws ReceiptRejected {
        return preset(settings) == WhatsAppPreset.META ? MetaReceipts.subscription(request, settings) : Optional.empty();
    }

    @Override
    public Optional<String> send(WhatsAppMessage message, ConfigReader settings) throws SmsSendException {
        return exchange(settings, message, message.maskedTo());
    }

    @Override
    GatewayCall request(ConfigReader settings, WhatsAppMessage message) {
        return preset(settings).call(settings, message);
    }

    private static WhatsAppPreset preset(ConfigReader settings) {
        String preset = settings.choice(GatewayCall.PRESET, WhatsAppPreset.META.name().toLowerCase(Locale.ROOT),
                Arrays.stream(WhatsAppPreset.values()).map(p -> p.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet()));
        return WhatsAppPreset.valueOf(preset.toUpperCase(Locale.ROOT));
    }
}
