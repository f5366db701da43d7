package io.github.smsotp.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class NumberTypesTest {

    private static final NumberTypes DEFAULT = NumberTypes.parse(NumberTypes.DEFAULT_LIST, false);

    @Test
    void byDefaultCodesGoToMobilesAndToPlansWhereMobilesLookLikeLandlines() {
        assertThat(DEFAULT.refusal("+447911123456")).as("GG mobile").isEmpty();
        assertThat(DEFAULT.refusal("+4915123456789")).as("DE mobile").isEmpty();
        assertThat(DEFAULT.refusal("+12015550123")).as("US, fixed line or mobile").isEmpty();
        assertThat(DEFAULT.refusal("+22507012345 67".replace(" ", ""))).as("CI mobile").isEmpty();
    }

    @Test
    void whereSmsPumpingEarnsItsMoneyIsRefusedByDefault() {
        assertThat(DEFAULT.refusal("+449098790000")).contains("premium-rate");
        assertThat(DEFAULT.refusal("+19005550100")).contains("premium-rate");
        assertThat(DEFAULT.refusal("+18005550100")).contains("toll-free");
        assertThat(DEFAULT.refusal("+493012345678")).contains("fixed-line");
        assertThat(DEFAULT.refusal("+15005550006")).as("US personal numbers").contains("personal-number");
        assertThat(DEFAULT.refusal("+1555")).as("not a number at all").contains("unknown");
    }

    @Test
    void anAdminWidensOrNarrowsTheList() {
        NumberTypes landlines = NumberTypes.parse("Mobile; FIXED-LINE", false);
        assertThat(landlines.refusal("+493012345678")).isEmpty();
        assertThat(landlines.refusal("+12015550123")).contains("fixed-line-or-mobile");
        assertThat(landlines.names()).isEqualTo("fixed-line, mobile");
        assertThat(NumberTypes.parse("mobile", true).names()).isEqualTo("mobile, voip");
    }

    @Test
    void aWrongListNamesTheEntryAndTheTypes() {
        assertThatThrownBy(() -> NumberTypes.parse("mobile, cell", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cell' is no number type")
                .hasMessageContaining("premium-rate");
        assertThatThrownBy(() -> NumberTypes.parse(" , ", false)).hasMessageContaining("at least one");
        assertThat(Optional.of(NumberTypes.parse("mobile,,toll-free", false).names())).contains("mobile, toll-free");
    }
}
