package io.github.smsotp.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmsOtpConfigTest {

    @Test
    void noConfigMeansSafeDefaults() {
        SmsOtpConfig config = SmsOtpConfig.from(ConfigReader.of(null));

        assertThat(config).isEqualTo(SmsOtpConfig.DEFAULTS);
        assertThat(config.codeLength()).isEqualTo(6);
        assertThat(config.codeLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.attemptsPerCode()).isEqualTo(5);
        assertThat(config.resendCooldown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.sendsPerLogin()).isEqualTo(3);
        assertThat(config.senderId()).isEmpty();
        assertThat(config.allowedCountries().codes()).isEmpty();
        assertThat(config.fallbackSenderId()).isEmpty();
        assertThat(config.webOtp()).isFalse();
    }

    @Test
    void blankValuesFallBackToDefaults() {
        SmsOtpConfig config = SmsOtpConfig.from(ConfigReader.of(Map.of("code-length", " ", "sender", "")));

        assertThat(config.codeLength()).isEqualTo(6);
        assertThat(config.senderId()).isEmpty();
    }

    @Test
    void valuesAreRead() {
        SmsOtpConfig config = SmsOtpConfig.from(ConfigReader.of(Map.of("code-length", "8",
                "code-lifetime-seconds", "120", "sender", "http", "allowed-calling-codes", "44")));

        assertThat(config.codeLength()).isEqualTo(8);
        assertThat(config.codeLifetime()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.senderId()).isEqualTo(Optional.of("http"));
        assertThat(config.allowedCountries().codes()).containsExactly(44);
    }

    @ParameterizedTest
    @CsvSource({
            "code-length, 5",
            "code-length, 11",
            "code-length, six",
            "code-lifetime-seconds, 59",
            "code-lifetime-seconds, 601",
            "attempts-per-code, 0",
            "resend-cooldown-seconds, -1",
            "sends-per-login, 0",
            "sends-per-login, 99999999999",
            "allowed-calling-codes, DE",
            "sms-format, html",
    })
    void outOfRangeValuesNameTheirKey(String key, String value) {
        assertThatThrownBy(() -> SmsOtpConfig.from(ConfigReader.of(Map.of(key, value))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("'" + key + "'")
                .hasMessageContaining(value)
                .extracting(e -> ((InvalidConfigException) e).key()).isEqualTo(key);
    }
}
