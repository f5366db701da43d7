package io.github.smsotp.config;

/**
 * A configuration value is missing or invalid. Names the offending key so that an admin reading
 * the server log knows what to fix; users only ever see a generic page.
 */
public class InvalidConfigException extends RuntimeException {

    private final String key;

    public InvalidConfigException(String key, String problem) {
        super("SMS OTP setting '" + key + "' " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
