package io.github.smsotp.settings;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.phone.PhoneNumbers;
import org.keycloak.models.RealmModel;

/**
 * The enrollment action's config: how typed numbers are read (default region) and where
 * provisioned numbers come from, besides the same code and sending settings as the login step
 * (which say what kinds of numbers and which countries codes may go to).
 */
public record EnrollmentSettings(ConfigReader reader, SmsOtpConfig step, ProvisionedNumbers provisioned,
                          Optional<String> defaultRegion, boolean uniqueNumbers) {

    /**
     * As the realm's enrollment sees them: its action's config over the realm's SMS settings.
     *
     * @throws io.github.smsotp.config.InvalidConfigException naming the first bad key
     */
    public static EnrollmentSettings of(RealmModel realm) {
        return of(SmsSettings.resolve(realm, SmsSettings.enrollmentConfig(realm)));
    }

    /**
     * @throws io.github.smsotp.config.InvalidConfigException naming the first bad key
     */
    public static EnrollmentSettings of(ConfigReader reader) {
        Optional<String> region = SettingsRegistry.DEFAULT_REGION.value(reader).map(r -> r.toUpperCase(Locale.ROOT));
        if (region.isPresent() && !region.get().matches("[A-Z]{2}")) {
            throw SettingsRegistry.DEFAULT_REGION.invalid(reader, "must be a two-letter ISO 3166 region like US or DE, was '"
                    + region.get() + "'");
        }
        return new EnrollmentSettings(reader, SmsOtpConfig.from(reader), ProvisionedNumbers.of(reader), region,
                SettingsRegistry.UNIQUE_NUMBERS.isOn(reader));
    }

    /** The typed number in E.164 form, or the message key of what is wrong with it (and the refused type). */
    public Result parse(String input) {
        return parse(input, defaultRegion.orElse(null));
    }

    /**
     * As {@link #parse(String)}, with numbers written without {@code +country code} read in
     * {@code region} (null: international format only).
     */
    public Result parse(String input, String region) {
        Optional<String> number = PhoneNumbers.toE164(input, region);
        if (number.isEmpty()) {
            return Result.error("smsOtpInvalidNumber");
        }
        Optional<String> refusedType = step.numberTypes().refusal(number.get());
        if (refusedType.isPresent()) {
            return new Result(null, Result.messageFor(refusedType.get()), refusedType);
        }
        if (!step.allowedCountries().allows(number.get())) {
            return Result.error("smsOtpCountryNotAllowedField");
        }
        return new Result(number.get(), null, Optional.empty());
    }

    /** What the page says of a refused number type; other types get a sentence for them all. */
    private static final Map<String, String> TYPE_MESSAGES = Map.of(
            "fixed-line", "smsOtpNotMobile",
            "premium-rate", "smsOtpPremiumRateNumber",
            "shared-cost", "smsOtpPremiumRateNumber",
            "toll-free", "smsOtpTollFreeNumber",
            "voip", "smsOtpVoipNumber");

    /** @param refusedType the number's type, where the realm sends no codes to it */
    public record Result(String number, String error, Optional<String> refusedType) {

        /** The event reason of a number whose type the realm sends no codes to. */
        public static final String NUMBER_TYPE = "number_type";
        static Result error(String key) {
            return new Result(null, key, Optional.empty());
        }

        /** What the page says of a number whose type the realm sends no codes to. */
        public static String messageFor(String refusedType) {
            return TYPE_MESSAGES.getOrDefault(refusedType, "smsOtpNumberTypeRefused");
        }

        /** The event's reason for a refused number. */
        public String reason() {
            return refusedType.isPresent() ? NUMBER_TYPE : "invalid_number";
        }
    }
}
