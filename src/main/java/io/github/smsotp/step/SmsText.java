package io.github.smsotp.step;

import java.io.IOException;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

/** The SMS text, from the {@code smsOtpText} message key in the user's language. */
final class SmsText {

    static final String KEY = "smsOtpText";

    private SmsText() {
    }

    static String render(KeycloakSession session, UserModel user, String code, Duration lifetime) throws IOException {
        RealmModel realm = session.getContext().getRealm();
        Locale locale = session.getContext().resolveLocale(user);
        Properties messages = session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale);
        String pattern = messages.getProperty(KEY, "{0}");
        String realmName = realm.getDisplayName() == null || realm.getDisplayName().isBlank()
                ? realm.getName() : realm.getDisplayName();
        long minutes = Math.max(1, lifetime.toMinutes());
        return new MessageFormat(pattern, locale).format(new Object[] {code, realmName, minutes});
    }
}
