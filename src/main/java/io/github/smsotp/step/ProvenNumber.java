package io.github.smsotp.step;

import io.github.smsotp.limits.LimitKeys;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The number a user proved with a code earlier in this same login (this tab's authentication
 * session). A flow may hold more than one SMS step: phone sign-in, then a second factor; or the step
 * of a low level of authentication, then a higher level's. The later ones take the proof already
 * given instead of sending a second code; they would otherwise find this login's send history and
 * wait for a resend. A new login starts with no proof.
 */
public final class ProvenNumber {

    static final String NOTE = "sms-otp.proven";

    private ProvenNumber() {
    }

    /** Records that {@code user} proved {@code number} in this login. */
    public static void record(AuthenticationSessionModel authSession, UserModel user, String number) {
        authSession.setAuthNote(NOTE, proof(user, number));
    }

    /** Whether {@code user} proved {@code number} earlier in this login. */
    public static boolean inThisLogin(AuthenticationSessionModel authSession, UserModel user, String number) {
        String recorded = authSession.getAuthNote(NOTE);
        return recorded != null && recorded.equals(proof(user, number));
    }

    private static String proof(UserModel user, String number) {
        return user.getId() + ":" + LimitKeys.digest(number);
    }
}
