package io.github.smsotp.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskedPhoneTest {

    @ParameterizedTest
    @CsvSource({
            "+12015550123, +1 ••• ••• 0123",
            "+4915123456789, +49 ••• •••• 6789",
            "+33612345678, +33 ••••• 5678",
            "+447700900123, +44 ••• ••• 0123",
            "+3541234567, +354 ••• 4567",
            "not a number, •••",
            "'<b>+1</b>', •••",
    })
    void showsCountryCodeAndLastFourDigitsOnly(String e164, String masked) {
        assertThat(MaskedPhone.mask(e164)).isEqualTo(masked);
    }
}
