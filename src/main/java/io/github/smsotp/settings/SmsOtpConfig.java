package io.github.smsotp.settings;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.phone.CallingCodes;
import io.github.smsotp.phone.NumberTypes;
import io.github.smsotp.sender.SenderRoutes;

/**
 * The SMS step's settings for one flow execution, validated, with defaults that follow
 * NIST SP 800-63B: six digits, five minutes, a handful of tries per code.
 *
 * @param senderId         empty to use the server's default sender
 * @param fallbackSenderId a second sender tried once when the first fails
 * @param webOtp           whether the text ends with the origin-bound line ({@code @host #code}) that
 *                         lets Android and iOS offer the code for autofill
 * @param trustBrowserDays for how many days a user may have a browser trusted (no code asked); 0: never
 * @param routes           senders by country calling code, ahead of {@code senderId}
 * @param voice            when the code page offers to read the code in a call
 * @param voiceSenderId    the voice sender that places calls; its settings are stored under {@code voice.}
 * @param numberTypes      the kinds of numbers codes may go to
 * @param guard            when codes to numbers nobody has proven are throttled by range
 */
public record SmsOtpConfig(int codeLength, Duration codeLifetime, int attemptsPerCode, Duration resendCooldown,
                           int sendsPerLogin, Optional<String> senderId, Optional<String> fallbackSenderId,
                           CallingCodes allowedCountries, LimitPolicy limits, boolean webOtp, int trustBrowserDays,
                           SenderRoutes routes, VoiceOffer voice, String voiceSenderId, NumberTypes numberTypes,
                           GuardPolicy guard) {

    /** When "Call me instead" is offered (besides numbers that are fixed lines, where it always is). */
    public enum VoiceOffer {
        /** Never: no calls. */
        OFF,
        /** Once a receipt said the SMS did not arrive. */
        AFTER_FAILED_DELIVERY,
        /** From the first SMS on. */
        ALWAYS
    }

    public static final String CODE_LENGTH = "code-length";
    public static final String CODE_LIFETIME = "code-lifetime-seconds";
    public static final String ATTEMPTS_PER_CODE = "attempts-per-code";
    public static final String RESEND_COOLDOWN = "resend-cooldown-seconds";
    public static final String SENDS_PER_LOGIN = "sends-per-login";
    public static final String SENDER = "sender";
    public static final String FALLBACK_SENDER = "fallback-sender";
    public static final String TEXT_FORMAT = "sms-format";
    public static final String ALLOWED_COUNTRIES = "allowed-calling-codes";
    public static final String NUMBER_TYPES = "allowed-number-types";
    public static final String VOIP_NUMBERS = "allow-voip-numbers";
    public static final String TRUST_BROWSER_DAYS = "trust-browser-days";
    public static final String ROUTES = "routes";
    public static final String VOICE_FALLBACK = "voice-fallback";
    public static final String VOICE_SENDER = "voice-sender";
    /** The settings name of the voice sender: its settings are {@code voice.*}. */
    public static final String VOICE_SETTINGS = "voice";

    public static final int DEFAULT_CODE_LENGTH = 6;
    public static final int DEFAULT_CODE_LIFETIME = 300;
    public static final int DEFAULT_ATTEMPTS_PER_CODE = 5;
    public static final int DEFAULT_RESEND_COOLDOWN = 30;
    public static final int DEFAULT_SENDS_PER_LOGIN = 3;
    public static final String DEFAULT_VOICE_SENDER = "http";

    public static final SmsOtpConfig DEFAULTS = from(ConfigReader.of(null));

    /**
     * @throws io.github.smsotp.config.InvalidConfigException naming the first bad key
     */
    public static SmsOtpConfig from(ConfigReader config) {
        return new SmsOtpConfig(
                config.intIn(CODE_LENGTH, DEFAULT_CODE_LENGTH, 6, 10),
                Duration.ofSeconds(config.intIn(CODE_LIFETIME, DEFAULT_CODE_LIFETIME, 60, 600)),
                config.intIn(ATTEMPTS_PER_CODE, DEFAULT_ATTEMPTS_PER_CODE, 1, 10),
                Duration.ofSeconds(config.intIn(RESEND_COOLDOWN, DEFAULT_RESEND_COOLDOWN, 0, 3600)),
                config.intIn(SENDS_PER_LOGIN, DEFAULT_SENDS_PER_LOGIN, 1, 20),
                config.get(SENDER),
                config.get(FALLBACK_SENDER),
                allowedCountries(config),
                LimitPolicy.from(config),
                config.choice(TEXT_FORMAT, "plain", Set.of("plain", "webotp")).equals("webotp"),
                config.intIn(TRUST_BROWSER_DAYS, 0, 0, 90),
                routes(config),
                VoiceOffer.valueOf(config.choice(VOICE_FALLBACK, "off", Set.of("off", "after-failed-delivery", "always"))
                        .toUpperCase(Locale.ROOT).replace('-', '_')),
                config.get(VOICE_SENDER, DEFAULT_VOICE_SENDER),
                numberTypes(config),
                GuardPolicy.from(config));
    }

    /** The {@code routes} setting, as the step and the receipts endpoint both read it. */
    public static SenderRoutes routes(ConfigReader config) {
        try {
            return SenderRoutes.parse(config.get(ROUTES, ""));
        } catch (IllegalArgumentException e) {
            throw config.invalid(ROUTES, e.getMessage());
        }
    }

    private static NumberTypes numberTypes(ConfigReader config) {
        boolean voip = Boolean.parseBoolean(config.choice(VOIP_NUMBERS, "false", Set.of("true", "false")));
        try {
            return NumberTypes.parse(config.get(NUMBER_TYPES, NumberTypes.DEFAULT_LIST), voip);
        } catch (IllegalArgumentException e) {
            throw config.invalid(NUMBER_TYPES, e.getMessage());
        }
    }

    private static CallingCodes allowedCountries(ConfigReader config) {
        try {
            return CallingCodes.parse(config.get(ALLOWED_COUNTRIES, ""));
        } catch (IllegalArgumentException e) {
            throw config.invalid(ALLOWED_COUNTRIES, e.getMessage());
        }
    }
}
