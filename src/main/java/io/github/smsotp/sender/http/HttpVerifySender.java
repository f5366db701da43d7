package io.github.smsotp.sender.http;

import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.phone.MaskedPhone;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.sender.VerifyAnswer;
import io.github.smsotp.sender.VerifyRequest;
import io.github.smsotp.sender.VerifySender;

/** Starts and checks verifications through a provider's Verify API (Twilio, Vonage, Infobip). */
public class HttpVerifySender extends HttpChannelSender<VerifyRequest> implements VerifySender {

    HttpVerifySender(HttpClient client, AllowedHosts allowedHosts) {
        super(client, allowedHosts, new VerifyRequest("+10000000000", VerifyRequest.Channel.SMS, Locale.ENGLISH, 6,
                "probe"));
    }

    @Override
    public void validate(ConfigReader settings) {
        checkRequest(settings);
    }

    @Override
    public String start(VerifyRequest request, ConfigReader settings) throws SmsSendException {
        VerifyPreset preset = preset(settings);
        GatewayPreset.PresetSettings presetSettings = preset.settings(settings);
        GatewayCall call = request(settings, request);
        GatewayExchange.Answer answer = answer(call, request.maskedTo());
        Optional<String> running = preset.conflicting(answer.status(), GatewayPreset.parse(answer.body()));
        if (running.isPresent()) {
            // A resend: the provider's code before it is replaced, as ours would be.
            answer(preset.call(presetSettings, preset.cancel(presetSettings, running.get())), request.maskedTo());
            answer = answer(call, request.maskedTo());
        }
        return call.messageId(GatewayExchange.accepted(call, answer, request.maskedTo())).orElseThrow(
                () -> new SmsSendException("HTTP gateway " + call.url().getAuthority()
                        + " started a verification without naming it (to " + request.maskedTo() + ")"));
    }

    @Override
    public VerifyAnswer check(String verificationId, String to, String code, ConfigReader settings)
            throws SmsSendException {
        String maskedTo = MaskedPhone.mask(to);
        VerifyPreset preset = preset(settings);
        GatewayPreset.PresetSettings presetSettings = preset.settings(settings);
        GatewayCall call = preset.call(presetSettings, preset.check(presetSettings, verificationId, code));
        GatewayExchange.Answer answer = answer(call, maskedTo);
        return preset.answer(answer.status(), GatewayPreset.parse(answer.body())).orElseThrow(
                () -> new SmsSendException("HTTP gateway " + call.url().getAuthority() + " answered HTTP "
                        + answer.status() + " to a code check (to " + maskedTo + ")"));
    }

    @Override
    GatewayCall request(ConfigReader settings, VerifyRequest request) {
        VerifyPreset preset = preset(settings);
        GatewayPreset.PresetSettings presetSettings = preset.settings(settings);
        return preset.call(presetSettings, preset.start(presetSettings, request));
    }

    private static VerifyPreset preset(ConfigReader settings) {
        String preset = settings.choice(GatewayCall.PRESET, VerifyPreset.TWILIO.name().toLowerCase(Locale.ROOT),
                Arrays.stream(VerifyPreset.values()).map(p -> p.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet()));
        return VerifyPreset.valueOf(preset.toUpperCase(Locale.ROOT));
    }
}
