package io.github.smsotp.phone;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;

/**
 * The kinds of numbers codes may go to, by libphonenumber's number type. The default admits only
 * what a phone in someone's hand answers: mobile numbers, and the plans (North America's among them)
 * whose mobile and fixed numbers look alike. Premium-rate, shared-cost and toll-free numbers are
 * where SMS pumping earns its money; pagers, voicemail, personal and unknown numbers reach nobody
 * who could type a code back; VoIP numbers are cheap to hold by the thousand.
 */
public record NumberTypes(Set<PhoneNumberType> allowed) {

    /** The setting's default, as an admin writes it. */
    public static final String DEFAULT_LIST = "mobile, fixed-line-or-mobile";

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /**
     * @param list  the allowed types, comma-separated, as {@link #nameOf} writes them
     * @param voip  whether VoIP numbers are allowed too
     * @throws IllegalArgumentException naming the entry that is no number type
     */
    public static NumberTypes parse(String list, boolean voip) {
        Set<PhoneNumberType> allowed = EnumSet.noneOf(PhoneNumberType.class);
        for (String entry : list.split("[,;\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            allowed.add(Arrays.stream(PhoneNumberType.values()).filter(type -> nameOf(type).equals(entry.toLowerCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("'" + entry + "' is no number type; "
                            + "types are " + Arrays.stream(PhoneNumberType.values()).map(NumberTypes::nameOf)
                            .collect(Collectors.joining(", ")))));
        }
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("must name at least one number type, e.g. " + DEFAULT_LIST);
        }
        if (voip) {
            allowed.add(PhoneNumberType.VOIP);
        }
        return new NumberTypes(Set.copyOf(allowed));
    }

    /** The type of an E.164 number that codes may not go to, by name; empty when they may. */
    public Optional<String> refusal(String e164) {
        PhoneNumberType type = typeOf(e164);
        return allowed.contains(type) ? Optional.empty() : Optional.of(nameOf(type));
    }

    /** The allowed types by name, for messages to admins. */
    public String names() {
        return allowed.stream().map(NumberTypes::nameOf).sorted().collect(Collectors.joining(", "));
    }

    static PhoneNumberType typeOf(String e164) {
        try {
            return UTIL.getNumberType(UTIL.parse(e164, null));
        } catch (NumberParseException e) {
            return PhoneNumberType.UNKNOWN;
        }
    }

    /** A type as settings, events and messages write it: {@code premium-rate}, {@code fixed-line-or-mobile}. */
    public static String nameOf(PhoneNumberType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
