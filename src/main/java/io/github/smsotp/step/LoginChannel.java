package io.github.smsotp.step;

import io.github.smsotp.settings.SmsOtpConfig;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.UserModel;

/**
 * How a login's code step answers, and where it keeps what it needs between requests: a browser's
 * pages and the tab's authentication session ({@link BrowserPages}), or an app's token requests,
 * which Keycloak answers without a session. The step decides what to say; the channel says it.
 */
public interface LoginChannel {

    /**
     * What the step keeps between this login's requests.
     *
     * @param config the code's settings, for how long a channel that keeps the state itself must keep it
     */
    LoginState state(SmsOtpConfig config);

    /** The code's state as {@code page} describes it, with what the step says besides. */
    Response codePage(CodePageBean page, Notice notice);

    /** An answer that ends the step with the message {@code key}: nothing in it can be tried again. */
    Response errorPage(String key);

    /** {@code user} proved {@code phone} with a code in this login. */
    void proven(UserModel user, String phone);

    /**
     * Whether a code submitted where this login has none pending counts as a wrong code for the
     * lockouts. Where anyone may open a login for any number (phone sign-in by API), such a code
     * proves nothing, can never be right, and must not lock the number's holder out.
     */
    default boolean missingCodeCounts() {
        return true;
    }

    /**
     * Whether the answer waits for the gateway and says whether the code went out: only where nothing
     * could learn of a failed send later (an app's token request has no page that asks).
     */
    default boolean waitsForTheSend() {
        return false;
    }
}
