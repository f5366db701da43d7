package io.github.smsotp.directgrant;

import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.smsotp.limits.LimitKeys;
import io.github.smsotp.settings.EnrollmentSettings;
import io.github.smsotp.step.NumberRefusal;
import io.github.smsotp.userless.EntrySettings;
import io.github.smsotp.userless.EvenTiming;
import io.github.smsotp.userless.PhoneSignInStep;
import io.github.smsotp.userless.SignInRecipients;
import io.github.smsotp.userless.UserlessStep;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.UserModel;

/**
 * Phone sign-in in the direct grant flow, as the flow's only step or as an alternative before a
 * subflow of username and password (a request without a number goes on to it): an app's token request with
 * {@value #PARAMETER_PHONE} asks for a code and answers 401 {@code sms_otp_required}; the same request
 * with {@value GrantAnswers#PARAMETER} signs the number's holder in. Every number that parses gets the
 * same answers, in the same time, under the same limits: only a number that signs someone in gets an
 * SMS, sent after the answer, and a code that works.
 */
public class DirectGrantPhoneSignInAuthenticator extends UserlessStep implements Authenticator {

    /** The parameter an app sends the number in (the OpenID Connect claim's name). */
    static final String PARAMETER_PHONE = "phone_number";
    private static final int HANDLE_LENGTH = 32;
    /** What this step hands out; anything else starts a sign-in of its own. */
    private static final Pattern HANDLE_SHAPE = Pattern.compile("[A-Za-z0-9]{" + HANDLE_LENGTH + "}");

    private final Clock clock;

    DirectGrantPhoneSignInAuthenticator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> parameters = context.getHttpRequest().getDecodedFormParameters();
        String number = parameters.getFirst(PARAMETER_PHONE);
        if ((number == null || number.isBlank()) && anotherAlternativeFollows(context)) {
            // Another alternative's request (username and password): left to it, as Keycloak's cookie
            // step leaves a login without a session to the next alternative.
            context.attempted();
            return;
        }
        EvenTiming timing = new EvenTiming();
        EntrySettings.of(context, new TokenRequestChannel(context, null)).ifPresent(settings ->
                signIn(context, settings, number, parameters.getFirst(GrantAnswers.PARAMETER),
                        parameters.getFirst(GrantAnswers.HANDLE)));
        timing.await();
    }

    /**
     * @param handle the handle of an earlier answer: names the sign-in the code belongs to; a request
     *               without one starts a sign-in of its own, with a new handle
     */
    private void signIn(AuthenticationFlowContext context, EntrySettings settings, String input, String code,
                        String handle) {
        EnrollmentSettings.Result parsed = settings.typed().parse(input == null ? "" : input);
        if (parsed.error() != null) {
            NumberRefusal.report(context.getEvent(), parsed.reason(), parsed.refusedType());
            context.challenge(GrantAnswers.error(parsed.error()));
            return;
        }
        String number = parsed.number();
        Optional<UserModel> holder = SignInRecipients.byNumber(context, settings, number);
        if (holder.isEmpty() && (code == null || code.isBlank())) {
            PhoneSignInStep.reportUnknown(context, number);
        }
        // Keyed by the app's handle too: whoever else knows the number cannot touch this sign-in's code,
        // tries or cooldown. Every number gets a handle, and the limits count per number regardless.
        TokenRequestChannel channel = new TokenRequestChannel(context, "phone/" + LimitKeys.digest(number),
                handle != null && HANDLE_SHAPE.matcher(handle).matches() ? handle
                        : SecretGenerator.getInstance().randomString(HANDLE_LENGTH, SecretGenerator.ALPHANUM));
        PhoneSignInStep.open(context, settings, number, holder, clock, channel)
                .ifPresent(step -> step.answerTokenRequest(code));
    }

    /**
     * Whether this step is an alternative with another one after it. Where none follows, a request
     * without a number gets this step's own error: Keycloak would answer an attempt that nothing
     * after it completes with an exception (HTTP 500).
     */
    private static boolean anotherAlternativeFollows(AuthenticationFlowContext context) {
        AuthenticationExecutionModel own = context.getExecution();
        return own.isAlternative() && context.getRealm().getAuthenticationExecutionsStream(own.getParentFlow())
                .anyMatch(other -> other.isAlternative() && other.getPriority() > own.getPriority());
    }

    /** The direct grant answers in one request: Keycloak never comes back with a form. */
    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }
}
