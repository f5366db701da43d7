package io.github.smsotp.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;

/**
 * Who holds a verified number in a realm, for the rule that a verified number belongs to at most one
 * user ({@code unique-numbers}). Asked only once a code sent to the number has been confirmed (or an
 * admin vouches for it), so that it never tells anyone whether an account holds a number.
 */
public final class UniqueNumbers {

    /**
     * How long a claim keeps other users off a number: longer than the transaction that stores it,
     * after which the stored attribute answers instead.
     */
    private static final long CLAIM_SECONDS = 60;

    private UniqueNumbers() {
    }

    /** Whether another user of the realm holds {@code e164} as verified; claims nothing (for dry runs). */
    public static boolean heldByAnother(KeycloakSession session, RealmModel realm, UserModel user, String e164) {
        return session.users().searchForUserByUserAttributeStream(realm, VerifiedPhone.NUMBER, e164)
                .anyMatch(other -> !other.getId().equals(user.getId())
                        && "true".equals(other.getFirstAttribute(VerifiedPhone.VERIFIED)));
    }

    /**
     * Whether {@code user} may hold {@code e164} as verified: nobody else holds it, and nobody else is
     * taking it at this moment. Two users confirming one number at once race for a claim in Keycloak's
     * single-use store, which every cluster node shares and which answers {@code putIfAbsent} at once:
     * exactly one wins.
     */
    public static boolean mayHold(KeycloakSession session, RealmModel realm, UserModel user, String e164) {
        if (VerifiedPhone.isRecorded(user, e164)) {
            return true;
        }
        if (heldByAnother(session, realm, user, e164)) {
            return false;
        }
        SingleUseObjectProvider claims = session.singleUseObjects();
        String claim = claimKey(realm, e164);
        if (claims.putIfAbsent(claim, CLAIM_SECONDS)) {
            // At once too: the winner's next request (a retry after a failed commit) sees the claim is theirs.
            claims.putIfAbsent(claim + ":" + user.getId(), CLAIM_SECONDS);
            return true;
        }
        return claims.contains(claim + ":" + user.getId());
    }

    /** The number is free again (its holder removed it): a claim still running must not keep others off. */
    static void release(KeycloakSession session, RealmModel realm, String e164) {
        session.singleUseObjects().remove(claimKey(realm, e164));
    }

    private static String claimKey(RealmModel realm, String e164) {
        // Hashed: the store may be an external Infinispan, which has no business with numbers.
        return "sms-otp-number-claim:" + realm.getId() + ":" + sha256(e164);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
