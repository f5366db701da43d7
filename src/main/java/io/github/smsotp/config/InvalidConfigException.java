package io.github.smsotp.config;

import java.util.Locale;

/**
 * A configuration value is missing or invalid. Names the offending key so that an admin reading
 * the server log knows what to fix; users only ever see a generic page. The message goes to the
 * log: it must never hold a secret, a code or a full number.
 */
public class InvalidConfigException extends RuntimeException {

    private final String key;

    public InvalidConfigException(String key, String problem) {
        this(key, "SMS OTP setting '" + key + "' " + problem, null);
    }

    private InvalidConfigException(String key, String message, Void unused) {
        super(message);
        this.key = key;
    }

    /** A message key (realm override or theme bundle) that cannot serve as the text it stands for. */
    public static InvalidConfigException messageKey(String key, Locale locale, String problem) {
        return new InvalidConfigException(key, "SMS OTP message key '" + key + "' (locale '" + locale.toLanguageTag()
                + "', theme bundle or realm override) " + problem, null);
    }

    public String key() {
        return key;
    }
}
