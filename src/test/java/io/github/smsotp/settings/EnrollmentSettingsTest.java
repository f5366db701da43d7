package io.github.smsotp.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

class EnrollmentSettingsTest {

    @Test
    void defaultsAcceptInternationalNumbersAndIgnoreProvisionedOnes() {
        EnrollmentSettings settings = EnrollmentSettings.of(ConfigReader.of(null));

        assertThat(settings.provisioned()).isEqualTo(new ProvisionedNumbers("phone_number", ProvisionedNumbers.Mode.OFF));
        assertThat(settings.parse("+49 151 23456789").number()).isEqualTo("+4915123456789");
        assertThat(settings.parse("0151 23456789").error()).isEqualTo("smsOtpInvalidNumber");
    }

    @Test
    void aDefaultRegionReadsLocalFormats() {
        EnrollmentSettings settings = EnrollmentSettings.of(ConfigReader.of(Map.of("default-region", "de")));

        assertThat(settings.parse("0151 23456789").number()).isEqualTo("+4915123456789");
    }

    @Test
    void byDefaultOnlyMobilesAndPlansThatCannotTellGetCodes() {
        EnrollmentSettings settings = EnrollmentSettings.of(ConfigReader.of(null));

        assertThat(settings.parse("+49 30 12345678").error()).isEqualTo("smsOtpNotMobile");
        assertThat(settings.parse("+49 151 23456789").error()).isNull();
        assertThat(settings.parse("+1 201 555 0123").error()).isNull();
        EnrollmentSettings.Result premium = settings.parse("+44 909 879 0000");
        assertThat(premium.error()).isEqualTo("smsOtpPremiumRateNumber");
        assertThat(premium.refusedType()).contains("premium-rate");
        assertThat(premium.reason()).isEqualTo("number_type");
        assertThat(settings.parse("+1 800 555 0100").refusedType()).contains("toll-free");
        assertThat(settings.parse("+1 900 555 0100").refusedType()).contains("premium-rate");
        assertThat(settings.parse("call me").reason()).isEqualTo("invalid_number");
    }

    @Test
    void anAdminMayAllowOtherTypes() {
        EnrollmentSettings settings = EnrollmentSettings.of(ConfigReader.of(Map.of("allowed-number-types",
                "mobile, fixed-line")));

        assertThat(settings.parse("+49 30 12345678").error()).isNull();
        assertThat(settings.parse("+1 201 555 0123").error()).as("fixed-line-or-mobile left out")
                .isEqualTo("smsOtpNumberTypeRefused");
        assertThatThrownBy(() -> EnrollmentSettings.of(ConfigReader.of(Map.of("allowed-number-types", "cell"))))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'allowed-number-types'")
                .hasMessageContaining("'cell' is no number type");
        assertThatThrownBy(() -> EnrollmentSettings.of(ConfigReader.of(Map.of("allow-voip-numbers", "maybe"))))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'allow-voip-numbers'");
    }

    @Test
    void theCountryAllowListApplies() {
        EnrollmentSettings settings = EnrollmentSettings.of(ConfigReader.of(Map.of("allowed-calling-codes", "1")));

        assertThat(settings.parse("+44 7911 123456").error()).isEqualTo("smsOtpCountryNotAllowedField");
        assertThat(settings.parse("+1 201 555 0123").error()).isNull();
    }

    @Test
    void badSettingsNameTheirKey() {
        assertThatThrownBy(() -> EnrollmentSettings.of(ConfigReader.of(Map.of("default-region", "Germany"))))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'default-region'");
        assertThatThrownBy(() -> EnrollmentSettings.of(ConfigReader.of(Map.of("provisioned-numbers", "always"))))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'provisioned-numbers'");
        assertThatThrownBy(() -> EnrollmentSettings.of(ConfigReader.of(Map.of("unique-numbers", "yes"))))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'unique-numbers'");
    }

    @Test
    void aVerifiedNumberBelongsToOneUserUnlessTheRealmSaysOtherwise() {
        assertThat(EnrollmentSettings.of(ConfigReader.of(null)).uniqueNumbers()).isTrue();
        assertThat(EnrollmentSettings.of(ConfigReader.of(Map.of("unique-numbers", "false"))).uniqueNumbers()).isFalse();
    }
}
