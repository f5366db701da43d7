package io.github.smsotp.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

class CallingCodesTest {

    @Test
    void anEmptyListAllowsEveryCountry() {
        assertThat(CallingCodes.parse(" ").allows("+4915123456789")).isTrue();
    }

    @Test
    void listedCodesAreAllowedOthersNot() {
        CallingCodes codes = CallingCodes.parse("+1, 44;49");

        assertThat(codes.codes()).isEqualTo(Set.of(1, 44, 49));
        assertThat(codes.allows("+12015550123")).isTrue();
        assertThat(codes.allows("+447700900123")).isTrue();
        assertThat(codes.allows("+33612345678")).isFalse();
        assertThat(codes.allows("garbage")).isFalse();
    }

    @Test
    void entriesThatAreNotCallingCodesAreRejected() {
        assertThatThrownBy(() -> CallingCodes.parse("1, DE")).hasMessageContaining("'DE'");
        assertThatThrownBy(() -> CallingCodes.parse("1234")).hasMessageContaining("'1234'");
    }
}
