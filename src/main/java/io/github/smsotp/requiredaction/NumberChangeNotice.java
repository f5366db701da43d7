package io.github.smsotp.requiredaction;

import java.util.HashMap;
import java.util.Map;

import io.github.smsotp.phone.MaskedPhone;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Tells the user by e-mail that the number receiving their codes changed, so a takeover does not
 * go unnoticed. Sent only where the realm has e-mail set up and the user has an address, and only
 * once the change is committed: a change that rolls back is never announced. A failure to send is
 * logged and does not undo the change.
 */
final class NumberChangeNotice {

    private static final Logger LOG = Logger.getLogger(NumberChangeNotice.class);

    private NumberChangeNotice() {
    }

    /**
     * Queues the notice behind the request's transaction. It is sent from a session of its own, as
     * Keycloak's e-mail event listener does: the request's session has finished its work by then.
     */
    static void sendAfterCommit(KeycloakSession session, RealmModel realm, UserModel user, String newNumber) {
        if (realm.getSmtpConfig() == null || realm.getSmtpConfig().isEmpty() || user.getEmail() == null) {
            return;
        }
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        HttpRequest request = session.getContext().getHttpRequest();
        String realmId = realm.getId();
        String realmName = realm.getName();
        String userId = user.getId();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                try {
                    KeycloakModelUtils.runJobInTransaction(factory,
                            committed -> send(committed, request, realmId, userId, newNumber));
                } catch (RuntimeException e) {
                    // The number is stored already; a failed notice must not turn the request into an error.
                    warn(userId, realmName, e);
                }
            }

            @Override
            protected void rollbackImpl() {
                // The change did not happen: nothing to tell.
            }
        });
    }

    private static void send(KeycloakSession session, HttpRequest request, String realmId, String userId,
                             String newNumber) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null) {
            return;
        }
        session.getContext().setRealm(realm);
        // The user's locale may come from the request (cookie, Accept-Language), as for Keycloak's own mails.
        session.getContext().setHttpRequest(request);
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null || user.getEmail() == null) {
            return;
        }
        // Keycloak adds its own attributes (realmName, user, locale) to this map, so it must be mutable.
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("maskedPhone", MaskedPhone.mask(newNumber));
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .send("smsOtpNumberChangedSubject", "sms-otp-number-changed.ftl", attributes);
        } catch (EmailException e) {
            warn(userId, realm.getName(), e);
        }
    }

    private static void warn(String userId, String realmName, Exception e) {
        LOG.warnf("SMS number change of user '%s' in realm '%s': the notice e-mail failed: %s", userId, realmName,
                e.getCause() == null ? e.getMessage() : e.getMessage() + ": " + e.getCause());
    }
}
