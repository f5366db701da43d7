package io.github.smsotp.sender.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import io.github.smsotp.sender.VerifyAnswer;
import org.junit.jupiter.api.Test;

/** How each Verify API's answer to a code check reads, from the providers' API references. */
class VerifyPresetTest {

    @Test
    void twilioAnswersEveryCheckWith200UnlessTheVerificationIsGoneOrSpent() {
        assertThat(answer(VerifyPreset.TWILIO, 200, "{\"status\":\"approved\",\"valid\":true}"))
                .contains(VerifyAnswer.APPROVED);
        assertThat(answer(VerifyPreset.TWILIO, 200, "{\"status\":\"pending\",\"valid\":false}"))
                .contains(VerifyAnswer.WRONG);
        assertThat(answer(VerifyPreset.TWILIO, 404, "{\"code\":20404,\"status\":404}")).contains(VerifyAnswer.EXPIRED);
        assertThat(answer(VerifyPreset.TWILIO, 429, "{\"code\":60202,\"status\":429}"))
                .contains(VerifyAnswer.TOO_MANY_ATTEMPTS);
        assertThat(answer(VerifyPreset.TWILIO, 429, "{\"code\":20429,\"status\":429}")).as("rate limited").isEmpty();
        assertThat(answer(VerifyPreset.TWILIO, 404, "<html>")).as("not Twilio's answer").isEmpty();
    }

    @Test
    void vonageAnswersWithItsStatuses() {
        assertThat(answer(VerifyPreset.VONAGE, 200, "{\"status\":\"completed\"}")).contains(VerifyAnswer.APPROVED);
        assertThat(answer(VerifyPreset.VONAGE, 400, "{\"title\":\"Invalid Code\"}")).contains(VerifyAnswer.WRONG);
        assertThat(answer(VerifyPreset.VONAGE, 410, "{}")).contains(VerifyAnswer.TOO_MANY_ATTEMPTS);
        assertThat(answer(VerifyPreset.VONAGE, 404, "{}")).contains(VerifyAnswer.EXPIRED);
        assertThat(answer(VerifyPreset.VONAGE, 429, "{}")).isEmpty();
        assertThat(VerifyPreset.VONAGE.conflicting(409, GatewayPreset.parse("{\"request_id\":\"r-1\"}")))
                .contains("r-1");
    }

    @Test
    void infobipAnswersWithThePinsError() {
        assertThat(answer(VerifyPreset.INFOBIP, 200, "{\"verified\":true,\"attemptsRemaining\":2}"))
                .contains(VerifyAnswer.APPROVED);
        assertThat(answer(VerifyPreset.INFOBIP, 200, "{\"verified\":false,\"attemptsRemaining\":1,"
                + "\"pinError\":\"WRONG_PIN\"}")).contains(VerifyAnswer.WRONG);
        assertThat(answer(VerifyPreset.INFOBIP, 200, "{\"verified\":false,\"attemptsRemaining\":0,"
                + "\"pinError\":\"WRONG_PIN\"}")).as("that was the last").contains(VerifyAnswer.TOO_MANY_ATTEMPTS);
        assertThat(answer(VerifyPreset.INFOBIP, 200, "{\"verified\":false,\"pinError\":\"NO_MORE_PIN_ATTEMPTS\"}"))
                .contains(VerifyAnswer.TOO_MANY_ATTEMPTS);
        assertThat(answer(VerifyPreset.INFOBIP, 200, "{\"verified\":false,\"pinError\":\"TTL_EXPIRED\"}"))
                .contains(VerifyAnswer.EXPIRED);
        assertThat(answer(VerifyPreset.INFOBIP, 500, "{}")).isEmpty();
    }

    private static Optional<VerifyAnswer> answer(VerifyPreset preset, int status, String body) {
        return preset.answer(status, GatewayPreset.parse(body));
    }
}
