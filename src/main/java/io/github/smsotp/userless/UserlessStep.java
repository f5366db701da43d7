package io.github.smsotp.userless;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What Keycloak asks of a step that runs before a user is proven (sign-in by phone number, reset by
 * SMS, registration): it needs no user, suits everyone, sets nobody up, and holds nothing.
 */
public abstract class UserlessStep {

    public boolean requiresUser() {
        // Keycloak's own reset and registration steps go on without a user; these must too.
        return false;
    }

    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // numbers are added by the enrollment action, or at registration
    }

    public void close() {
        // stateless
    }
}
