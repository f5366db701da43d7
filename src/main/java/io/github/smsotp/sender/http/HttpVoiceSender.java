package io.github.smsotp.sender.http;

import java.net.http.HttpClient;
import java.util.Locale;
import java.util.Set;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.sender.VoiceMessage;
import io.github.smsotp.sender.VoiceSender;

/**
 * Places calls through an HTTP voice API: a provider preset (Twilio, Vonage), or the generic
 * gateway settings, whose {@code {{text}}} is then what the call says.
 */
public class HttpVoiceSender extends HttpChannelSender<VoiceMessage> implements VoiceSender {

    HttpVoiceSender(HttpClient client, AllowedHosts allowedHosts) {
        super(client, allowedHosts, new VoiceMessage("+10000000000", "0, 0, 0", Locale.ENGLISH));
    }

    @Override
    public void validate(ConfigReader settings) {
        checkRequest(settings);
    }

    @Override
    public void call(VoiceMessage message, ConfigReader settings) throws SmsSendException {
        exchange(settings, message, message.maskedTo());
    }

    @Override
    GatewayCall request(ConfigReader settings, VoiceMessage message) {
        String preset = settings.choice(GatewayCall.PRESET, GatewayCall.CUSTOM, Set.of(GatewayCall.CUSTOM, "twilio",
                "vonage"));
        if (preset.equals(GatewayCall.CUSTOM)) {
            HttpGatewaySettings generic = HttpGatewaySettings.from(settings);
            return new GatewayCall.GenericCall(generic, generic.toRequest(new SmsMessage(message.to(), message.text())));
        }
        return VoicePreset.valueOf(preset.toUpperCase(Locale.ROOT)).call(settings, message);
    }
}
