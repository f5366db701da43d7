package io.github.smsotp.admin;

import java.util.List;
import java.util.Map;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.settings.EnrollmentSettings;
import io.github.smsotp.settings.Setting.Place;
import io.github.smsotp.settings.SettingsForm;
import io.github.smsotp.settings.SmsSettings;
import io.github.smsotp.step.SmsOtpStep;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiTabProvider;
import org.keycloak.services.ui.extend.UiTabProviderFactory;

/**
 * Realm settings -> SMS in the admin console: every SMS setting that is the same for the whole
 * realm, saved as a realm component (so realm exports carry it). Login, enrollment and every other
 * entry point read it through {@link SmsSettings}. A value is checked when saved, by the same code
 * that checks it when used.
 */
public class SmsSettingsTab implements UiTabProvider, UiTabProviderFactory<ComponentModel> {

    private List<ProviderConfigProperty> properties = List.of();

    @Override
    public String getId() {
        return SmsSettings.COMPONENT_ID;
    }

    @Override
    public String getHelpText() {
        return "SMS one-time codes: sender, codes, limits and enrollment for the whole realm. A flow "
                + "execution's or the enrollment action's own config overrides a value for that place only.";
    }

    @Override
    public String getPath() {
        return "/:realm/realm-settings/:tab?";
    }

    @Override
    public Map<String, String> getParams() {
        return Map.of("tab", "sms");
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return properties;
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        try {
            Map<String, String> values = SmsSettings.values(model);
            check(session, values);
            // Called before the stored component changes: the realm still answers with the saved settings.
            ComponentModel before = model.getId() == null ? null : realm.getComponent(model.getId());
            KeptSecrets.check(session, names(session.getKeycloakSessionFactory(), values),
                    before == null ? Map.of() : SmsSettings.values(before), values);
        } catch (InvalidConfigException e) {
            // Keycloak formats the message with MessageFormat, where an apostrophe quotes: double it to keep it.
            throw new ComponentValidationException(e.getMessage().replace("'", "''"));
        }
    }

    /**
     * Checks the realm's settings as login and enrollment will use them.
     *
     * @throws InvalidConfigException naming the first bad key
     */
    static void check(KeycloakSession session, Map<String, String> values) {
        ConfigReader settings = ConfigReader.of(values);
        EnrollmentSettings.of(settings);
        SmsOtpStep.check(session, settings);
    }

    /**
     * What each key of {@code values} is, its routes' copies of sender settings included.
     *
     * @throws InvalidConfigException when {@code routes} is unreadable
     */
    static SettingNames names(KeycloakSessionFactory factory, Map<String, String> values) {
        return SettingNames.of(properties(factory), values);
    }

    /** The tab's form: every setting of the realm, with every installed sender's. */
    static List<ProviderConfigProperty> properties(KeycloakSessionFactory factory) {
        return SettingsForm.of(Place.REALM_TAB, factory);
    }

    @Override
    public void init(Config.Scope config) {
        // realm settings only
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Senders are known only once every factory is loaded, third-party ones included.
        properties = properties(factory);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
