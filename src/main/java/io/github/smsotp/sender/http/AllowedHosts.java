package io.github.smsotp.sender.http;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.smsotp.config.ConfigReader;

/**
 * The operator's allow-list of gateway hosts ({@code --spi-sms-sender--http--allowed-hosts},
 * {@code --spi-sms-voice-sender--http--allowed-hosts}): exact host names, or {@code *.example.com}
 * for its subdomains. Where set, a realm admin cannot point a sender, and the secret it carries,
 * at any other host; a test SMS cannot probe one either. Empty: every host, as before.
 */
record AllowedHosts(Set<String> entries, String option) {

    static final String KEY = "allowed-hosts";

    /** @param option the server option as an operator writes it, for messages */
    static AllowedHosts parse(String list, String option) {
        Set<String> entries = list == null ? Set.of() : Arrays.stream(list.split("[,\\s]+"))
                .map(entry -> entry.trim().toLowerCase(Locale.ROOT)).filter(entry -> !entry.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return new AllowedHosts(entries, option);
    }

    /**
     * @throws io.github.smsotp.config.InvalidConfigException naming {@code key} where the URL's host is
     *         not on the list
     */
    void check(ConfigReader settings, String key, URI url) {
        String host = String.valueOf(url.getHost()).toLowerCase(Locale.ROOT);
        if (entries.isEmpty() || entries.contains(host)
                || entries.stream().anyMatch(entry -> entry.startsWith("*.") && host.endsWith(entry.substring(1)))) {
            return;
        }
        throw settings.invalid(key, "names the host '" + host + "', which the server's gateway allow-list (" + option
                + ") does not hold");
    }
}
