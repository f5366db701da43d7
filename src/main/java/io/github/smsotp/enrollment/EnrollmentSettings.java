package io.github.smsotp.enrollment;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.credential.PhoneSource;
import io.github.smsotp.phone.PhoneNumbers;
import io.github.smsotp.step.SmsOtpConfig;

/**
 * The enrollment action's config: how typed numbers are read (default region, mobile only) and
 * where provisioned numbers come from, besides the same code and sending settings as the login step.
 */
record EnrollmentSettings(ConfigReader reader, SmsOtpConfig step, PhoneSource source,
                          Optional<String> defaultRegion, boolean mobileOnly) {

    static final String DEFAULT_REGION = "default-region";
    static final String MOBILE_ONLY = "mobile-only";

    /**
     * @throws io.github.smsotp.config.InvalidConfigException naming the first bad key
     */
    static EnrollmentSettings of(Map<String, String> config) {
        ConfigReader reader = ConfigReader.of(config);
        Optional<String> region = reader.get(DEFAULT_REGION).map(r -> r.toUpperCase(Locale.ROOT));
        if (region.isPresent() && !region.get().matches("[A-Z]{2}")) {
            throw reader.invalid(DEFAULT_REGION, "must be a two-letter ISO 3166 region like US or DE, was '"
                    + region.get() + "'");
        }
        return new EnrollmentSettings(reader, SmsOtpConfig.from(reader), PhoneSource.of(reader), region,
                Boolean.parseBoolean(reader.get(MOBILE_ONLY, "false")));
    }

    /** The typed number in E.164 form, or the message key of what is wrong with it. */
    Result parse(String input) {
        Optional<String> number = PhoneNumbers.toE164(input, defaultRegion.orElse(null));
        if (number.isEmpty()) {
            return Result.error("smsOtpInvalidNumber");
        }
        if (mobileOnly && !PhoneNumbers.isMobile(number.get())) {
            return Result.error("smsOtpNotMobile");
        }
        if (!step.allowedCountries().allows(number.get())) {
            return Result.error("smsOtpCountryNotAllowedField");
        }
        return new Result(number.get(), null);
    }

    record Result(String number, String error) {
        static Result error(String key) {
            return new Result(null, key);
        }
    }
}
