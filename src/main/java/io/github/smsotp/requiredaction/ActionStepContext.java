package io.github.smsotp.requiredaction;

import java.util.function.Predicate;

import io.github.smsotp.step.StepContext;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The code step inside the enrollment action. The user has signed in already, so a wrong code
 * counts towards our own lockout but is no login failure; the right one stores the number.
 */
final class ActionStepContext implements StepContext {

    private final RequiredActionContext action;
    private final Predicate<String> onVerified;

    /** @param onVerified stores the confirmed number; false when it refused to, having shown why */
    ActionStepContext(RequiredActionContext action, Predicate<String> onVerified) {
        this.action = action;
        this.onVerified = onVerified;
    }

    @Override
    public KeycloakSession session() {
        return action.getSession();
    }

    @Override
    public RealmModel realm() {
        return action.getRealm();
    }

    @Override
    public UserModel user() {
        return action.getUser();
    }

    @Override
    public AuthenticationSessionModel authSession() {
        return action.getAuthenticationSession();
    }

    @Override
    public EventBuilder event() {
        return action.getEvent();
    }

    @Override
    public LoginFormsProvider form() {
        return action.form();
    }

    @Override
    public String clientAddress() {
        return action.getConnection().getRemoteAddr();
    }

    @Override
    public void show(Response page) {
        action.challenge(page);
    }

    @Override
    public void showFailure(AuthenticationFlowError error, Response page) {
        action.challenge(page);
    }

    @Override
    public void showRefusal(Response page) {
        action.challenge(page);
    }

    @Override
    public void reportWrongCode() {
        // Not a login failure: the user is signed in; our own lockout still counts it.
    }

    @Override
    public void succeed(String phone) {
        if (onVerified.test(phone)) {
            action.success();
        }
    }

    @Override
    public String refusedByKeycloak() {
        return action.getUser().isEnabled() ? null : Errors.USER_DISABLED;
    }
}
