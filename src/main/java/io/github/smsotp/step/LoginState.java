package io.github.smsotp.step;

import java.util.Optional;

import io.github.smsotp.challenge.AuthSessionNotes;
import io.github.smsotp.challenge.ChallengeNotes;
import io.github.smsotp.challenge.ChallengeStore;
import io.github.smsotp.limits.LimitKeys;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Everything the SMS steps keep in one login: in a browser, the tab's authentication-session notes
 * (replicated to every node, gone with the login); where the login keeps no session between requests
 * (an app's token requests), notes the entry point keeps elsewhere. One class owns every note's name,
 * so what a login carries is read in one file: the code's challenge and send history, the number to
 * confirm or to sign in with, the sender of the latest SMS, the channel the user chose, the send whose
 * receipts the page may show,
 * and the number the user proved earlier in this login.
 */
public final class LoginState {

    private static final String PENDING_NUMBER = "sms-otp.enroll.phone";
    private static final String SIGN_IN_NUMBER = "sms-otp.sign-in.phone";
    private static final String SENDER = "sms-otp.sender";
    private static final String CHANNEL = "sms-otp.channel";
    private static final String TRACKED_SEND = "sms-otp.tracked-send";
    private static final String PROVEN = "sms-otp.proven";

    private final ChallengeNotes notes;
    private final String binding;

    private LoginState(ChallengeNotes notes, String binding) {
        this.notes = notes;
        this.binding = binding;
    }

    /** A browser tab's login. */
    public static LoginState of(AuthenticationSessionModel authSession) {
        return new LoginState(new AuthSessionNotes(authSession),
                authSession.getParentSession().getId() + "/" + authSession.getTabId());
    }

    /**
     * A login kept in {@code notes}.
     *
     * @param binding names the login, and nothing but it: every code is hashed with it, so a code
     *                is worthless in any other login
     */
    public static LoginState of(ChallengeNotes notes, String binding) {
        return new LoginState(notes, binding);
    }

    /** What names this login in its codes' hashes. */
    String binding() {
        return binding;
    }

    /** One note of the login: read, written, forgotten. */
    public final class Note {

        private final String name;

        private Note(String name) {
            this.name = name;
        }

        public Optional<String> get() {
            return Optional.ofNullable(notes.get(name));
        }

        public void set(String value) {
            notes.set(name, value);
        }

        public void forget() {
            notes.remove(name);
        }
    }

    /** The code's challenge (its hash, expiry and attempts) and the login's send history. */
    ChallengeStore challenge() {
        return new ChallengeStore(notes);
    }

    /** The number this login is to confirm next: typed on the enrollment page, or at registration. */
    public Note pendingNumber() {
        return new Note(PENDING_NUMBER);
    }

    /** The number typed on the phone sign-in page, in E.164. */
    public Note signInNumber() {
        return new Note(SIGN_IN_NUMBER);
    }

    /** The sender (or route) that took the latest SMS, for the events that follow. */
    Note sender() {
        return new Note(SENDER);
    }

    /** The channel the user chose for this login's codes ("Send by SMS instead"); none: the step's first. */
    Note channel() {
        return new Note(CHANNEL);
    }

    /**
     * The id of the latest SMS whose receipts the page may show: only one sent within the request.
     * Where the pages must not tell a known number from an unknown one, no page learns of a receipt.
     */
    public Note trackedSend() {
        return new Note(TRACKED_SEND);
    }

    /**
     * Records that {@code user} proved {@code number} with a code in this login. A flow may hold more
     * than one SMS step (phone sign-in, then a second factor; a low level's step, then a higher
     * one's): the later ones take the proof instead of sending a second code, which would otherwise
     * find this login's send history and wait for a resend. A new login starts with no proof.
     */
    public void proven(UserModel user, String number) {
        new Note(PROVEN).set(proof(user, number));
    }

    /** Whether {@code user} proved {@code number} earlier in this login. */
    public boolean provenBefore(UserModel user, String number) {
        return new Note(PROVEN).get().map(recorded -> recorded.equals(proof(user, number))).orElse(false);
    }

    private static String proof(UserModel user, String number) {
        return user.getId() + ":" + LimitKeys.digest(number);
    }
}
