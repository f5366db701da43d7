package io.github.smsotp.settings;

import static io.github.smsotp.settings.SettingsRegistry.ALLOWED_COUNTRIES;
import static io.github.smsotp.settings.SettingsRegistry.ATTEMPTS_PER_CODE;
import static io.github.smsotp.settings.SettingsRegistry.CODE_LENGTH;
import static io.github.smsotp.settings.SettingsRegistry.CODE_LIFETIME;
import static io.github.smsotp.settings.SettingsRegistry.FALLBACK_SENDER;
import static io.github.smsotp.settings.SettingsRegistry.NUMBER_TYPES;
import static io.github.smsotp.settings.SettingsRegistry.RESEND_COOLDOWN;
import static io.github.smsotp.settings.SettingsRegistry.ROUTES;
import static io.github.smsotp.settings.SettingsRegistry.SENDER;
import static io.github.smsotp.settings.SettingsRegistry.SENDS_PER_LOGIN;
import static io.github.smsotp.settings.SettingsRegistry.TEXT_FORMAT;
import static io.github.smsotp.settings.SettingsRegistry.TRUST_BROWSER_DAYS;
import static io.github.smsotp.settings.SettingsRegistry.VOICE_FALLBACK;
import static io.github.smsotp.settings.SettingsRegistry.VOICE_SENDER;
import static io.github.smsotp.settings.SettingsRegistry.VERIFY_SENDER;
import static io.github.smsotp.settings.SettingsRegistry.WHATSAPP_SENDER;
import static io.github.smsotp.settings.SettingsRegistry.VOIP_NUMBERS;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

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
 * @param channels         where codes go, in order
 * @param whatsAppSenderId the WhatsApp sender; its settings are stored under {@code whatsapp.}
 * @param verifySenderId   where set, a provider's Verify API makes, sends and checks the codes; its
 *                         settings are stored under {@code verify.}
 */
public record SmsOtpConfig(int codeLength, Duration codeLifetime, int attemptsPerCode, Duration resendCooldown,
                           int sendsPerLogin, Optional<String> senderId, Optional<String> fallbackSenderId,
                           CallingCodes allowedCountries, LimitPolicy limits, boolean webOtp, int trustBrowserDays,
                           SenderRoutes routes, VoiceOffer voice, String voiceSenderId, NumberTypes numberTypes,
                           GuardPolicy guard, ChannelOrder channels, String whatsAppSenderId,
                           Optional<String> verifySenderId) {

    /** When "Call me instead" is offered (besides numbers that are fixed lines, where it always is). */
    public enum VoiceOffer {
        /** Never: no calls. */
        OFF,
        /** Once a receipt said the SMS did not arrive. */
        AFTER_FAILED_DELIVERY,
        /** From the first SMS on. */
        ALWAYS
    }

    public static final SmsOtpConfig DEFAULTS = from(ConfigReader.of(null));

    /**
     * @throws io.github.smsotp.config.InvalidConfigException naming the first bad key
     */
    public static SmsOtpConfig from(ConfigReader config) {
        return new SmsOtpConfig(
                CODE_LENGTH.number(config),
                Duration.ofSeconds(CODE_LIFETIME.number(config)),
                ATTEMPTS_PER_CODE.number(config),
                Duration.ofSeconds(RESEND_COOLDOWN.number(config)),
                SENDS_PER_LOGIN.number(config),
                SENDER.value(config),
                FALLBACK_SENDER.value(config),
                allowedCountries(config),
                LimitPolicy.from(config),
                TEXT_FORMAT.choice(config).equals("webotp"),
                TRUST_BROWSER_DAYS.number(config),
                routes(config),
                VoiceOffer.valueOf(VOICE_FALLBACK.choice(config).toUpperCase(Locale.ROOT).replace('-', '_')),
                VOICE_SENDER.valueOrDefault(config),
                numberTypes(config),
                GuardPolicy.from(config),
                ChannelOrder.from(config),
                WHATSAPP_SENDER.valueOrDefault(config),
                VERIFY_SENDER.value(config));
    }

    /** The {@code routes} setting, as the step and the receipts endpoint both read it. */
    public static SenderRoutes routes(ConfigReader config) {
        try {
            return SenderRoutes.parse(ROUTES.value(config).orElse(""));
        } catch (IllegalArgumentException e) {
            throw ROUTES.invalid(config, e.getMessage());
        }
    }

    private static NumberTypes numberTypes(ConfigReader config) {
        boolean voip = VOIP_NUMBERS.isOn(config);
        try {
            return NumberTypes.parse(NUMBER_TYPES.valueOrDefault(config), voip);
        } catch (IllegalArgumentException e) {
            throw NUMBER_TYPES.invalid(config, e.getMessage());
        }
    }

    private static CallingCodes allowedCountries(ConfigReader config) {
        try {
            return CallingCodes.parse(ALLOWED_COUNTRIES.value(config).orElse(""));
        } catch (IllegalArgumentException e) {
            throw ALLOWED_COUNTRIES.invalid(config, e.getMessage());
        }
    }
}
