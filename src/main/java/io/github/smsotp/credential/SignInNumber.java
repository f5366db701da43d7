package io.github.smsotp.credential;

import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.phone.MaskedPhone;
import io.github.smsotp.settings.EnrollmentSettings;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A sign-in with the code sent to a number proves the user holds it: the number becomes the user's
 * verified phone number (users with a number from before get it filled in at their next sign-in).
 * The sign-in itself never depends on it: a number another account holds already is left unrecorded.
 */
public final class SignInNumber {

    private static final Logger LOG = Logger.getLogger(SignInNumber.class);

    private SignInNumber() {
    }

    public static void confirmed(KeycloakSession session, RealmModel realm, UserModel user, String phone) {
        if (VerifiedPhone.isRecorded(user, phone)) {
            // Every sign-in after the first: no settings to read, nothing to search or write.
            return;
        }
        boolean unique;
        try {
            unique = EnrollmentSettings.of(realm).uniqueNumbers();
        } catch (InvalidConfigException e) {
            LOG.warnf("SMS enrollment settings of realm '%s' are invalid, phone attributes not written: %s",
                    realm.getName(), e.getMessage());
            return;
        }
        try {
            if (unique && !UniqueNumbers.mayHold(session, realm, user, phone)) {
                LOG.warnf("SMS number %s of user '%s' in realm '%s' is another user's verified number: not recorded",
                        MaskedPhone.mask(phone), user.getId(), realm.getName());
                return;
            }
            VerifiedPhone.record(user, phone);
        } catch (RuntimeException e) {
            // E.g. a user federation that cannot be searched right now: the sign-in goes on regardless.
            // Only the exception's type: a search's message may quote the number it looked for.
            LOG.warnf("phone attributes of user '%s' in realm '%s' not updated: %s", user.getId(), realm.getName(),
                    e.getClass().getName());
        }
    }
}
