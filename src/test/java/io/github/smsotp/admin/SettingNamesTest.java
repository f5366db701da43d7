package io.github.smsotp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.github.smsotp.sender.http.HttpSmsSenderFactory;
import io.github.smsotp.sender.log.LogSmsSenderFactory;
import io.github.smsotp.settings.Setting;
import io.github.smsotp.settings.Setting.Kind;
import io.github.smsotp.settings.Setting.Place;
import io.github.smsotp.settings.SettingsForm;
import io.github.smsotp.settings.SettingsRegistry;
import org.junit.jupiter.api.Test;

/** The admin API knows every setting of the registry by its key, and masks exactly its secrets. */
class SettingNamesTest {

    private static final SettingNames NAMES = SettingNames.of(SettingsForm.of(Place.REALM_TAB,
            List.of(new HttpSmsSenderFactory(), new LogSmsSenderFactory())), Map.of("routes", "49 -> http@eu"));

    @Test
    void everyRegistryKeyIsASettingOfTheApiAndOnlySecretsAreMasked() {
        for (Setting setting : SettingsRegistry.in(Place.REALM_TAB)) {
            assertThat(NAMES.property(setting.key())).as(setting.key()).isPresent();
            assertThat(NAMES.isSecret(setting.key())).as(setting.key()).isEqualTo(setting.kind() == Kind.SECRET);
        }
    }

    @Test
    void aRoutesCopyOfASenderSettingIsAsSecretAsTheSetting() {
        assertThat(NAMES.isSecret("eu.auth-value")).isTrue();
        assertThat(NAMES.isSecret("eu.url")).isFalse();
        assertThat(NAMES.property("nowhere.url")).isEmpty();
    }
}
