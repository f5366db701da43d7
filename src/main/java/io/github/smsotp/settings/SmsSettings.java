package io.github.smsotp.settings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.smsotp.config.ConfigReader;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.services.ui.extend.UiTabProvider;

/**
 * The one place a setting is resolved: a value in the entry point's own config (a flow
 * execution's, the enrollment action's) overrides the realm's SMS settings (Realm settings ->
 * SMS), which override a sender's server-wide option and the built-in default (both applied by
 * {@link ConfigReader}). An empty value in an override inherits.
 */
public final class SmsSettings {

    /** The id of the realm component that holds the settings, and the tab's title. */
    public static final String COMPONENT_ID = "SMS";
    /** The required action that adds or confirms a number; its config overrides the realm's settings for enrollment. */
    public static final String ENROLLMENT_ACTION = "sms-otp-phone";

    private SmsSettings() {
    }

    /**
     * @param override the entry point's own config, or null when it has none
     */
    public static ConfigReader resolve(RealmModel realm, Map<String, String> override) {
        return over(realmValues(realm), override);
    }

    /**
     * What a login step works with, from one read of the realm's settings: its own settings (the
     * execution's config over the realm's), and how the realm treats provisioned numbers (the
     * enrollment action's config over the realm's, as enrollment sees them).
     *
     * @throws io.github.smsotp.config.InvalidConfigException naming the first bad key
     */
    public static LoginStepSettings forLoginStep(RealmModel realm, Map<String, String> stepConfig) {
        Map<String, String> realmValues = realmValues(realm);
        ConfigReader step = over(realmValues, stepConfig);
        return new LoginStepSettings(step, SmsOtpConfig.from(step),
                ProvisionedNumbers.of(over(realmValues, enrollmentConfig(realm))));
    }

    /**
     * A login step's settings as written (its senders read their own from them) and as the step
     * reads them, and the realm's provisioned numbers.
     */
    public record LoginStepSettings(ConfigReader values, SmsOtpConfig step, ProvisionedNumbers provisioned) {
    }

    private static ConfigReader over(Map<String, String> realmValues, Map<String, String> override) {
        Map<String, String> values = new HashMap<>(realmValues);
        if (override != null) {
            override.forEach((key, value) -> {
                if (value != null && !value.isBlank()) {
                    values.put(key, value);
                }
            });
        }
        return ConfigReader.of(values);
    }

    /** The enrollment action's own config (empty where it has none). */
    public static Map<String, String> enrollmentConfig(RealmModel realm) {
        RequiredActionConfigModel config = realm.getRequiredActionConfigByAlias(ENROLLMENT_ACTION);
        return config == null ? Map.of() : config.getConfig();
    }

    /** The realm's SMS settings as saved in the tab; empty when the realm has none. */
    public static Map<String, String> realmValues(RealmModel realm) {
        return component(realm).map(SmsSettings::values).orElse(Map.of());
    }

    /** The realm component that holds the settings, once saved. */
    public static Optional<ComponentModel> component(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), UiTabProvider.class.getName())
                .filter(component -> COMPONENT_ID.equals(component.getProviderId())).findFirst();
    }

    /** A component's config with one value per key (the form stores single values as lists). */
    public static Map<String, String> values(ComponentModel component) {
        Map<String, String> values = new HashMap<>();
        component.getConfig().forEach((key, list) -> {
            List<String> present = list == null ? List.of() : list.stream().filter(v -> v != null).toList();
            if (!present.isEmpty()) {
                values.put(key, present.get(0));
            }
        });
        return values;
    }
}
