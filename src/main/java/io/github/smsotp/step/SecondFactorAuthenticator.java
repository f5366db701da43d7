package io.github.smsotp.step;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.credential.PhoneSource;
import io.github.smsotp.credential.SmsOtpCredentialProvider;
import io.github.smsotp.events.SmsOtpEvents;
import io.github.smsotp.settings.SettingsRegistry;
import io.github.smsotp.settings.SmsSettings;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.CredentialValidator;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The SMS second factor as Keycloak sees it wherever it runs (a browser flow, the direct grant): a
 * step for a user the flow has identified, configured where a number reaches the user, validating
 * the SMS credential. It opens the code step for a request: the settings read once (the execution's
 * own over the realm's), the user's number, then the step; every call goes downwards. A user
 * without a usable number gets an error and no step.
 */
public abstract class SecondFactorAuthenticator implements Authenticator, CredentialValidator<SmsOtpCredentialProvider> {

    private static final Logger LOG = Logger.getLogger(SecondFactorAuthenticator.class);

    private final Clock clock;

    protected SecondFactorAuthenticator(Clock clock) {
        this.clock = clock;
    }

    /** @param trustAllowed whether this request may honour or issue a trusted browser */
    protected Optional<SmsOtpStep> open(SecondFactorContext context, boolean trustAllowed) {
        context.event().user(context.user());
        SmsSettings.LoginStepSettings settings;
        Optional<String> phone;
        try {
            settings = SmsSettings.forLoginStep(context.realm(), stepConfig(context.flow, trustAllowed));
            phone = new PhoneSource(settings.provisioned()).destination(context.user());
        } catch (InvalidConfigException e) {
            SmsOtpStep.showUnavailable(context, e);
            return Optional.empty();
        }
        if (phone.isEmpty()) {
            LOG.warnf("SMS step in realm '%s': user '%s' has no verified number and no usable provisioned one",
                    context.realm().getName(), context.user().getId());
            context.event().error(SmsOtpEvents.NO_PHONE);
            context.show(context.channel().errorPage("smsOtpNoPhone"));
            return Optional.empty();
        }
        return SmsOtpStep.open(context, settings.step(), settings.values(), phone.get(), clock, CodePurpose.SIGN_IN);
    }

    /** The execution's config, with trusted browsers off where they are not allowed. */
    private static Map<String, String> stepConfig(AuthenticationFlowContext flow, boolean trustAllowed) {
        AuthenticatorConfigModel model = flow.getAuthenticatorConfig();
        Map<String, String> config = model == null ? new HashMap<>() : new HashMap<>(model.getConfig());
        if (!trustAllowed) {
            config.put(SettingsRegistry.TRUST_BROWSER_DAYS.key(), "0");
        }
        return config;
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    /** Configured: a verified number, or a provisioned one the realm trusts as enrolled. */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return PhoneSource.reachable(realm, user);
    }

    @Override
    public SmsOtpCredentialProvider getCredentialProvider(KeycloakSession session) {
        return (SmsOtpCredentialProvider) session.getProvider(CredentialProvider.class,
                SmsOtpCredentialProvider.PROVIDER_ID);
    }

    @Override
    public void close() {
        // stateless
    }
}
