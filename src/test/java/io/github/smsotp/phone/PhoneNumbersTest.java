package io.github.smsotp.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void internationalInputBecomesE164() {
        assertThat(PhoneNumbers.toE164("+1 (201) 555-0123", null)).contains("+12015550123");
        assertThat(PhoneNumbers.toE164("+49 151 23456789", null)).contains("+4915123456789");
    }

    @Test
    void nationalInputNeedsARegion() {
        assertThat(PhoneNumbers.toE164("0151 23456789", null)).isEmpty();
        assertThat(PhoneNumbers.toE164("0151 23456789", "DE")).contains("+4915123456789");
    }

    @Test
    void garbageIsNotANumber() {
        assertThat(PhoneNumbers.toE164(null, null)).isEmpty();
        assertThat(PhoneNumbers.toE164("  ", null)).isEmpty();
        assertThat(PhoneNumbers.toE164("<script>alert(1)</script>", null)).isEmpty();
        assertThat(PhoneNumbers.toE164("+1 " + "5".repeat(80), null)).isEmpty();
        assertThat(PhoneNumbers.toE164("+1 000", null)).isEmpty();
    }

    @Test
    void onlyANumberThePlanCallsAFixedLineIsOne() {
        assertThat(PhoneNumbers.isFixedLine("+493012345678")).as("Berlin").isTrue();
        assertThat(PhoneNumbers.isFixedLine("+4915123456789")).as("a German mobile").isFalse();
        assertThat(PhoneNumbers.isFixedLine("+12015550123")).as("North America does not tell").isFalse();
        assertThat(PhoneNumbers.isFixedLine("not a number")).isFalse();
    }
}
