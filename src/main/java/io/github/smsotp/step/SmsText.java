package io.github.smsotp.step;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import io.github.smsotp.sender.SmsSegments;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

/**
 * The SMS text, from the {@code smsOtpText} message key in the user's language, optionally ending
 * with the origin-bound line {@code @<host> #<code>} (WebOTP / iOS and Android autofill), which
 * lets the phone offer the code only on the site it belongs to.
 */
final class SmsText {

    private static final Logger LOG = Logger.getLogger(SmsText.class);

    static final String KEY = "smsOtpText";

    private SmsText() {
    }

    static String render(KeycloakSession session, UserModel user, String code, SmsOtpConfig config) throws IOException {
        RealmModel realm = session.getContext().getRealm();
        Locale locale = session.getContext().resolveLocale(user);
        Properties messages = session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale);
        String pattern = messages.getProperty(KEY, "{0}");
        String realmName = realm.getDisplayName() == null || realm.getDisplayName().isBlank()
                ? realm.getName() : realm.getDisplayName();
        long minutes = Math.max(1, config.codeLifetime().toMinutes());
        String text = new MessageFormat(pattern, locale).format(new Object[] {code, realmName, minutes});
        if (config.webOtp()) {
            text = text + "\n\n@" + session.getContext().getUri().getBaseUri().getHost() + " #" + code;
        }
        int parts = SmsSegments.count(text);
        if (parts > 1) {
            // Billed per part; says how long without repeating the text (it holds the code).
            LOG.warnf("SMS text of realm '%s' in '%s' is %d characters (%s) and goes out as %d SMS parts; "
                    + "shorten the message key %s", realm.getName(), locale, text.length(),
                    SmsSegments.isGsm7(text) ? "GSM-7" : "UCS-2", parts, KEY);
        }
        return text;
    }
}
