package io.github.smsotp.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.sender.SmsSenderFactory;
import io.github.smsotp.sender.http.HttpSmsSenderFactory;
import io.github.smsotp.sender.log.LogSmsSenderFactory;
import io.github.smsotp.sender.sns.SnsSmsSenderFactory;
import io.github.smsotp.settings.Setting.Kind;
import io.github.smsotp.settings.Setting.Place;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Every place a setting shows up agrees with its one definition in {@link SettingsRegistry}: the
 * realm's SMS tab, the execution's and the enrollment action's config forms, the parsers with their
 * error messages, and the settings tables in docs/. (The admin API's names and masking: see
 * {@code admin.SettingNamesTest}.) A key added to one and forgotten in another fails here, as does
 * a default that differs.
 */
class SettingsAgreementTest {

    /** The docs' tables of settings: first column the key (or keys), second the default (or defaults). */
    private static final List<Path> TABLES = List.of(Path.of("docs/CONFIGURATION.md"), Path.of("docs/ENROLLMENT.md"));
    private static final Pattern ROW = Pattern.compile("^\\| (`[a-z0-9.-]+`(?:, `[a-z0-9.-]+`)*) \\| ([^|]*) \\|");
    private static final Pattern KEY = Pattern.compile("`([a-z0-9.-]+)`");

    /** The built-in senders, as a server without third-party senders has them. */
    private static final List<SmsSenderFactory> SENDERS = List.of(new HttpSmsSenderFactory(),
            new LogSmsSenderFactory(), new SnsSmsSenderFactory());

    private static List<String> names(List<ProviderConfigProperty> form) {
        return form.stream().map(ProviderConfigProperty::getName).toList();
    }

    /** The settings each sender defines for itself, as the forms store them. */
    private static List<String> senderKeys() {
        return SENDERS.stream().flatMap(sender -> sender.getSettingsProperties().stream()
                .map(setting -> sender.getId() + "." + setting.getName())).toList();
    }

    private static Optional<Setting> named(String key) {
        return SettingsRegistry.ALL.stream().filter(setting -> setting.key().equals(key)).findFirst();
    }

    private static List<String> registryKeys(Place place) {
        return SettingsRegistry.in(place).stream().map(Setting::key).toList();
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
    void aKeyIsDefinedOnce() {
        List<String> keys = SettingsRegistry.ALL.stream().map(Setting::key).toList();
        assertThat(keys).doesNotHaveDuplicates().doesNotContainAnyElementsOf(senderKeys());
    }

    @Test
    void eachFormListsTheRegistrysSettingsForItsPlaceAndTheSendersOwn() {
        for (Place place : List.of(Place.REALM_TAB, Place.EXECUTION, Place.ENROLLMENT_ACTION)) {
            List<String> expected = new ArrayList<>(registryKeys(place));
            expected.addAll(senderKeys());
            assertThat(names(SettingsForm.of(place, SENDERS))).as(place.name()).containsExactlyElementsOf(expected);
        }
        // Enrollment's own settings are the realm's and the enrollment action's, not a login step's.
        assertThat(registryKeys(Place.EXECUTION)).doesNotContain(SettingsRegistry.PROVISIONED.key(),
                SettingsRegistry.DEFAULT_REGION.key());
    }

    @Test
    void theRealmTabShowsTheRegistrysDefaultsAndOverridesShowNone() {
        for (ProviderConfigProperty field : SettingsForm.of(Place.REALM_TAB, SENDERS)) {
            Object expected = named(field.getName())
                    .filter(setting -> !setting.settableIn(Place.SERVER_OPTION)).map(Setting::defaultValue).orElse(null);
            assertThat(field.getDefaultValue()).as(field.getName()).isEqualTo(expected);
        }
        for (Place place : List.of(Place.EXECUTION, Place.ENROLLMENT_ACTION)) {
            assertThat(SettingsForm.of(place, SENDERS)).allSatisfy(field ->
                    assertThat(field.getDefaultValue()).as(field.getName()).isNull());
        }
    }

    @Test
    void theFormsMaskExactlyTheSecrets() {
        for (ProviderConfigProperty field : SettingsForm.of(Place.REALM_TAB, SENDERS)) {
            named(field.getName()).ifPresent(setting ->
                    assertThat(field.isSecret()).as(field.getName()).isEqualTo(setting.kind() == Kind.SECRET));
        }
    }

    @Test
    void aNumbersHelpStatesTheRangeItsParserChecks() {
        for (Setting setting : SettingsRegistry.ALL) {
            if (setting.kind() != Kind.NUMBER) {
                continue;
            }
            String range = setting.min() + " to " + setting.max();
            assertThat(setting.property(List.of()).getHelpText()).as(setting.key()).contains(range);
            String outside = String.valueOf(setting.max() + 1);
            assertThatThrownBy(() -> parse(Map.of(setting.key(), outside))).as(setting.key())
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining(setting.key()).hasMessageContaining("from " + range);
        }
    }

    @Test
    void theParsersReadEveryChoiceAndRefuseOtherWords() {
        for (Setting setting : SettingsRegistry.ALL) {
            if (setting.kind() != Kind.CHOICE && setting.kind() != Kind.SWITCH) {
                continue;
            }
            if (setting.settableIn(Place.SERVER_OPTION)) {
                continue; // a voice sender's own setting: its sender reads it per call
            }
            for (String choice : setting.choices()) {
                parse(Map.of(setting.key(), choice));
            }
            assertThatThrownBy(() -> parse(Map.of(setting.key(), "sometimes"))).as(setting.key())
                    .isInstanceOf(InvalidConfigException.class).hasMessageContaining(setting.key());
        }
    }

    @Test
    void theDocsTablesListEveryKeyOfTheRealmTabAndNoOther() throws IOException {
        assertThat(documented().keySet()).containsExactlyInAnyOrderElementsOf(
                names(SettingsForm.of(Place.REALM_TAB, SENDERS)));
    }

    @Test
    void theDocsTablesGiveTheRegistrysDefaults() throws IOException {
        Map<String, String> documented = documented();
        for (Setting setting : SettingsRegistry.ALL) {
            if (setting.defaultValue() != null) {
                assertThat(documented.get(setting.key())).as(setting.key()).isEqualTo(setting.defaultValue());
            }
        }
    }

    @Test
    void aDefaultWrittenOutReadsAsNothingWritten() {
        for (Setting setting : SettingsRegistry.ALL) {
            if (setting.defaultValue() != null) {
                assertThat(parse(Map.of(setting.key(), setting.defaultValue()))).as(setting.key())
                        .isEqualTo(parse(Map.of()));
            }
        }
    }

    /** What the step and enrollment read from these values. */
    private static List<Object> parse(Map<String, String> values) {
        ConfigReader config = ConfigReader.of(values);
        EnrollmentSettings enrollment = EnrollmentSettings.of(config);
        return List.of(enrollment.step(), enrollment.provisioned(), enrollment.defaultRegion(),
                enrollment.uniqueNumbers());
    }
}
