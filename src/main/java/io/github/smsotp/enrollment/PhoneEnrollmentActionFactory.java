package io.github.smsotp.enrollment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.github.smsotp.credential.PhoneSource;
import io.github.smsotp.credential.SmsOtpCredentialProvider;
import io.github.smsotp.step.StepProperties;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** "Verify mobile number (SMS)" among the realm's required actions; configurable like the SMS step. */
public class PhoneEnrollmentActionFactory implements RequiredActionFactory {

    private static final PhoneEnrollmentAction ACTION = new PhoneEnrollmentAction(Clock.systemUTC());

    private List<ProviderConfigProperty> properties = List.of();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return ACTION;
    }

    @Override
    public void init(Config.Scope config) {
        // per-realm settings only
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        List<ProviderConfigProperty> list = new ArrayList<>(RequiredActionFactory.getMaxAuthAgePropertyConfig());
        list.addAll(ProviderConfigurationBuilder.create()
                .property().name(PhoneSource.ATTRIBUTE).type(ProviderConfigProperty.STRING_TYPE)
                .label("Provisioned number attribute").defaultValue(PhoneSource.DEFAULT_ATTRIBUTE)
                .helpText("User attribute where an admin or a directory (LDAP, SCIM) puts numbers, in "
                        + "international format. Make it read-only for users in the user profile.")
                .add()
                .property().name(PhoneSource.PROVISIONED).type(ProviderConfigProperty.LIST_TYPE)
                .label("Provisioned numbers").options("off", "verify", "trust").defaultValue("off")
                .helpText("off: ignore the attribute; verify: offer its number for enrollment and confirm it "
                        + "with a code first; trust: use it as enrolled, without a first code.")
                .add()
                .property().name(EnrollmentSettings.DEFAULT_REGION).type(ProviderConfigProperty.STRING_TYPE)
                .label("Default region")
                .helpText("ISO 3166 region (e.g. US, DE) for numbers typed without +country code. Empty: "
                        + "international format only.")
                .add()
                .property().name(EnrollmentSettings.MOBILE_ONLY).type(ProviderConfigProperty.BOOLEAN_TYPE)
                .label("Mobile numbers only").defaultValue("false")
                .helpText("Refuse numbers the numbering plan marks as fixed lines.")
                .add()
                .build());
        list.addAll(StepProperties.of(factory));
        properties = List.copyOf(list);
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String getId() {
        return SmsOtpCredentialProvider.ENROLLMENT_ACTION;
    }

    @Override
    public String getDisplayText() {
        return "Verify mobile number (SMS)";
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
