package io.github.smsotp.directgrant;

import java.time.Duration;

import io.github.smsotp.challenge.SingleUseNotes;
import io.github.smsotp.limits.LimitKeys;
import io.github.smsotp.settings.SmsOtpConfig;
import io.github.smsotp.step.CodePageBean;
import io.github.smsotp.step.LoginChannel;
import io.github.smsotp.step.LoginState;
import io.github.smsotp.step.Notice;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/**
 * The channel of an app's token requests. Keycloak keeps no session between two of them, so what the
 * step keeps (the code's hash, its tries, the send history) lives in Keycloak's single-use store
 * under the realm, the client and whom the code is for: every node reads it, no other client or
 * user finds it, and it is gone with the code (or the resend cooldown, if longer), or once the code
 * was right. Codes are hashed with the client and the subject, so a code is worth nothing in another
 * client's or user's request. Every answer is JSON in Keycloak's error format ({@link GrantAnswers}).
 */
final class TokenRequestChannel implements LoginChannel {

    private final AuthenticationFlowContext flow;
    private final String login;
    /** The handle that names this login in the app's requests; null where the subject alone does. */
    private final String handle;
    private SingleUseNotes notes;

    /**
     * @param subject whom the codes are for, within the realm and the client: a user, or a number;
     *                null for a channel that only answers (before the number is known)
     */
    TokenRequestChannel(AuthenticationFlowContext flow, String subject) {
        this(flow, subject, null);
    }

    /**
     * A login that the app names with {@code handle} in its requests, besides the subject: the app
     * that asked for the code, and no other, finds it.
     */
    TokenRequestChannel(AuthenticationFlowContext flow, String subject, String handle) {
        this.flow = flow;
        this.handle = handle;
        this.login = subject == null ? null : flow.getRealm().getId() + "/"
                + flow.getAuthenticationSession().getClient().getId() + "/" + subject
                + (handle == null ? "" : "/" + LimitKeys.digest(handle));
    }

    @Override
    public LoginState state(SmsOtpConfig config) {
        if (login == null) {
            throw new IllegalStateException("a channel without a subject keeps no state");
        }
        Duration keepFor = config.codeLifetime().compareTo(config.resendCooldown()) >= 0
                ? config.codeLifetime() : config.resendCooldown();
        notes = new SingleUseNotes(flow.getSession(), "sms-otp:grant:" + login, keepFor);
        return LoginState.of(notes, "grant/" + login);
    }

    @Override
    public Response codePage(CodePageBean page, Notice notice) {
        return GrantAnswers.codeState(page, notice, handle);
    }

    @Override
    public Response errorPage(String key) {
        return GrantAnswers.error(key);
    }

    /** Where the app names the login with a handle, anyone may open one: a missing code counts for nothing. */
    @Override
    public boolean missingCodeCounts() {
        return handle == null;
    }

    /** An app has no page that could learn of a failed send later: the answer says it. */
    @Override
    public boolean waitsForTheSend() {
        return true;
    }

    /** The sign-in is over: the next one starts with a new send history. */
    @Override
    public void proven(UserModel user, String phone) {
        notes.clear();
    }
}
