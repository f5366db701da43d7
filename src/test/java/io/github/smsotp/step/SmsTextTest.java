package io.github.smsotp.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;

import io.github.smsotp.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

class SmsTextTest {

    @Test
    void fillsTheCodeRealmAndMinutes() {
        SmsText text = SmsText.of("{0} is your code for {1}, valid {2} minutes. Don’t share it.", Locale.ENGLISH,
                "demo", "Demo", 5, null);

        assertThat(text.render("483920")).isEqualTo("483920 is your code for Demo, valid 5 minutes. Don’t share it.");
    }

    @Test
    void theOriginBoundLineFollowsTheText() {
        assertThat(SmsText.of("Code: {0}", Locale.ENGLISH, "demo", "Demo", 5, "login.example").render("483920"))
                .isEqualTo("Code: 483920\n\n@login.example #483920");
    }

    @Test
    void aPatternMessageFormatRefusesNamesTheKeyAndLocale() {
        assertThatThrownBy(() -> SmsText.of("{0 is your code", Locale.GERMAN, "demo", "Demo", 5, null))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("message key 'smsOtpText'").hasMessageContaining("'de'")
                .extracting(e -> ((InvalidConfigException) e).key()).isEqualTo("smsOtpText");
    }

    @Test
    void anApostropheThatSwallowsTheCodeIsRefusedRatherThanSendingATextWithoutIt() {
        assertThatThrownBy(() -> SmsText.of("Don't share it: {0}", Locale.ENGLISH, "demo", "Demo", 5, "host"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("'smsOtpText'").hasMessageContaining("without the code");
        assertThatThrownBy(() -> SmsText.of("Your code is ready", Locale.ENGLISH, "demo", "Demo", 5, null))
                .hasMessageContaining("without the code");
        assertThat(SmsText.of("Don''t share it: {0}", Locale.ENGLISH, "demo", "Demo", 5, null).render("483920"))
                .isEqualTo("Don't share it: 483920");
    }

    @Test
    void aPlaceholderThatCannotTakeTheCodeIsRefused() {
        assertThatThrownBy(() -> SmsText.of("{0,number,integer} is your code", Locale.ENGLISH, "demo", "Demo", 5, null))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'smsOtpText'");
    }
}
