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

    /** An app cannot show the enrollment page: a user without a number sets one up in a browser. */
    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // nothing to add
    }
}
