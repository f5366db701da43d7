package io.github.smsotp.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RegionsTest {

    @Test
    void theAllowListLimitsTheChoicesToItsCallingCodes() {
        Regions regions = Regions.offered(CallingCodes.parse("1"), Optional.empty(), Locale.ENGLISH);
        assertThat(regions.choices()).extracting(Regions.Region::callingCode).containsOnly(1);
        assertThat(regions.choices()).extracting(Regions.Region::code).contains("US", "CA").doesNotContain("DE");
    }

    @Test
    void countriesAreNamedAndSortedInTheUsersLanguageWithAnExampleNumber() {
        Regions regions = Regions.offered(CallingCodes.ALL, Optional.empty(), Locale.GERMANY);
        Regions.Region germany = regions.choices().stream().filter(r -> r.code().equals("DE")).findFirst().orElseThrow();
        assertThat(germany.name()).isEqualTo("Deutschland");
        assertThat(germany.callingCode()).isEqualTo(49);
        assertThat(PhoneNumbers.toE164(germany.example(), "DE")).isPresent();
        assertThat(regions.choices().size()).isGreaterThan(200);
        // "Österreich" sorts with O in German, before "Südafrika", not after Z as by code points.
        assertThat(indexOf(regions, "AT")).isLessThan(indexOf(regions, "ZA"));
    }

    @Test
    void theDefaultRegionIsPreselectedElseTheLocalesCountryElseNone() {
        assertThat(Regions.offered(CallingCodes.ALL, Optional.of("FR"), Locale.GERMANY).selected()).contains("FR");
        assertThat(Regions.offered(CallingCodes.ALL, Optional.empty(), Locale.GERMANY).selected()).contains("DE");
        assertThat(Regions.offered(CallingCodes.ALL, Optional.empty(), Locale.ENGLISH).selected()).isEmpty();
        // A locale's country outside the allow-list is not preselected.
        assertThat(Regions.offered(CallingCodes.parse("1"), Optional.empty(), Locale.GERMANY).selected()).isEmpty();
    }

    @Test
    void onlyAnOfferedRegionIsTakenFromTheForm() {
        Regions regions = Regions.offered(CallingCodes.parse("1"), Optional.of("US"), Locale.ENGLISH);
        assertThat(regions.choice("CA")).contains("CA");
        assertThat(regions.choice("DE")).as("not offered: the preselected one").contains("US");
        assertThat(regions.choice(null)).contains("US");
        assertThat(regions.choice("")).contains("US");
    }

    private static int indexOf(Regions regions, String code) {
        for (int i = 0; i < regions.choices().size(); i++) {
            if (regions.choices().get(i).code().equals(code)) {
                return i;
            }
        }
        throw new AssertionError(code);
    }
}
