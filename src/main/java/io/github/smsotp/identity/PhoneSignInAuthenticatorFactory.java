package io.github.smsotp.identity;

import java.time.Clock;
import java.util.List;

import io.github.smsotp.step.StepProperties;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * "Phone number and SMS code" in the admin console: a first step of a browser flow, alone or as an
 * alternative to username and password (users reach it with "Try another way"). The login pages
 * name it with the message keys {@code sms-otp-phone-login-display-name} and {@code -help-text}.
 */
public class PhoneSignInAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "sms-otp-phone-login";

    private static final PhoneSignInAuthenticator AUTHENTICATOR = new PhoneSignInAuthenticator(Clock.systemUTC());

    private static final Requirement[] REQUIREMENTS = {
            Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED
    };

    private List<ProviderConfigProperty> properties = List.of();

    @Override
    public Authenticator create(KeycloakSession session) {
        return AUTHENTICATOR;
    }

    @Override
    public void init(Config.Scope config) {
        // per-realm settings only
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        properties = StepProperties.asOverrides(StepProperties.of(factory));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Phone number and SMS code";
    }

    @Override
    public String getReferenceCategory() {
        return "sms-otp-phone-login";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public String getHelpText() {
        return "Signs users in with their verified mobile number and a code sent to it by SMS, without a "
                + "password. Unknown numbers get the same pages and no SMS.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return properties;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
