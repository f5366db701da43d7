package io.github.smsotp.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.sender.SmsSender;
import org.junit.jupiter.api.Test;

class SenderChoiceTest {

    private static final SmsMessage MESSAGE = new SmsMessage("+12015550123", "483920 is your code");
    private static final ConfigReader NO_SETTINGS = ConfigReader.of(Map.of());

    private final List<SmsMessage> delivered = new ArrayList<>();
    private final SmsSender working = (message, settings) -> delivered.add(message);

    @Test
    void aSenderThatThrowsUnexpectedlyFallsBackToTheNextOne() throws Exception {
        SenderChoice choice = new SenderChoice(sender("broken", (message, settings) -> {
            throw new IllegalArgumentException("bad URI with " + message.text() + " for " + message.to());
        }), Optional.of(sender("log", working)));

        assertThat(choice.send(MESSAGE, "demo")).isEqualTo("log");
        assertThat(delivered).containsExactly(MESSAGE);
    }

    @Test
    void withoutAFallbackItIsASendFailureThatHoldsNeitherTheCodeNorTheNumber() {
        SenderChoice choice = new SenderChoice(sender("broken", (message, settings) -> {
            throw new IllegalStateException("gateway said " + message.text() + " to " + message.to());
        }), Optional.empty());

        assertThatThrownBy(() -> choice.send(MESSAGE, "demo")).isInstanceOf(SmsSendException.class)
                .hasMessageContaining("IllegalStateException")
                .hasMessageNotContaining("483920").hasMessageNotContaining("2015550123");
    }

    @Test
    void aSettingThatTurnsBadAfterTheCheckIsASendFailureToo() throws Exception {
        SenderChoice choice = new SenderChoice(sender("http", (message, settings) -> {
            throw new InvalidConfigException("http.auth-value", "must not contain line breaks");
        }), Optional.of(sender("log", working)));

        assertThat(choice.send(MESSAGE, "demo")).isEqualTo("log");
    }

    private static SenderChoice.Sender sender(String id, SmsSender sender) {
        return new SenderChoice.Sender(id, sender, NO_SETTINGS);
    }
}
