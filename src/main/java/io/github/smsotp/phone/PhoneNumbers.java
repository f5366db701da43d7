package io.github.smsotp.phone;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Parses what users and admins type as phone numbers into E.164 ({@code +12015550123}),
 * the only form the rest of the extension handles.
 */
public final class PhoneNumbers {

    /** Longer input is not a phone number; refusing it early keeps parsing cheap. */
    private static final int MAX_INPUT_LENGTH = 64;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * The number in E.164 form when the input is a valid number, empty otherwise.
     *
     * @param defaultRegion ISO 3166 region for numbers written without {@code +}, or null to
     *                      accept international format only
     */
    public static Optional<String> toE164(String input, String defaultRegion) {
        if (input == null || input.isBlank() || input.length() > MAX_INPUT_LENGTH) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(input.trim(), defaultRegion);
            if (!UTIL.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Whether a number is a fixed line by its numbering plan: SMS cannot reach it, a call can. */
    public static boolean isFixedLine(String e164) {
        try {
            return UTIL.getNumberType(UTIL.parse(e164, null)) == PhoneNumberUtil.PhoneNumberType.FIXED_LINE;
        } catch (NumberParseException e) {
            return false;
        }
    }

    /** The country calling code of an E.164 number, e.g. 1 for {@code +12015550123}. */
    static Optional<Integer> callingCode(String e164) {
        try {
            return Optional.of(UTIL.parse(e164, null).getCountryCode());
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
