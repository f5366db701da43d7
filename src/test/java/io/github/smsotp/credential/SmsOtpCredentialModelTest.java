package io.github.smsotp.credential;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsOtpCredentialModelTest {

    @Test
    void aVerifiedNumberIsLabelledMaskedAndReadBack() {
        SmsOtpCredentialModel model = SmsOtpCredentialModel.verified("+12015550123", 1_700_000_000_000L);

        assertThat(model.getType()).isEqualTo("sms-otp");
        assertThat(model.getUserLabel()).isEqualTo("+1 \u2022\u2022\u2022 \u2022\u2022\u2022 0123");
        assertThat(model.getCreatedDate()).isEqualTo(1_700_000_000_000L);
        assertThat(SmsOtpCredentialModel.of(model).phone()).contains("+12015550123");
    }

    @Test
    void unreadableDataGivesNoNumber() {
        SmsOtpCredentialModel model = SmsOtpCredentialModel.verified("+12015550123", 0);
        model.setCredentialData("not json");

        assertThat(model.phone()).isEmpty();
    }
}
