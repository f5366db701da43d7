package io.github.smsotp.phone;

import java.text.Collator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;

/**
 * The countries a user may pick for a number typed without its {@code +country code}: the regions
 * libphonenumber knows whose calling code the allow-list admits, named in the user's language,
 * with the one preselected that the realm's default region or else the user's locale names.
 */
public final class Regions {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** One choice: {@code DE}, "Germany", 49, and a national example number ("01512 3456789"). */
    public record Region(String code, String name, int callingCode, String example) {
    }

    private final List<Region> choices;
    private final Optional<String> selected;

    private Regions(List<Region> choices, Optional<String> selected) {
        this.choices = choices;
        this.selected = selected;
    }

    /**
     * @param allowed       the realm's allow-list of calling codes
     * @param defaultRegion the realm's default region, if set
     * @param locale        the user's language (and country, where the locale has one)
     */
    public static Regions offered(CallingCodes allowed, Optional<String> defaultRegion, Locale locale) {
        Collator byName = Collator.getInstance(locale);
        List<Region> choices = UTIL.getSupportedRegions().stream()
                .filter(region -> allowed.allowsCode(UTIL.getCountryCodeForRegion(region)))
                .map(region -> new Region(region, new Locale("", region).getDisplayCountry(locale),
                        UTIL.getCountryCodeForRegion(region), example(region)))
                .sorted(Comparator.comparing(Region::name, byName))
                .toList();
        Optional<String> selected = defaultRegion.or(() -> Optional.of(locale.getCountry()))
                .filter(region -> choices.stream().anyMatch(choice -> choice.code().equals(region)));
        return new Regions(choices, selected);
    }

    public List<Region> choices() {
        return choices;
    }

    /** The preselected region's code; empty: none (a number then needs its {@code +country code}). */
    public Optional<String> selected() {
        return selected;
    }

    /** {@code posted} when it is one of the choices, the preselected region otherwise: never one the page did not offer. */
    public Optional<String> choice(String posted) {
        return choices.stream().map(Region::code).filter(code -> code.equals(posted)).findFirst().or(() -> selected);
    }

    private static String example(String region) {
        return Optional.ofNullable(UTIL.getExampleNumberForType(region, PhoneNumberType.MOBILE))
                .map(number -> UTIL.format(number, PhoneNumberFormat.NATIONAL)).orElse("");
    }
}
