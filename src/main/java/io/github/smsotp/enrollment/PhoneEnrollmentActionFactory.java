package io.github.smsotp.enrollment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.github.smsotp.provider.StatelessFactory;
import io.github.smsotp.settings.EnrollmentSettings;
import io.github.smsotp.settings.SmsSettings;
import io.github.smsotp.step.StepProperties;
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
        List<ProviderConfigProperty> settings = new ArrayList<>(EnrollmentSettings.properties());
        settings.addAll(StepProperties.of(factory));
        // Every setting but the re-authentication age is one of the realm's SMS settings.
        list.addAll(StepProperties.asOverrides(settings));
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
