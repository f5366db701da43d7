package io.github.smsotp.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.SmsSenderFactory;
import io.github.smsotp.sender.http.HttpSmsSenderFactory;
import io.github.smsotp.sender.log.LogSmsSenderFactory;
import io.github.smsotp.sender.sns.SnsSmsSenderFactory;
import io.github.smsotp.settings.EnrollmentSettings;
import io.github.smsotp.settings.SmsOtpConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The places a setting is written agree: the admin console's form (the realm's SMS tab, and as
 * overrides the execution's and the enrollment action's config, all built from the same list), the
 * parsers behind every entry point and the admin API, and the settings tables in docs/. A key added
 * to one and forgotten in another fails here, as does a default that differs.
 */
class SettingsAgreementTest {

    /** The docs' tables of settings: first column the key (or keys), second the default (or defaults). */
    private static final List<Path> TABLES = List.of(Path.of("docs/CONFIGURATION.md"), Path.of("docs/ENROLLMENT.md"));
    private static final Pattern ROW = Pattern.compile("^\\| (`[a-z0-9.-]+`(?:, `[a-z0-9.-]+`)*) \\| ([^|]*) \\|");
    private static final Pattern KEY = Pattern.compile("`([a-z0-9.-]+)`");

    /** The realm's SMS tab with the built-in senders, as a server without third-party senders shows it. */
    private static List<ProviderConfigProperty> form() {
        List<SmsSenderFactory> senders = List.of(new HttpSmsSenderFactory(), new LogSmsSenderFactory(),
                new SnsSmsSenderFactory());
        List<ProviderConfigProperty> form = new ArrayList<>(StepProperties.of(senders));
        form.addAll(EnrollmentSettings.properties());
        return form;
    }

    /** Each documented key with the default its table gives. */
    private static Map<String, String> documented() throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Path table : TABLES) {
            boolean inTable = false;
            for (String line : Files.readAllLines(table)) {
                // A settings table starts with the header "| key | default | ...", and ends at its last row.
                inTable = line.startsWith("| key | default |") || (inTable && line.startsWith("|"));
                Matcher row = ROW.matcher(line);
                if (!inTable || !row.find()) {
                    continue;
                }
                List<String> names = new ArrayList<>();
                Matcher key = KEY.matcher(row.group(1));
                while (key.find()) {
                    names.add(key.group(1));
                }
                String[] defaults = row.group(2).trim().split(", ", names.size());
                for (int i = 0; i < names.size(); i++) {
                    String value = names.size() == defaults.length ? defaults[i] : row.group(2).trim();
                    keys.put(names.get(i), value.replace("`", ""));
                }
            }
        }
        return keys;
    }

    @Test
    void theDocsTablesListEveryKeyOfTheFormAndNoOther() throws IOException {
        assertThat(documented().keySet()).containsExactlyInAnyOrderElementsOf(
                form().stream().map(ProviderConfigProperty::getName).toList());
    }

    @Test
    void theDocsTablesGiveTheFormsDefaults() throws IOException {
        Map<String, String> documented = documented();
        for (ProviderConfigProperty setting : form()) {
            if (setting.getDefaultValue() != null) {
                assertThat(documented.get(setting.getName())).as(setting.getName())
                        .isEqualTo(String.valueOf(setting.getDefaultValue()));
            }
        }
    }

    @Test
    void theFormsDefaultWrittenOutReadsAsNothingWritten() {
        SmsOtpConfig step = SmsOtpConfig.from(ConfigReader.of(Map.of()));
        EnrollmentSettings enrollment = EnrollmentSettings.of(ConfigReader.of(Map.of()));
        for (ProviderConfigProperty setting : form()) {
            if (setting.getDefaultValue() == null || setting.getName().contains(".")) {
                continue; // a sender's own settings are read per message, by the sender
            }
            ConfigReader written = ConfigReader.of(Map.of(setting.getName(), String.valueOf(setting.getDefaultValue())));
            assertThat(SmsOtpConfig.from(written)).as(setting.getName()).isEqualTo(step);
            EnrollmentSettings read = EnrollmentSettings.of(written);
            assertThat(List.of(read.provisioned(), read.defaultRegion(), read.uniqueNumbers())).as(setting.getName())
                    .isEqualTo(List.of(enrollment.provisioned(), enrollment.defaultRegion(), enrollment.uniqueNumbers()));
        }
    }
}
