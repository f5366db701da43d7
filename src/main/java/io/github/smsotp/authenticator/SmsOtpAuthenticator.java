package io.github.smsotp.authenticator;

import java.time.Clock;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The SMS code step. Sends a code on first arrival only; page reloads and re-posts show the
 * page without sending. Wrong and expired codes are failures Keycloak's brute-force detector
 * counts; resends, cooldowns, limits and send failures are plain challenges. Nothing but the
 * right code lets the user through: a failed send leaves them on a page that offers to try again.
 */
public class SmsOtpAuthenticator implements Authenticator {

    static final String FIELD_RESEND = "resend";

    private final Clock clock;

    public SmsOtpAuthenticator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Optional<SmsOtpStep> opened = SmsOtpStep.open(context, clock);
        if (opened.isEmpty()) {
            return;
        }
        SmsOtpStep step = opened.get();
        if (step.store.history().attempts() > 0) {
            // A reload or a return to this step: it never sends another (paid) SMS by itself.
            context.challenge(step.page(false, form -> { }));
            return;
        }
        new CodeDelivery(step).deliver();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        Optional<SmsOtpStep> opened = SmsOtpStep.open(context, clock);
        if (opened.isEmpty()) {
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey(FIELD_RESEND)) {
            new CodeDelivery(opened.get()).deliver();
        } else {
            new CodeVerification(opened.get()).verify(form.getFirst(CodeVerification.FIELD_CODE));
        }
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    /**
     * Keycloak asks this without the execution's config, so it cannot know which attribute holds
     * the number; the step itself checks and shows a clear page when the number is missing.
     */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // Enrollment of a number is not offered by this step.
    }

    @Override
    public void close() {
        // stateless
    }
}
