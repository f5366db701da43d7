package io.github.smsotp.userless;

import java.util.Optional;

import io.github.smsotp.credential.VerifiedPhone;
import io.github.smsotp.limits.KeycloakLockout;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/**
 * Finds who may receive a sign-in code at a number: the user whose verified number it is, whose
 * SMS step sends there (the credential stays the record), and whom Keycloak lets sign in (enabled,
 * not locked). Anyone else, and nobody, get the same pages: only this class knows the difference.
 */
public final class SignInRecipients {

    private SignInRecipients() {
    }

    public static Optional<UserModel> byNumber(AuthenticationFlowContext flow, EntrySettings settings, String e164) {
        return flow.getSession().users()
                .searchForUserByUserAttributeStream(flow.getRealm(), VerifiedPhone.NUMBER, e164)
                .filter(user -> VerifiedPhone.isRecorded(user, e164))
                .filter(user -> settings.numbers().destination(user).filter(e164::equals).isPresent())
                .filter(user -> KeycloakLockout.refusal(flow, user) == null)
                .findFirst();
    }

    /**
     * The number an identified user's codes go to, where Keycloak lets the user sign in and the realm
     * sends to its country and its kind of number (a refusal page would tell that the account exists,
     * and where its phone is).
     */
    public static Optional<String> numberOf(AuthenticationFlowContext flow, EntrySettings settings, UserModel user) {
        if (user == null || KeycloakLockout.refusal(flow, user) != null) {
            return Optional.empty();
        }
        return settings.numbers().destination(user).filter(settings.typed().step().allowedCountries()::allows)
                .filter(number -> settings.typed().step().numberTypes().refusal(number).isEmpty());
    }
}
