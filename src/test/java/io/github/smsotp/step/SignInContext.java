package io.github.smsotp.step;

import java.util.ArrayList;
import java.util.List;

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
 * The second-factor step's context for one request, as the authenticator's is, keeping the outcome
 * instead of telling a flow: the pages shown, wrong codes, and the number a right code proved.
 */
final class SignInContext implements StepContext {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel user;
    private final AuthenticationSessionModel authSession;
    final RecordedEvent event = new RecordedEvent();
    final List<String> outcomes = new ArrayList<>();
    /** The page the step built last (the template, or the error page), which show() records. */
    private String lastPage;
    String succeededWith;
    /** What the step left to run once the request committed: the send. */
    final List<KeycloakSessionTask> afterResponse = new ArrayList<>();

    SignInContext(KeycloakSession session, RealmModel realm, UserModel user, AuthenticationSessionModel authSession) {
        this.session = session;
        this.realm = realm;
        this.user = user;
        this.authSession = authSession;
    }

    @Override
    public KeycloakSession session() {
        return session;
    }

    @Override
    public RealmModel realm() {
        return realm;
    }

    @Override
    public UserModel user() {
        return user;
    }

    @Override
    public AuthenticationSessionModel authSession() {
        return authSession;
    }

    @Override
    public void afterResponse(KeycloakSessionTask task) {
        afterResponse.add(task);
    }

    @Override
    public EventBuilder event() {
        return event;
    }

    @Override
    public LoginFormsProvider form() {
        LoginFormsProvider[] form = new LoginFormsProvider[1];
        form[0] = StrictDouble.of(LoginFormsProvider.class)
                .answer("setAttribute", args -> form[0])
                .answer("setError", args -> {
                    outcomes.add("error " + args[0]);
                    return form[0];
                })
                .answer("addError", args -> {
                    outcomes.add("error " + args[0]);
                    return form[0];
                })
                // No JAX-RS runtime in unit tests: the page is the template's name, noted for show().
                .answer("createForm", args -> {
                    lastPage = (String) args[0];
                    return null;
                })
                .answer("createErrorPage", args -> {
                    lastPage = "error page " + args[0];
                    return null;
                })
                .build();
        return form[0];
    }

    @Override
    public String clientAddress() {
        return "192.0.2.10";
    }

    @Override
    public void show(Response page) {
        outcomes.add("page " + lastPage);
    }

    @Override
    public void showFailure(AuthenticationFlowError error, Response page) {
        outcomes.add("failure " + error);
    }

    @Override
    public void showRefusal(Response page) {
        outcomes.add("refusal");
    }

    @Override
    public void reportWrongCode() {
        outcomes.add("wrong code");
    }

    @Override
    public void succeed(String phone) {
        succeededWith = phone;
        outcomes.add("succeeded");
    }

    @Override
    public String refusedByKeycloak() {
        return null;
    }
}
