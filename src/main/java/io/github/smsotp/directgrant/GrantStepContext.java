package io.github.smsotp.directgrant;

import java.time.Duration;

import io.github.smsotp.challenge.SingleUseNotes;
import io.github.smsotp.settings.SmsOtpConfig;
import io.github.smsotp.step.CodePageBean;
import io.github.smsotp.step.LoginState;
import io.github.smsotp.step.Notice;
import io.github.smsotp.step.SecondFactorContext;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;

/**
 * The second factor in an app's token requests. Keycloak keeps no session between two token
 * requests, so what the step keeps (the code's hash, its tries, the send history) lives in Keycloak's
 * single-use store under the realm, the client and the user: every node reads it, no other client or
 * user finds it, and it is gone with the code (or the resend cooldown, if longer). Codes are hashed
 * with the client and the user, so a code is worth nothing in another client's or user's request.
 * Every answer is JSON in Keycloak's error format ({@link GrantAnswers}).
 */
final class GrantStepContext extends SecondFactorContext {

    private SingleUseNotes notes;

    GrantStepContext(AuthenticationFlowContext flow) {
        super(flow);
    }

    @Override
    public LoginState loginState(SmsOtpConfig config) {
        String login = flow.getRealm().getId() + "/" + flow.getAuthenticationSession().getClient().getId()
                + "/" + flow.getUser().getId();
        Duration keepFor = config.codeLifetime().compareTo(config.resendCooldown()) >= 0
                ? config.codeLifetime() : config.resendCooldown();
        notes = new SingleUseNotes(session(), "sms-otp:grant:" + login, keepFor);
        return LoginState.of(notes, "grant/" + login);
    }

    /** The sign-in is over: the next one starts with a new send history. */
    @Override
    protected void remember(String phone) {
        notes.clear();
    }

    @Override
    public Response codePage(CodePageBean page, Notice notice) {
        return GrantAnswers.codeState(page, notice);
    }

    @Override
    public Response errorPage(String key) {
        return GrantAnswers.error(key);
    }
}
