package io.github.smsotp.trust;

import java.net.URI;

import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.jboss.logging.Logger;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.ReadOnlyException;

/**
 * "Sign out all devices" in the Account Console ends the trust of the user's browsers, as the admin's
 * sign-out does. Keycloak sets no not-before time there: it signs each session out, with a
 * {@code LOGOUT} event like any other sign-out. What tells the two apart is the request: the account
 * API's {@code DELETE .../account/sessions}, without a session id.
 */
final class AllDevicesSignOutListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(AllDevicesSignOutListener.class);
    /** The account API's resource for all of the user's sessions. */
    private static final String ALL_SESSIONS = "/account/sessions";
    /** Set on the Keycloak session once done: the request signs out several sessions, one event each. */
    private static final String DONE = AllDevicesSignOutListener.class.getName();

    private final KeycloakSession session;

    AllDevicesSignOutListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() != EventType.LOGOUT || !allSessionsRequest() || session.getAttribute(DONE) != null) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null || event.getUserId() == null ? null : session.users().getUserById(realm, event.getUserId());
        if (user == null) {
            return;
        }
        session.setAttribute(DONE, Boolean.TRUE);
        try {
            TrustedBrowsers.revokeAll(session, realm, user);
        } catch (ModelException | ReadOnlyException e) {
            // Keycloak's event builder would swallow it: the operator must learn that the trust stays.
            LOG.warnf("trusted browsers of user '%s' in realm '%s' stay trusted after 'Sign out all devices': the "
                    + "user lives only in a read-only user federation; an admin's sign-out of the user ends the trust",
                    user.getId(), realm.getName());
        }
    }

    private boolean allSessionsRequest() {
        HttpRequest request = session.getContext().getHttpRequest();
        if (request == null || !"DELETE".equals(request.getHttpMethod()) || session.getContext().getUri() == null) {
            return false;
        }
        URI uri = session.getContext().getUri().getRequestUri();
        return uri.getPath() != null && uri.getPath().endsWith(ALL_SESSIONS);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        // the admin's sign-out sets the user's not-before time, which the trust already checks
    }

    @Override
    public void close() {
        // nothing held
    }
}
