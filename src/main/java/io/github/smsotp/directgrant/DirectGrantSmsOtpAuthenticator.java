package io.github.smsotp.directgrant;

import java.time.Clock;

import io.github.smsotp.step.SecondFactorAuthenticator;
import io.github.smsotp.step.SecondFactorContext;
import org.keycloak.authentication.AuthenticationFlowContext;
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
public class DirectGrantSmsOtpAuthenticator extends SecondFactorAuthenticator {

    public DirectGrantSmsOtpAuthenticator(Clock clock) {
        super(clock);
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        SecondFactorContext stepContext = new SecondFactorContext(context,
                new TokenRequestChannel(context, "user/" + context.getUser().getId()));
        // A token request has no browser to trust.
        open(stepContext, false).ifPresent(step -> step.answerTokenRequest(
                context.getHttpRequest().getDecodedFormParameters().getFirst(GrantAnswers.PARAMETER)));
    }

    /** The direct grant answers in one request: Keycloak never comes back with a form. */
    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    /**
     * Configured for every user: a user without a number gets {@code 400 sms_otp_no_number} from the
     * step, where Keycloak would answer a step that is not configured, and cannot be set up in a token
     * request, with an exception (HTTP 500). So "Condition - user configured" counts this step as
     * configured for everyone (docs/NATIVE-APPS.md says so).
     */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    /** An app cannot show the enrollment page: a user without a number sets one up in a browser. */
    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // nothing to add
    }
}
