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
 * "SMS code to the account's number" in the admin console: a step of the reset-credentials flow after
 * "Choose user", instead of the e-mail link, as its alternative ("Try another way"), or in addition
 * to it. The login pages name it with the message keys {@code sms-otp-reset-code-display-name} and
 * {@code -help-text}.
 */
public class ResetCodeAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "sms-otp-reset-code";

    private static final ResetCodeAuthenticator AUTHENTICATOR = new ResetCodeAuthenticator(Clock.systemUTC());

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
        return "SMS code to the account's number";
    }

    @Override
    public String getReferenceCategory() {
        return "sms-otp-reset-code";
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
        return "For password reset: sends a code by SMS to the verified mobile number of the account the "
                + "user named. Unknown accounts get the same page and no SMS.";
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
