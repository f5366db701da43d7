package io.github.smsotp.credential;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.ReadOnlyException;

/**
 * The user's verified number where the rest of Keycloak reads it: the attributes of the built-in
 * {@code phone} client scope, whose mappers put them into tokens as the OIDC claims
 * {@code phone_number} and {@code phone_number_verified}. The SMS credential stays the record of when
 * and how the number was verified; these attributes follow it.
 */
public final class VerifiedPhone {

    /** Read by the {@code phone} scope's "phone number" mapper. */
    public static final String NUMBER = "phoneNumber";
    /** Read by its "phone number verified" mapper, as a boolean. */
    public static final String VERIFIED = "phoneNumberVerified";

    private static final Logger LOG = Logger.getLogger(VerifiedPhone.class);

    private VerifiedPhone() {
    }

    /** Whether {@code e164} is already the user's verified number: nothing to write, nobody to ask. */
    public static boolean isRecorded(UserModel user, String e164) {
        return e164.equals(user.getFirstAttribute(NUMBER)) && "true".equals(user.getFirstAttribute(VERIFIED));
    }

    /**
     * The user has just confirmed {@code e164} with a code (or an admin vouched for it). Writes only
     * what changed, so that a sign-in to the same number writes nothing.
     */
    public static void record(UserModel user, String e164) {
        write(user, e164, "true");
    }

    /**
     * The user gave {@code e164} (at registration) and has not confirmed it yet: tokens carry it as
     * unverified, and nobody finds the user by it.
     */
    public static void unconfirmed(UserModel user, String e164) {
        write(user, e164, "false");
    }

    /**
     * The user's verified number is gone (removed, or replaced by one still to be confirmed): the
     * number stays where it is, marked unverified, so tokens never claim a number nobody confirmed.
     */
    public static void forget(KeycloakSession session, RealmModel realm, UserModel user) {
        if ("true".equals(user.getFirstAttribute(VERIFIED))) {
            String number = user.getFirstAttribute(NUMBER);
            write(user, number, "false");
            if (number != null) {
                UniqueNumbers.release(session, realm, number);
            }
        }
    }

    private static void write(UserModel user, String number, String verified) {
        try {
            if (number != null && !number.equals(user.getFirstAttribute(NUMBER))) {
                user.setSingleAttribute(NUMBER, number);
            }
            if (!verified.equals(user.getFirstAttribute(VERIFIED))) {
                user.setSingleAttribute(VERIFIED, verified);
            }
        } catch (ModelException | ReadOnlyException readOnly) {
            // A directory that owns the user's attributes (read-only LDAP) keeps its own: the sign-in
            // or the enrollment goes on, with the SMS credential as the record.
            LOG.debugf("phone attributes of user %s not written: %s", user.getId(), readOnly.getClass().getName());
        }
    }
}
