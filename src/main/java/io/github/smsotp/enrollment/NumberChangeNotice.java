package io.github.smsotp.enrollment;

import java.util.HashMap;
import java.util.Map;

import io.github.smsotp.phone.MaskedPhone;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Tells the user by e-mail that the number receiving their codes changed, so a takeover does not
 * go unnoticed. Sent only where the realm has e-mail set up and the user has an address; a
 * failure to send is logged and does not undo the change.
 */
final class NumberChangeNotice {

    private static final Logger LOG = Logger.getLogger(NumberChangeNotice.class);

    private NumberChangeNotice() {
    }

    static void send(KeycloakSession session, RealmModel realm, UserModel user, String newNumber) {
        if (realm.getSmtpConfig() == null || realm.getSmtpConfig().isEmpty() || user.getEmail() == null) {
            return;
        }
        // Keycloak adds its own attributes (realmName, user, locale) to this map, so it must be mutable.
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("maskedPhone", MaskedPhone.mask(newNumber));
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .send("smsOtpNumberChangedSubject", "sms-otp-number-changed.ftl", attributes);
        } catch (EmailException e) {
            LOG.warnf("SMS number change of user '%s' in realm '%s': the notice e-mail failed: %s", user.getId(),
                    realm.getName(), e.getCause() == null ? e.getMessage() : e.getMessage() + ": " + e.getCause());
        }
    }
}
