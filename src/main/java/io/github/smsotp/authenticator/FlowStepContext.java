package io.github.smsotp.authenticator;

import java.util.Set;

import io.github.smsotp.step.StepContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.common.ClientConnection;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.sessions.AuthenticationSessionModel;

/** The SMS step inside a login flow: outcomes become Keycloak flow results. */
final class FlowStepContext implements StepContext {

    /**
     * Keycloak's brute-force detector counts failures of the password, otp and recovery-code
     * categories only; the SMS code is a one-time password, so it reports under "otp", as
     * Keycloak's own OTP form does.
     */
    private static final String OTP = OTPCredentialModel.TYPE;
    private static final Set<String> BRUTE_FORCE_CATEGORY = Set.of(OTP);

    /**
     * Since 26.7 Keycloak counts a failed flow step only for those categories, so the step reports
     * its wrong codes itself. Earlier 26.x releases count every failed step, ours included, and
     * lack the method: a report there would count each wrong code twice.
     */
    private static final boolean KEYCLOAK_COUNTS_BY_CATEGORY = hasCategoryFailedLogin();

    private final AuthenticationFlowContext flow;

    FlowStepContext(AuthenticationFlowContext flow) {
        this.flow = flow;
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
    public UserModel user() {
        return flow.getUser();
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
    public void showFailure(AuthenticationFlowError error, Response page) {
        flow.failureChallenge(error, page);
    }

    @Override
    public void showRefusal(Response page) {
        flow.forceChallenge(page);
    }

    @Override
    public void reportWrongCode() {
        RealmModel realm = flow.getRealm();
        if (realm.isBruteForceProtected() && KEYCLOAK_COUNTS_BY_CATEGORY) {
            flow.getProtector().failedLogin(realm, flow.getUser(), flow.getConnection(), flow.getUriInfo(),
                    BRUTE_FORCE_CATEGORY);
        }
    }

    /**
     * Success as an "otp" credential, like Keycloak's OTP form: since 26.7 only that clears the
     * user's second-factor failures, which otherwise add up across good logins to a permanent
     * lockout where the realm limits them. (26.5 clears all failures on any success.)
     */
    @Override
    public void succeed(String phone) {
        SignInNumber.confirmed(flow.getSession(), flow.getRealm(), flow.getUser(), phone);
        flow.success(OTP);
    }

    @Override
    public String refusedByKeycloak() {
        RealmModel realm = flow.getRealm();
        UserModel user = flow.getUser();
        if (!user.isEnabled()) {
            return Errors.USER_DISABLED;
        }
        if (!realm.isBruteForceProtected()) {
            return null;
        }
        BruteForceProtector protector = flow.getProtector();
        if (protector.isPermanentlyLockedOut(flow.getSession(), realm, user)) {
            return Errors.USER_DISABLED;
        }
        if (protector.isTemporarilyDisabled(flow.getSession(), realm, user)) {
            return Errors.USER_TEMPORARILY_DISABLED;
        }
        return null;
    }

    private static boolean hasCategoryFailedLogin() {
        try {
            BruteForceProtector.class.getMethod("failedLogin", RealmModel.class, UserModel.class,
                    ClientConnection.class, UriInfo.class, Set.class);
            return true;
        } catch (NoSuchMethodException olderKeycloak) {
            return false;
        }
    }
}
