package io.github.smsotp.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.smsotp.sender.SmsSegments;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every language has every English message, with the same placeholders, in one SMS. The login pages
 * format messages with Java's MessageFormat ({@code {0}}); the Account Console with i18next
 * ({@code {{0}}}), so its messages are checked in that format.
 */
class MessageBundlesTest {

    private static final Path MESSAGES = Path.of("themes/messages");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{?[0-9]+}}?");
    /** Messages only the Account Console shows (the SMS credential's line on a trusted browser). */
    private static final Set<String> ACCOUNT_CONSOLE = Set.of("smsOtpTrustedUntil");

    @ParameterizedTest
    @ValueSource(strings = {"de", "fr", "es", "it", "nl", "pt_BR", "pl"})
    void bundleHasEveryEnglishKeyWithTheSamePlaceholders(String language) throws IOException {
        Properties english = load("en");
        Properties bundle = load(language);

        assertThat(bundle.stringPropertyNames()).as("keys of messages_%s", language)
                .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        for (String key : english.stringPropertyNames()) {
            assertThat(placeholders(bundle.getProperty(key))).as("%s in messages_%s", key, language)
                    .isEqualTo(placeholders(english.getProperty(key)));
            assertThat(bundle.getProperty(key)).as("%s in messages_%s is translated", key, language).isNotBlank();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de", "fr", "es", "it", "nl", "pt_BR", "pl"})
    void everyMessageFormatsAndTheSmsFitsOneMessage(String language) throws IOException {
        Properties bundle = load(language);
        Locale locale = Locale.forLanguageTag(language.replace('_', '-'));
        for (String key : bundle.stringPropertyNames()) {
            if (ACCOUNT_CONSOLE.contains(key)) {
                String formatted = bundle.getProperty(key).replaceAll("\\{\\{[0-9]+}}", "A");
                assertThat(formatted).as("%s in messages_%s (i18next)", key, language).doesNotContain("{");
                continue;
            }
            String formatted = new MessageFormat(bundle.getProperty(key), locale).format(new Object[] {"A", "B", "C"});
            // An unescaped apostrophe makes MessageFormat swallow the rest of the text, placeholders included.
            assertThat(formatted).as("%s in messages_%s", key, language).doesNotContain("{").doesNotContain("'");
        }
        String sms = new MessageFormat(bundle.getProperty("smsOtpText"), locale)
                .format(new Object[] {"1234567890", "Example Company Login", "10"});
        assertThat(SmsSegments.count(sms)).as("SMS in %s: %s", language, sms).isEqualTo(1);
    }

    private static Properties load(String language) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(MESSAGES.resolve("messages_" + language + ".properties"),
                StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static Set<String> placeholders(String message) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(message);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
