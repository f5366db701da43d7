package io.github.smsotp.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.settings.ChannelOrder.Channel;
import org.junit.jupiter.api.Test;

class ChannelOrderTest {

    @Test
    void smsAloneByDefault() {
        ChannelOrder order = SmsOtpConfig.DEFAULTS.channels();

        assertThat(order.first()).isEqualTo(Channel.SMS);
        assertThat(order.after(Channel.SMS)).isEmpty();
        assertThat(order.includes(Channel.WHATSAPP)).isFalse();
    }

    @Test
    void whatsAppThenSmsSendsByWhatsAppFirstAndBySmsNext() {
        ChannelOrder order = read(" WhatsApp ,sms ");

        assertThat(order.first()).isEqualTo(Channel.WHATSAPP);
        assertThat(order.after(Channel.WHATSAPP)).contains(Channel.SMS);
        assertThat(order.after(Channel.SMS)).isEmpty();
    }

    @Test
    void anUnknownRepeatedOrEmptyListNamesTheKey() {
        assertThatThrownBy(() -> read("whatsapp, fax")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("channels").hasMessageContaining("'fax'");
        assertThatThrownBy(() -> read("sms, sms")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> read(" , ")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("at least one channel");
    }

    private static ChannelOrder read(String value) {
        return SmsOtpConfig.from(ConfigReader.of(Map.of("channels", value))).channels();
    }
}
