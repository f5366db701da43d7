package io.github.smsotp.trust;

import java.time.Instant;
import java.util.Optional;

import io.github.smsotp.challenge.RealmHmacKeys;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * "Don't ask for a code on this browser": a cookie with a {@link TrustToken} lets the SMS step pass
 * the user it was issued to, for the number it was issued for, until it expires or anything it is
 * bound to changes. A cookie that does not pass every check is ignored: the code is asked as usual.
 * Where a login asks for a level of authentication, the login step decides whether trust may answer
 * at all.
 */
public final class TrustedBrowsers {

    /** The checkbox on the code page. */
    public static final String FIELD = "trust";

    static final String COOKIE = "KC_SMS_OTP_TRUSTED";
    private static final Logger LOG = Logger.getLogger(TrustedBrowsers.class);
    private static final long DAY = 24L * 60 * 60;

    private TrustedBrowsers() {
    }

    /** Whether the browser of the current request may pass the SMS step without a code, for {@code user} and {@code number}. */
    public static boolean honours(KeycloakSession session, RealmModel realm, UserModel user, String number) {
        return valid(session, realm, user, number).isPresent();
    }

    /**
     * Until when the browser of the current request is trusted for the user's SMS credential
     * {@code credentialId} and its {@code number}; empty when it is not (no cookie, or one that fails
     * a check). The Account Console asks from the user's own browser, with the realm's cookies.
     */
    public static Optional<Instant> trustedUntil(KeycloakSession session, RealmModel realm, UserModel user,
                                                 String credentialId, String number) {
        return valid(session, realm, user, number)
                .filter(token -> token.binding().credential().equals(credentialId))
                .map(token -> Instant.ofEpochSecond(token.expiresAt()));
    }

    /** The request's trust token, when it passes every check for {@code user} and {@code number}. */
    private static Optional<TrustToken> valid(KeycloakSession session, RealmModel realm, UserModel user, String number) {
        Cookie cookie = session.getContext().getHttpRequest().getHttpHeaders().getCookies().get(COOKIE);
        if (cookie == null) {
            return Optional.empty();
        }
        Optional<TrustToken> token = TrustToken.verify(cookie.getValue(), new RealmHmacKeys(session, realm));
        if (token.isEmpty()) {
            LOG.debugf("trusted-browser cookie ignored in realm '%s': malformed, or not signed by a key of the realm",
                    realm.getName());
            return Optional.empty();
        }
        String refusal = refusal(token.get(), TrustBinding.of(session, realm, user, number),
                Math.max(session.users().getNotBeforeOfUser(realm, user), realm.getNotBefore()));
        if (refusal != null) {
            LOG.debugf("trusted-browser cookie ignored for user '%s' in realm '%s': %s", user.getId(), realm.getName(),
                    refusal);
            return Optional.empty();
        }
        return token;
    }

    /** Why the token does not let the user through now; null when it does. */
    static String refusal(TrustToken token, TrustBinding current, long notBefore) {
        if (!token.binding().realmId().equals(current.realmId()) || !token.binding().userId().equals(current.userId())) {
            return "issued for another user or realm";
        }
        if (!token.binding().equals(current)) {
            return "the number, the SMS credential, the password or the trust epoch changed since";
        }
        long now = Time.currentTime();
        if (token.expiresAt() <= now) {
            return "expired";
        }
        // Seconds on both sides: a browser trusted in the second of a sign-out of all sessions is not.
        if (token.issuedAt() <= notBefore) {
            return "the user was signed out of all sessions since";
        }
        return null;
    }

    /** Trusts the browser of the current request for {@code days} days for {@code user} and {@code number}. */
    public static void trust(KeycloakSession session, RealmModel realm, UserModel user, String number, int days) {
        long now = Time.currentTime();
        TrustToken token = new TrustToken(TrustBinding.of(session, realm, user, number), now, now + days * DAY);
        String path = session.getContext().getUri().getBaseUri().getPath() + "realms/" + realm.getName() + "/";
        session.getContext().getHttpResponse().setCookieIfAbsent(new NewCookie.Builder(COOKIE)
                .value(token.sign(new RealmHmacKeys(session, realm)))
                .path(path)
                .maxAge((int) (days * DAY))
                .secure(true)
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.NONE)
                .build());
    }

    /** Ends the trust of every browser of the user. */
    public static void revokeAll(KeycloakSession session, RealmModel realm, UserModel user) {
        TrustEpoch.renew(session, realm, user);
    }
}
