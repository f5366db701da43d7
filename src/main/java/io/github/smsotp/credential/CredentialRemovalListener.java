package io.github.smsotp.credential;

import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A user who removes the SMS number in the Account Console (or through Keycloak's
 * {@code delete_credential} action) removes it without the credential provider: Keycloak only
 * announces it with a {@code REMOVE_CREDENTIAL} event. Hearing it, the phone attributes stop claiming
 * a verified number.
 */
final class CredentialRemovalListener implements EventListenerProvider {

    private final KeycloakSession session;

    CredentialRemovalListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() != EventType.REMOVE_CREDENTIAL || event.getDetails() == null
                || !SmsOtpCredentialModel.TYPE.equals(event.getDetails().get(Details.CREDENTIAL_TYPE))) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, event.getUserId());
        // A number replaced by enrollment is announced the same way; the new one stays verified.
        if (user != null && PhoneSource.enrolled(user).isEmpty()) {
            VerifiedPhone.forget(user);
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        // Admin changes go through the credential provider, which updates the attributes itself.
    }

    @Override
    public void close() {
        // nothing held
    }
}
