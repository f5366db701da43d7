package io.github.smsotp.credential;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.smsotp.config.InvalidConfigException;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Keycloak removes credentials without asking their provider where users remove the SMS number (the
 * Account Console, the {@code delete_credential} action) and where admins do (the admin console's
 * Credentials tab); it only announces it with an event. Hearing one, the phone attributes stop
 * claiming a verified number the user no longer has. Likewise when an admin edits {@code phoneNumber}
 * in the user's details: the number an admin typed is not verified until a code to it comes back.
 */
final class PhoneAttributesListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(PhoneAttributesListener.class);
    /** An admin's removal of one of a user's credentials (its type is not in the event before 26.7). */
    private static final Pattern ADMIN_REMOVAL = Pattern.compile("users/([^/]+)/credentials/[^/]+");
    /** An admin's save of a user's details (attributes included). */
    private static final Pattern ADMIN_UPDATE = Pattern.compile("users/([^/]+)");

    private final KeycloakSession session;

    PhoneAttributesListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() == EventType.REMOVE_CREDENTIAL && event.getDetails() != null
                && SmsOtpCredentialModel.TYPE.equals(event.getDetails().get(Details.CREDENTIAL_TYPE))) {
            follow(event.getRealmId(), event.getUserId(), false);
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getResourcePath() == null) {
            return;
        }
        if (event.getOperationType() == OperationType.ACTION) {
            Matcher removal = ADMIN_REMOVAL.matcher(event.getResourcePath());
            if (removal.matches()) {
                follow(event.getRealmId(), removal.group(1), false);
            }
        } else if (event.getOperationType() == OperationType.UPDATE) {
            Matcher update = ADMIN_UPDATE.matcher(event.getResourcePath());
            if (update.matches()) {
                follow(event.getRealmId(), update.group(1), true);
            }
        }
    }

    /**
     * The verified number stays only while codes still go there: a number replaced by enrollment, or
     * a trusted provisioned one after another credential was removed, is still the user's.
     *
     * @param edited the admin saved the user's details, which may have changed {@code phoneNumber}
     */
    private void follow(String realmId, String userId, boolean edited) {
        RealmModel realm = realmId == null ? null : session.realms().getRealm(realmId);
        UserModel user = realm == null || userId == null ? null : session.users().getUserById(realm, userId);
        if (user == null || user.getFirstAttribute(VerifiedPhone.NUMBER) == null) {
            return;
        }
        Optional<String> destination;
        try {
            destination = PhoneSource.of(realm).destination(user);
        } catch (InvalidConfigException e) {
            LOG.warnf("SMS enrollment settings of realm '%s' are invalid: %s", realm.getName(), e.getMessage());
            destination = Optional.empty();
        }
        String number = user.getFirstAttribute(VerifiedPhone.NUMBER);
        if (destination.map(number::equals).orElse(false)) {
            return;
        }
        if (edited && destination.isPresent()) {
            // An admin typed another number: it stays, unconfirmed; the user's next code confirms one.
            VerifiedPhone.unconfirmed(user, number);
        } else {
            VerifiedPhone.forget(session, realm, user);
        }
    }

    @Override
    public void close() {
        // nothing held
    }
}
