package io.github.smsotp.sender.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.SmsMessage;

/**
 * One message to a gateway: the request to make and how to read the answer. Either the generic
 * settings (URL, format, template) or a provider preset that knows its provider's API.
 */
interface GatewayCall {

    String PRESET = "preset";
    String CUSTOM = "custom";

    /** The preset the settings name: {@value #CUSTOM} or a provider's. */
    static String preset(ConfigReader settings) {
        return settings.choice(PRESET, CUSTOM, Set.of(CUSTOM, "twilio", "vonage", "infobip", "messagebird", "webhook"));
    }

    HttpRequest request();

    URI url();

    Duration timeout();

    /** Why the gateway refused the message, when it did; empty when it accepted it. */
    Optional<String> failure(int status, String body);

    /** The provider's id of an accepted message, which its delivery receipts name; empty if it has none. */
    default Optional<String> messageId(String body) {
        return Optional.empty();
    }

    static GatewayCall of(ConfigReader settings, SmsMessage message) {
        String preset = preset(settings);
        if (preset.equals(CUSTOM)) {
            HttpGatewaySettings generic = HttpGatewaySettings.from(settings);
            return new GenericCall(generic, generic.toRequest(message));
        }
        return GatewayPreset.valueOf(preset.toUpperCase(Locale.ROOT)).call(settings, message);
    }

    /** The generic gateway: any 2xx answer is an acceptance. */
    record GenericCall(HttpGatewaySettings settings, HttpRequest request) implements GatewayCall {

        @Override
        public URI url() {
            return settings.url();
        }

        @Override
        public Duration timeout() {
            return settings.timeout();
        }

        @Override
        public Optional<String> failure(int status, String body) {
            return status >= 200 && status <= 299 ? Optional.empty() : Optional.of("HTTP " + status);
        }
    }
}
