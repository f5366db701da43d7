package io.github.smsotp.sender.sns;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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

    private static final Pattern REGION_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)+");

    static SnsSettings from(ConfigReader settings) {
        Optional<String> accessKey = settings.get(ACCESS_KEY);
        Optional<String> secretKey = settings.get(SECRET_KEY);
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw settings.invalid(secretKey.isPresent() ? ACCESS_KEY : SECRET_KEY,
                    "must be set together with the other key, or both left empty for the default credentials");
        }
        Optional<URI> endpoint = settings.get(ENDPOINT).map(raw -> endpoint(settings, raw));
        return new SnsSettings(region(settings), accessKey, secretKey, endpoint, settings.get(SENDER_ID),
                settings.get(ORIGINATION_NUMBER), Duration.ofMillis(settings.intIn(TIMEOUT, 5000, 500, 60_000)));
    }

    /** A region name as AWS spells them (eu-west-1, us-gov-west-1, cn-north-1); the SDK itself takes any string. */
    private static String region(ConfigReader settings) {
        String region = settings.require(REGION);
        if (!REGION_NAME.matcher(region).matches()) {
            throw settings.invalid(REGION, "must be an AWS region name such as 'eu-west-1', was '" + region + "'");
        }
        return region;
    }

    /** Where the SDK sends its calls instead of the region's own address (a VPC endpoint, a local stand-in). */
    private static URI endpoint(ConfigReader settings, String raw) {
        try {
            URI url = new URI(raw);
            if (url.getHost() != null && Set.of("http", "https").contains(String.valueOf(url.getScheme()))) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw settings.invalid(ENDPOINT, "must be an absolute http(s) URL with a host");
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
