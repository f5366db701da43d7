package io.github.smsotp.browser;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.github.smsotp.settings.SmsSettings;
import io.github.smsotp.step.BrowserOnly;
import io.github.smsotp.step.SecondFactorAuthenticator;
import io.github.smsotp.step.SecondFactorContext;
import io.github.smsotp.step.SmsOtpStep;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The SMS code step. Sends a code on first arrival only; page reloads and re-posts show the
 * page without sending. Wrong and expired codes are failures Keycloak's brute-force detector
 * counts; resends, cooldowns, limits and send failures are plain challenges. Nothing but the
 * right code lets the user through: a failed send leaves them on a page that offers to try again.
 * Users without a number are sent to the enrollment action where the admin allows user setup.
 */
public class SmsOtpAuthenticator extends SecondFactorAuthenticator {

    public SmsOtpAuthenticator(Clock clock) {
        super(clock);
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (BrowserOnly.answeredTokenRequest(context)) {
            return;
        }
        open(context).ifPresent(SmsOtpStep::arriveAsSecondFactor);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        open(context).ifPresent(step -> step.answer(context.getHttpRequest().getDecodedFormParameters()));
    }

    /** Trusted browsers are off where the login asks for a level they must not answer: no box, no cookie. */
    private Optional<SmsOtpStep> open(AuthenticationFlowContext context) {
        return open(new SecondFactorContext(context), !RequestedLevel.outranksTrust(context));
    }

    /**
     * User setup: enrollment joins this login only, as Keycloak's OTP form does. Nothing is stored on
     * the user, who has given only a password so far; a login abandoned here leaves no trace, and the
     * next one asks again because the user is still not configured.
     */
    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        if (!authSession.getRequiredActions().contains(SmsSettings.ENROLLMENT_ACTION)) {
            authSession.addRequiredAction(SmsSettings.ENROLLMENT_ACTION);
        }
    }

    /**
     * Named so that Keycloak offers user setup only while the enrollment action is registered and
     * enabled in the realm; otherwise a user without a number gets an error, never a way around the step.
     */
    @Override
    public List<RequiredActionFactory> getRequiredActions(KeycloakSession session) {
        return List.of((RequiredActionFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(RequiredActionProvider.class, SmsSettings.ENROLLMENT_ACTION));
    }
}
