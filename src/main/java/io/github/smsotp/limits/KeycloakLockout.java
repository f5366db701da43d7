package io.github.smsotp.limits;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Set;

import jakarta.ws.rs.core.UriInfo;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.ClientConnection;
import org.keycloak.events.Errors;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * Keycloak's own refusal of a user (disabled, or locked by the realm's brute-force detection), and
 * the wrong codes it is told about. The SMS code is a one-time password to it: Keycloak's detector
 * counts failures of the password, otp and recovery-code categories only, and the code reports
 * under "otp", as Keycloak's own OTP form does.
 */
public final class KeycloakLockout {

    public static final String CATEGORY = OTPCredentialModel.TYPE;
    private static final Set<String> CATEGORIES = Set.of(CATEGORY);

    /**
     * Since 26.7 Keycloak counts a failed flow step only for those categories, so the step reports
     * its wrong codes itself, with the category. Earlier 26.x releases count every failed step of a
     * flow that has a user, ours included, and know only the report without categories.
     */
    private static final Method CATEGORY_REPORT = failedLogin(RealmModel.class, UserModel.class,
            ClientConnection.class, UriInfo.class, Set.class);
    private static final Method PLAIN_REPORT = failedLogin(RealmModel.class, UserModel.class,
            ClientConnection.class, UriInfo.class);

    private KeycloakLockout() {
    }

    /** The event error Keycloak's own forms use for a refused user; null when Keycloak lets the user try. */
    public static String refusal(AuthenticationFlowContext flow, UserModel user) {
        RealmModel realm = flow.getRealm();
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

    /**
     * A wrong code of the flow's user, which Keycloak itself counts on the releases that count every
     * failed step: reported here only where Keycloak counts by category.
     */
    public static void wrongCodeOfFlowUser(AuthenticationFlowContext flow) {
        if (CATEGORY_REPORT != null) {
            report(flow, flow.getUser());
        }
    }

    /**
     * A wrong code for a user the flow has not identified yet (a sign-in by phone number): Keycloak
     * counts nothing for a flow without a user, on any release, so it is always reported here.
     */
    public static void wrongCodeOf(AuthenticationFlowContext flow, UserModel user) {
        report(flow, user);
    }

    private static void report(AuthenticationFlowContext flow, UserModel user) {
        RealmModel realm = flow.getRealm();
        if (!realm.isBruteForceProtected()) {
            return;
        }
        try {
            if (CATEGORY_REPORT != null) {
                CATEGORY_REPORT.invoke(flow.getProtector(), realm, user, flow.getConnection(), flow.getUriInfo(),
                        CATEGORIES);
            } else if (PLAIN_REPORT != null) {
                PLAIN_REPORT.invoke(flow.getProtector(), realm, user, flow.getConnection(), flow.getUriInfo());
            }
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Keycloak's brute-force detection refused a report", e);
        }
    }

    private static Method failedLogin(Class<?>... parameters) {
        try {
            return BruteForceProtector.class.getMethod("failedLogin", parameters);
        } catch (NoSuchMethodException otherRelease) {
            return null;
        }
    }
}
