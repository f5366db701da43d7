package io.github.smsotp.step;

import java.util.List;

import io.github.smsotp.provider.StatelessFactory;
import io.github.smsotp.settings.Setting.Place;
import io.github.smsotp.settings.SettingsForm;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * What every authenticator that runs the code step offers the admin console: Required, Alternative
 * or Disabled, and an optional config that lists the step's settings, a choice of every installed
 * sender and each sender's settings, each an override of the realm's SMS settings for this execution.
 * Subclasses name the step and hand over their (stateless) authenticator.
 */
public abstract class SmsStepAuthenticatorFactory implements AuthenticatorFactory, StatelessFactory<Authenticator> {

    private static final Requirement[] REQUIREMENTS = {
            Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED
    };

    /**
     * What the admin console shows of a step.
     *
     * @param id              the provider id
     * @param displayType     its name in the list of steps
     * @param category        its reference category (Keycloak's brute-force detection reads it)
     * @param helpText        its help text
     * @param userSetupAllowed whether a user without a number may set one up from it
     */
    public record Listing(String id, String displayType, String category, String helpText,
                             boolean userSetupAllowed) {
    }

    private final Listing listing;
    private final Authenticator authenticator;
    private List<ProviderConfigProperty> properties = List.of();

    protected SmsStepAuthenticatorFactory(Listing listing, Authenticator authenticator) {
        this.listing = listing;
        this.authenticator = authenticator;
    }

    @Override
    public String getId() {
        return listing.id();
    }

    @Override
    public String getDisplayType() {
        return listing.displayType();
    }

    @Override
    public String getReferenceCategory() {
        return listing.category();
    }

    @Override
    public String getHelpText() {
        return listing.helpText();
    }

    @Override
    public boolean isUserSetupAllowed() {
        return listing.userSetupAllowed();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return authenticator;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Senders are known only once every factory is loaded, third-party ones included.
        properties = SettingsForm.of(Place.EXECUTION, factory);
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
    public List<ProviderConfigProperty> getConfigProperties() {
        return properties;
    }

}
