package io.github.smsotp.directgrant;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.github.smsotp.credential.PhoneSource;
import io.github.smsotp.credential.SmsOtpCredentialProvider;
import io.github.smsotp.settings.SettingsRegistry;
import io.github.smsotp.step.SecondFactor;
import io.github.smsotp.step.SecondFactorContext;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.CredentialValidator;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The SMS second factor in the direct grant flow, after username and password: a first-party app's
 * token request without a code sends one and answers 401 {@code sms_otp_required}; the same request
 * with {@value GrantAnswers#PARAMETER} checks it and lets Keycloak issue the tokens. Every rule of the
 * browser step holds (tries per code, cooldown, the per-login cap, the send limits, both lockouts,
 * events); there is no page, and no browser to trust.
 */
public class DirectGrantSmsOtpAuthenticator implements Authenticator, CredentialValidator<SmsOtpCredentialProvider> {

    private final Clock clock;

    public DirectGrantSmsOtpAuthenticator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        String code = context.getHttpRequest().getDecodedFormParameters().getFirst(GrantAnswers.PARAMETER);
        SecondFactorContext stepContext = new SecondFactorContext(context,
                new TokenRequestChannel(context, "user/" + context.getUser().getId()));
        SecondFactor.open(stepContext, stepConfig(context), clock).ifPresent(step -> {
            if (code == null || code.isBlank()) {
                // A request without a code asks for one: a repeat within the cooldown sends nothing.
                step.deliver();
            } else {
                step.verify(code);
            }
        });
    }

    /** The direct grant answers in one request: Keycloak never comes back with a form. */
    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return PhoneSource.reachable(realm, user);
    }

    /** An app cannot show the enrollment page: a user without a number sets one up in a browser. */
    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // nothing to add
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

    /** The execution's config, with trusted browsers off: a token request has no browser to trust. */
    private static Map<String, String> stepConfig(AuthenticationFlowContext context) {
        AuthenticatorConfigModel model = context.getAuthenticatorConfig();
        Map<String, String> config = model == null ? new HashMap<>() : new HashMap<>(model.getConfig());
        config.put(SettingsRegistry.TRUST_BROWSER_DAYS.key(), "0");
        return config;
    }
}
