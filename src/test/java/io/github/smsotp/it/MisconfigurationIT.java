package io.github.smsotp.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smsotp.it.Browser.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad admin input and unusable user data get clear pages, never a server error. */
@ExtendWith(KeycloakExtension.class)
class MisconfigurationIT {

    private final KeycloakServer server;

    MisconfigurationIT(KeycloakServer server) {
        this.server = server;
    }

    @Test
    void aBadConfigValueShowsAGenericPageAndTheLogNamesTheKey() {
        SmsLogin login = new SmsLogin(server, "user10");
        Page page = login.passwordStep("it-misconfigured");

        assertThat(page.status()).isLessThan(500);
        assertThat(page.text()).contains("Sign-in with an SMS code is not available right now.");
        assertThat(page.loggedIn()).isFalse();
        assertThat(server.log()).contains("SMS OTP setting 'code-length' must be a whole number from 6 to 10, was 'twelve'");
        assertThat(server.gateway().to(login.phone())).isEmpty();
    }

    @Test
    void aUserWithoutANumberIsSentToEnrollment() {
        Page page = new SmsLogin(server, "nophone").passwordStep("it-app");

        assertThat(page.status()).isLessThan(500);
        assertThat(page.has("#kc-sms-otp-enroll-form")).as(page.text()).isTrue();
        assertThat(page.loggedIn()).isFalse();
    }

    @Test
    void markupInThePhoneAttributeIsNeitherSentNorRendered() {
        int sentBefore = server.gateway().all().size();
        Page page = new SmsLogin(server, "markup").passwordStep("it-app");

        assertThat(page.status()).isLessThan(500);
        assertThat(page.has("#kc-sms-otp-enroll-form")).as("not a usable number: enrollment").isTrue();
        assertThat(page.body()).doesNotContain("<script>alert(1)</script>").doesNotContain("<b>+1</b>");
        assertThat(server.gateway().all()).hasSize(sentBefore);
    }
}
