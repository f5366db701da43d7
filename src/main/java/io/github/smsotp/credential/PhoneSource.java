package io.github.smsotp.credential;

import java.util.Optional;

import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.phone.PhoneNumbers;
import io.github.smsotp.settings.ProvisionedNumbers;
import io.github.smsotp.settings.SmsSettings;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Where a user's SMS number comes from: the verified SMS credential, or a number an admin or a
 * directory put into a user attribute, treated as {@link ProvisionedNumbers} says.
 */
public record PhoneSource(ProvisionedNumbers numbers) {

    private static final Logger LOG = Logger.getLogger(PhoneSource.class);

    /** As the realm's enrollment sees it: its action's config over the realm's SMS settings. */
    public static PhoneSource of(RealmModel realm) {
        return new PhoneSource(ProvisionedNumbers.of(realm));
    }

    /**
     * Whether a second factor can reach the user: a verified number, or a provisioned one the realm
     * trusts as enrolled. Invalid settings reach nobody (and say so in the log).
     */
    public static boolean reachable(RealmModel realm, UserModel user) {
        try {
            return of(realm).destination(user).isPresent();
        } catch (InvalidConfigException e) {
            LOG.errorf("SMS enrollment settings of realm '%s' are invalid: %s", realm.getName(), e.getMessage());
            return false;
        }
    }

    /** Whether attribute numbers are confirmed by a code before they are used ({@code verify}). */
    public boolean confirmsFirst() {
        return numbers.mode() == ProvisionedNumbers.Mode.VERIFY;
    }

    /** The number of the user's SMS credential. */
    public static Optional<String> enrolled(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(SmsOtpCredentialModel.TYPE)
                .findFirst().map(SmsOtpCredentialModel::of).flatMap(SmsOtpCredentialModel::phone);
    }

    /** The valid number in the user attribute, unless attribute numbers are switched off. */
    public Optional<String> provisioned(UserModel user) {
        if (numbers.mode() == ProvisionedNumbers.Mode.OFF) {
            return Optional.empty();
        }
        return PhoneNumbers.toE164(user.getFirstAttribute(numbers.attribute()), null);
    }

    /**
     * The provisioned number the user must confirm before any other: in {@code verify} mode, while
     * nothing is enrolled. Someone holding only the password must not swap it for a number of their own.
     */
    public Optional<String> fixedForEnrollment(UserModel user) {
        if (!confirmsFirst() || enrolled(user).isPresent()) {
            return Optional.empty();
        }
        return provisioned(user);
    }

    /**
     * Makes {@code number} the one the user confirms by code at the next sign-in: it becomes the
     * provisioned number (in {@code verify} mode the only one enrollment accepts while nothing is
     * enrolled), any enrolled number is removed, and enrollment is due. Only in {@code verify} mode:
     * elsewhere the attribute would be ignored or trusted without a code.
     *
     * @throws org.keycloak.models.ModelException when the attribute cannot be written (read-only, e.g. LDAP-mapped)
     */
    public void assignPending(KeycloakSession session, RealmModel realm, UserModel user, String number) {
        user.setSingleAttribute(numbers.attribute(), number);
        SmsOtpCredentialProvider.removeAll(session, realm, user);
        user.addRequiredAction(SmsSettings.ENROLLMENT_ACTION);
    }

    /** Where codes go at login: the enrolled number, else a trusted attribute number. */
    public Optional<String> destination(UserModel user) {
        Optional<String> enrolled = enrolled(user);
        if (enrolled.isPresent() || numbers.mode() != ProvisionedNumbers.Mode.TRUST) {
            return enrolled;
        }
        return provisioned(user);
    }
}
