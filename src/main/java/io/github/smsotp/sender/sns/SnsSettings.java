package io.github.smsotp.sender.sns;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.github.smsotp.config.ConfigReader;

/**
 * The SNS sender's settings: per realm, falling back to the server options
 * {@code --spi-sms-sender--sns--<key>}. Without an access key the SDK's default credential chain
 * applies (environment, profile, container or instance role).
 */
record SnsSettings(String region, Optional<String> accessKey, Optional<String> secretKey, Optional<URI> endpoint,
                   Optional<String> senderId, Optional<String> originationNumber, Duration timeout) {

    static final String REGION = "region";
    static final String ACCESS_KEY = "access-key";
    static final String SECRET_KEY = "secret-key";
    static final String ENDPOINT = "endpoint";
    static final String SENDER_ID = "sender-id";
    static final String ORIGINATION_NUMBER = "origination-number";
    static final String TIMEOUT = "timeout-ms";

    static SnsSettings from(ConfigReader settings) {
        Optional<String> accessKey = settings.get(ACCESS_KEY);
        Optional<String> secretKey = settings.get(SECRET_KEY);
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw settings.invalid(secretKey.isPresent() ? ACCESS_KEY : SECRET_KEY,
                    "must be set together with the other key, or both left empty for the default credentials");
        }
        Optional<URI> endpoint = settings.get(ENDPOINT).map(URI::create);
        return new SnsSettings(settings.require(REGION), accessKey, secretKey, endpoint, settings.get(SENDER_ID),
                settings.get(ORIGINATION_NUMBER), Duration.ofMillis(settings.intIn(TIMEOUT, 5000, 500, 60_000)));
    }

    /** What one SNS client is built from: equal keys share a client. */
    ClientKey clientKey() {
        return new ClientKey(region, accessKey, secretKey, endpoint, timeout);
    }

    record ClientKey(String region, Optional<String> accessKey, Optional<String> secretKey, Optional<URI> endpoint,
                     Duration timeout) {

        @Override
        public String toString() {
            return "SnsClient[" + region + endpoint.map(e -> " " + e).orElse("") + "]";
        }
    }
}
