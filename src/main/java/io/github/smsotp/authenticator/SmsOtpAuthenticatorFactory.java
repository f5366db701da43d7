package io.github.smsotp.authenticator;

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
 * "SMS one-time code" in the admin console's list of authenticators. Its optional config lists the
 * step's own settings, a choice of every installed sender, and each sender's settings, each an
 * override of the realm's SMS settings for this execution.
 */
public class SmsOtpAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "sms-otp-code";

    private static final SmsOtpAuthenticator AUTHENTICATOR = new SmsOtpAuthenticator(Clock.systemUTC());

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
        // per-realm settings only; senders take the server-wide ones
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Senders are known only once every factory is loaded, third-party ones included.
        properties = StepProperties.asOverrides(StepProperties.of(factory));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "SMS one-time code";
    }

    @Override
    public String getReferenceCategory() {
        return "sms-otp";
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
        return true;
    }

    @Override
    public String getHelpText() {
        return "Sends a one-time code by SMS to the user's verified mobile number and asks for it.";
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
