package io.github.smsotp.phone;

import java.util.Optional;

/**
 * Where a number sits in its country's numbering plan, at two sizes: the country (its calling code,
 * {@code +44}) and the block of ten thousand numbers it belongs to ({@code +4479111}). Carriers
 * allocate numbers in blocks, and SMS pumping rents its numbers from a few of them; a block names
 * no one, so it may appear in events, logs and the admin API.
 *
 * @param prefix an E.164 prefix: {@code +} and digits
 */
public record NumberRange(String prefix) {

    /** The subscriber digits a block leaves out. */
    private static final int BLOCK_DIGITS = 4;

    /** The country of an E.164 number, e.g. {@code +44}; empty for a number that does not parse. */
    public static Optional<NumberRange> countryOf(String e164) {
        return PhoneNumbers.callingCode(e164).map(code -> new NumberRange("+" + code));
    }

    /** The block of an E.164 number, e.g. {@code +4479111} for {@code +447911123456}. */
    public static Optional<NumberRange> blockOf(String e164) {
        Optional<NumberRange> country = countryOf(e164);
        if (country.isEmpty() || e164.length() - BLOCK_DIGITS <= country.get().prefix().length()) {
            return country;
        }
        return Optional.of(new NumberRange(e164.substring(0, e164.length() - BLOCK_DIGITS)));
    }

    /**
     * A range an admin names, with or without its {@code +}: {@code +44}, {@code 4479111}.
     *
     * @throws IllegalArgumentException when it is no E.164 prefix
     */
    public static NumberRange parse(String text) {
        String digits = text == null ? "" : text.trim().replaceFirst("^\\+", "");
        if (!digits.matches("[1-9][0-9]{0,14}")) {
            throw new IllegalArgumentException("must be a number range such as +44 or +4479111");
        }
        return new NumberRange("+" + digits);
    }

    /** How the range is shown: the block with its subscriber digits as {@code x}, the country as it is. */
    public String shown() {
        return PhoneNumbers.callingCode(prefix + "0".repeat(BLOCK_DIGITS + 6))
                .filter(code -> !prefix.equals("+" + code))
                .map(code -> prefix + "x".repeat(BLOCK_DIGITS)).orElse(prefix);
    }

    /** The calling code, e.g. {@code 44}. */
    public String callingCode() {
        return PhoneNumbers.callingCode(prefix + "0".repeat(BLOCK_DIGITS + 6)).map(String::valueOf)
                .orElse(prefix.substring(1));
    }
}
