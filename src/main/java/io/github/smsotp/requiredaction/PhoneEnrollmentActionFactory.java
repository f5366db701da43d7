package io.github.smsotp.requiredaction;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.github.smsotp.provider.StatelessFactory;
import io.github.smsotp.settings.Setting.Place;
import io.github.smsotp.settings.SettingsForm;
import io.github.smsotp.settings.SmsSettings;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * "Verify mobile number (SMS)" among the realm's required actions. Its config overrides the realm's
 * SMS settings for enrollment only.
 */
public class PhoneEnrollmentActionFactory implements RequiredActionFactory, StatelessFactory<RequiredActionProvider> {

    static final String DISPLAY_TEXT = "Verify mobile number (SMS)";

    private static final PhoneEnrollmentAction ACTION = new PhoneEnrollmentAction(Clock.systemUTC());

    private List<ProviderConfigProperty> properties = List.of();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return ACTION;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        List<ProviderConfigProperty> list = new ArrayList<>(RequiredActionFactory.getMaxAuthAgePropertyConfig());
        // Every setting but the re-authentication age is one of the realm's SMS settings.
        list.addAll(SettingsForm.of(Place.ENROLLMENT_ACTION, factory));
        properties = List.copyOf(list);
        factory.register(new NewRealmEnrollment());
    }

    @Override
    public String getId() {
        return SmsSettings.ENROLLMENT_ACTION;
    }

    @Override
    public String getDisplayText() {
        return DISPLAY_TEXT;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return properties;
    }
}
