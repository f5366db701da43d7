package io.github.smsotp.sender.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

class AllowedHostsTest {

    private static final String OPTION = "--spi-sms-sender--http--allowed-hosts";
    private static final ConfigReader SETTINGS = ConfigReader.of(Map.of()).scoped("http", v -> v, k -> null);

    @Test
    void withoutAListEveryHostIsAllowed() {
        assertThatCode(() -> AllowedHosts.parse(null, OPTION).check(SETTINGS, "url", URI.create("https://evil.example/x")))
                .doesNotThrowAnyException();
        assertThatCode(() -> AllowedHosts.parse(" , ", OPTION).check(SETTINGS, "url", URI.create("https://evil.example/x")))
                .doesNotThrowAnyException();
    }

    @Test
    void aListAdmitsItsHostsAndTheirSubdomainsWhereAskedOnly() {
        AllowedHosts hosts = AllowedHosts.parse("api.twilio.com, *.infobip.com", OPTION);
        assertThatCode(() -> hosts.check(SETTINGS, "url", URI.create("https://API.twilio.com/2010-04-01")))
                .doesNotThrowAnyException();
        assertThatCode(() -> hosts.check(SETTINGS, "url", URI.create("https://xyz.api.infobip.com/sms/2/text")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> hosts.check(SETTINGS, "url", URI.create("https://twilio.com.evil.example/")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'http.url'")
                .hasMessageContaining("'twilio.com.evil.example'").hasMessageContaining(OPTION);
        assertThatThrownBy(() -> hosts.check(SETTINGS, "url", URI.create("https://infobip.com/")))
                .as("*.infobip.com is its subdomains").isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> hosts.check(SETTINGS, "url", URI.create("https://evilinfobip.com/")))
                .isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void aPresetsOwnHostIsAHostToo() {
        HttpSmsSender sender = new HttpSmsSender(java.net.http.HttpClient.newHttpClient(),
                AllowedHosts.parse("127.0.0.1", OPTION));
        ConfigReader twilio = ConfigReader.of(Map.of("http.preset", "twilio", "http.account", "AC1",
                "http.auth-value", "token", "http.from", "+12015550100")).scoped("http", v -> v, k -> null);

        assertThatThrownBy(() -> sender.validate(twilio)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("'api.twilio.com'");
    }
}
