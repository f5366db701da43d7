package io.github.smsotp.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NumberRangeTest {

    @Test
    void aNumberSitsInItsCountryAndInABlockOfTenThousand() {
        assertThat(NumberRange.countryOf("+447911123456")).contains(new NumberRange("+44"));
        assertThat(NumberRange.blockOf("+447911123456")).contains(new NumberRange("+44791112"));
        assertThat(NumberRange.blockOf("+12015550123")).contains(new NumberRange("+1201555"));
        assertThat(NumberRange.countryOf("not a number")).isEmpty();
    }

    @Test
    void aBlockIsShownWithoutItsSubscriberDigitsAndACountryAsItIs() {
        assertThat(new NumberRange("+4479111").shown()).isEqualTo("+4479111xxxx");
        assertThat(new NumberRange("+4479111").callingCode()).isEqualTo("44");
        assertThat(new NumberRange("+44").shown()).isEqualTo("+44");
        assertThat(new NumberRange("+1201555").callingCode()).isEqualTo("1");
        assertThat(new NumberRange("+371").callingCode()).isEqualTo("371");
    }

    @Test
    void anAdminNamesARangeWithOrWithoutItsPlus() {
        assertThat(NumberRange.parse("4479111")).isEqualTo(new NumberRange("+4479111"));
        assertThat(NumberRange.parse(" +44 ")).isEqualTo(new NumberRange("+44"));
        assertThatThrownBy(() -> NumberRange.parse("+44 7911")).hasMessageContaining("number range");
        assertThatThrownBy(() -> NumberRange.parse("../admin")).hasMessageContaining("number range");
        assertThatThrownBy(() -> NumberRange.parse(null)).hasMessageContaining("number range");
    }
}
