package io.github.smsotp.reset;

import java.time.Clock;
import java.util.Optional;

import io.github.smsotp.limits.KeycloakLockout;
import io.github.smsotp.step.BrowserOnly;
import io.github.smsotp.step.CodePurpose;
import io.github.smsotp.step.SmsOtpStep;
import io.github.smsotp.userless.EntrySettings;
import io.github.smsotp.userless.EvenTiming;
import io.github.smsotp.userless.SignInRecipients;
import io.github.smsotp.userless.UserlessStep;
import io.github.smsotp.userless.UserlessStepContext;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.models.UserModel;

/**
 * The code step of "Forgot password?", after the user named an account: a code to the account's
 * verified number, then Keycloak's new-password page. Whoever typed an unknown name, or the name of
 * an account without a usable number, gets the same code page, which names no number, and no SMS;
 * as with Keycloak's e-mail link, the page never tells whether the account exists.
 */
public class ResetCodeAuthenticator extends UserlessStep implements Authenticator {

    private final Clock clock;

    ResetCodeAuthenticator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (BrowserOnly.answeredTokenRequest(context)) {
            return;
        }
        EvenTiming timing = new EvenTiming();
        step(context).ifPresent(SmsOtpStep::arrive);
        timing.await();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        EvenTiming timing = new EvenTiming();
        step(context).ifPresent(step -> step.answer(context.getHttpRequest().getDecodedFormParameters()));
        timing.await();
    }

    private Optional<SmsOtpStep> step(AuthenticationFlowContext context) {
        Optional<EntrySettings> settings = EntrySettings.of(context);
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        // Keycloak's pages show the user's name above the form only when it found the user; with this
        // note they show the name as typed, found or not.
        context.getAuthenticationSession().setAuthNote(AbstractUsernameFormAuthenticator.USERNAME_HIDDEN, "true");
        UserModel user = context.getUser();
        Optional<String> number = SignInRecipients.numberOf(context, settings.get(), user);
        // A decoy's code and limits are bound to the name typed, as a real one's are to the number.
        String destination = number.orElseGet(() -> "reset:" + context.getAuthenticationSession()
                .getAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME));
        UserlessStepContext stepContext = new UserlessStepContext(context, number.map(n -> user), destination,
                proven -> context.success(KeycloakLockout.CATEGORY));
        return SmsOtpStep.open(stepContext, settings.get().typed().reader(), destination, clock, CodePurpose.PASSWORD_RESET);
    }
}
