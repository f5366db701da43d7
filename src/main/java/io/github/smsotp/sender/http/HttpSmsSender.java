package io.github.smsotp.sender.http;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.Receipt;
import io.github.smsotp.sender.ReceiptRejected;
import io.github.smsotp.sender.ReceiptRequest;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.sender.SmsSender;

/**
 * Sends through an HTTP gateway, generic or a provider preset (see {@link GatewayExchange} for
 * what counts as a failure and what its message may say), and reads the presets' receipts.
 */
public class HttpSmsSender extends HttpChannelSender<SmsMessage> implements SmsSender {

    HttpSmsSender(HttpClient client, AllowedHosts allowedHosts) {
        super(client, allowedHosts, new SmsMessage("+10000000000", "000000"));
    }

    @Override
    GatewayCall request(ConfigReader settings, SmsMessage message) {
        return GatewayCall.of(settings, message);
    }

    @Override
    public void validate(ConfigReader settings) {
        checkRequest(settings);
        if (settings.choice(RECEIPTS, "off", Set.of("on", "off")).equals("on")) {
            preset(settings).receiptSecretKey().ifPresent(settings::require);
        }
    }

    @Override
    public List<Receipt> readReceipts(ReceiptRequest request, ConfigReader settings) throws ReceiptRejected {
        return preset(settings).receipts().read(request, settings);
    }

    /** The preset the settings name; the custom gateway has no receipt format of its own. */
    private static GatewayPreset preset(ConfigReader settings) {
        String preset = GatewayCall.preset(settings);
        if (preset.equals(GatewayCall.CUSTOM)) {
            throw settings.invalid(RECEIPTS, "works with a provider preset only: the custom gateway's receipts "
                    + "have no known format");
        }
        return GatewayPreset.valueOf(preset.toUpperCase(Locale.ROOT));
    }

    @Override
    public void send(SmsMessage message, ConfigReader settings) throws SmsSendException {
        sendTracked(message, settings);
    }

    @Override
    public Optional<String> sendTracked(SmsMessage message, ConfigReader settings) throws SmsSendException {
        return exchange(settings, message, message.maskedTo());
    }
}
