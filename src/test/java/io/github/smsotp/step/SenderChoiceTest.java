package io.github.smsotp.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
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

        assertThat(choice.send(MESSAGE, "demo", Optional.empty()).senderId()).isEqualTo("log");
        assertThat(delivered).containsExactly(MESSAGE);
    }

    @Test
    void withoutAFallbackItIsASendFailureThatHoldsNeitherTheCodeNorTheNumber() {
        SenderChoice choice = new SenderChoice(sender("broken", (message, settings) -> {
            throw new IllegalStateException("gateway said " + message.text() + " to " + message.to());
        }), Optional.empty());

        assertThatThrownBy(() -> choice.send(MESSAGE, "demo", Optional.empty())).isInstanceOf(SmsSendException.class)
                .hasMessageContaining("IllegalStateException")
                .hasMessageNotContaining("483920").hasMessageNotContaining("2015550123");
    }

    @Test
    void aSettingThatTurnsBadAfterTheCheckIsASendFailureToo() throws Exception {
        SenderChoice choice = new SenderChoice(sender("http", (message, settings) -> {
            throw new InvalidConfigException("http.auth-value", "must not contain line breaks");
        }), Optional.of(sender("log", working)));

        assertThat(choice.send(MESSAGE, "demo", Optional.empty()).senderId()).isEqualTo("log");
    }

    @Test
    void receiptsAreAskedForAtTheAddressOfTheSenderThatTookTheMessage() throws Exception {
        ConfigReader receiptsOn = ConfigReader.of(Map.of("receipts", "on"));
        SmsSender tracked = new SmsSender() {
            @Override
            public void send(SmsMessage message, ConfigReader settings) {
                delivered.add(message);
            }

            @Override
            public Optional<String> sendTracked(SmsMessage message, ConfigReader settings) {
                send(message, settings);
                return Optional.of("provider-id-1");
            }
        };
        SenderChoice choice = new SenderChoice(sender("broken", (message, settings) -> {
            throw new SmsSendException("down");
        }), Optional.of(new SenderChoice.Sender("http", tracked, receiptsOn)));
        SenderChoice.Tracking tracking = new SenderChoice.Tracking(
                Optional.of(URI.create("https://sso.example.org/realms/demo/sms-otp/delivery/")), "send-1");

        SenderChoice.Sent sent = choice.send(MESSAGE, "demo", Optional.of(tracking));

        assertThat(sent).isEqualTo(new SenderChoice.Sent("http", Optional.of("provider-id-1")));
        assertThat(delivered.get(0).receiptUrl())
                .isEqualTo(URI.create("https://sso.example.org/realms/demo/sms-otp/delivery/http"));
        assertThat(delivered.get(0).reference()).isEqualTo("send-1");
    }

    @Test
    void withReceiptsOffNoAddressGoesOutAndNoIdIsKept() throws Exception {
        SenderChoice choice = new SenderChoice(sender("log", working), Optional.empty());

        SenderChoice.Sent sent = choice.send(MESSAGE, "demo", Optional.of(new SenderChoice.Tracking(
                Optional.of(URI.create("https://sso.example.org/realms/demo/sms-otp/delivery/")), "send-2")));

        assertThat(sent.messageId()).isEmpty();
        assertThat(delivered.get(0).receipts()).isEmpty();
    }

    private static SenderChoice.Sender sender(String id, SmsSender sender) {
        return new SenderChoice.Sender(id, sender, NO_SETTINGS);
    }
}
