package io.github.smsotp.step;

import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The code step inside an authentication flow: pages become Keycloak's challenges, and a wrong code
 * a failure challenge. Who the code proves, and what success means, is the entry point's.
 */
public abstract class InFlowStepContext implements StepContext {

    protected final AuthenticationFlowContext flow;
    /** Null for the browser's pages. */
    private final LoginChannel channel;

    protected InFlowStepContext(AuthenticationFlowContext flow) {
        this(flow, null);
    }

    /** @param channel how the step answers, where the flow is not a browser's */
    protected InFlowStepContext(AuthenticationFlowContext flow, LoginChannel channel) {
        this.flow = flow;
        this.channel = channel;
    }

    @Override
    public LoginChannel channel() {
        return channel != null ? channel : StepContext.super.channel();
    }

    @Override
    public KeycloakSession session() {
        return flow.getSession();
    }

    @Override
    public RealmModel realm() {
        return flow.getRealm();
    }

    @Override
    public AuthenticationSessionModel authSession() {
        return flow.getAuthenticationSession();
    }

    @Override
    public EventBuilder event() {
        return flow.getEvent();
    }

    @Override
    public LoginFormsProvider form() {
        return flow.form();
    }

    @Override
    public String clientAddress() {
        return flow.getConnection().getRemoteAddr();
    }

    @Override
    public void show(Response page) {
        flow.challenge(page);
    }

    @Override
    public void pass() {
        flow.success();
    }

    @Override
    public void showFailure(AuthenticationFlowError error, Response page) {
        flow.failureChallenge(error, page);
    }

    @Override
    public void showRefusal(Response page) {
        flow.forceChallenge(page);
    }
}
