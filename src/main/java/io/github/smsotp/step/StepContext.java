package io.github.smsotp.step;

import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionTask;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Where a code is sent and checked: the login step (an authentication flow) or the enrollment
 * (a required action). Each tells Keycloak about outcomes in its own terms.
 */
public interface StepContext {

    KeycloakSession session();

    RealmModel realm();

    /** The user the code proves; null where a number's holder is looked up and none may sign in with it. */
    UserModel user();

    /**
     * Whose sends and wrong codes the per-user limits and lockout count: the user, or for a number
     * nobody may sign in with, the number itself.
     */
    default String limitSubject() {
        return user().getId();
    }

    /** When the code goes to the gateway: by default after the page, which then says whether it went out. */
    default Dispatch dispatch() {
        return channel().waitsForTheSend() ? Dispatch.IN_REQUEST : Dispatch.REPORTED;
    }

    AuthenticationSessionModel authSession();

    /**
     * Runs {@code task} once this request's transaction has committed, off the request's thread, in a
     * session of its own: how a code leaves after its page is answered.
     */
    default void afterResponse(KeycloakSessionTask task) {
        CodeSend.onExecutor(session(), task);
    }

    /** How the step answers and where it keeps its state: by default, pages and the tab's session. */
    default LoginChannel channel() {
        return new BrowserPages(this);
    }

    EventBuilder event();

    LoginFormsProvider form();

    /** The client's address as Keycloak sees it (proxy headers applied). */
    String clientAddress();

    /** Shows a page and waits for the user. */
    void show(Response page);

    /** Shows a page after a wrong or expired code: a failure where the context counts failures. */
    void showFailure(AuthenticationFlowError error, Response page);

    /** Shows a page that must be shown even where Keycloak would otherwise move on (a refusal). */
    void showRefusal(Response page);

    /** A wrong code, reported to the realm's brute-force detection where that applies. */
    void reportWrongCode();

    /**
     * Lets the user through without a code: a second factor whose number this login proved already,
     * or whose browser the user trusts. Only a login flow's step does that.
     */
    default void pass() {
        throw new UnsupportedOperationException("only a login flow's step passes without a code");
    }

    /** The right code was entered: the user holds {@code phone}, the E.164 number it was sent to. */
    void succeed(String phone);

    /**
     * Whether Keycloak itself refuses this user (disabled, or locked by brute-force detection),
     * as the event error Keycloak's own forms use; null when not.
     */
    String refusedByKeycloak();
}
