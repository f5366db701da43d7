package io.github.smsotp.sender;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

    @Test
    void gsm7TextFits160CharactersInOneSms() {
        assertThat(SmsSegments.isGsm7("123456 is your code. Ça va? €")).isTrue();
        assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
        assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
    }

    @Test
    void extensionCharactersCountTwice() {
        assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(1);
        assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(2);
    }

    @Test
    void anyOtherCharacterMakesItUcs2With70PerSms() {
        assertThat(SmsSegments.isGsm7("Kod: 123456 – ważny")).isFalse();
        assertThat(SmsSegments.count("ł".repeat(70))).isEqualTo(1);
        assertThat(SmsSegments.count("ł".repeat(71))).isEqualTo(2);
        assertThat(SmsSegments.count("ł".repeat(135))).isEqualTo(3);
    }
}
