package io.github.smsotp.step;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.sender.SmsSegments;
import io.github.smsotp.settings.SmsOtpConfig;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

/**
 * The SMS text, from the {@code smsOtpText} message key in the user's language, optionally ending
 * with the origin-bound line {@code @<host> #<code>} (WebOTP / iOS and Android autofill), which
 * lets the phone offer the code only on the site it belongs to. Or what a call says, from
 * {@code smsOtpVoiceText}, with the code spelled digit by digit.
 * <p>
 * The pattern is checked when the text is prepared, before a send is counted: one that
 * {@link MessageFormat} refuses, or one whose text would not hold the code (an apostrophe quotes
 * what follows it, so {@code Don't share {0}} loses the code), is a configuration error naming the
 * key and the locale, never an SMS without its code.
 */
final class SmsText {

    private static final Logger LOG = Logger.getLogger(SmsText.class);

    static final String KEY = "smsOtpText";
    static final String VOICE_KEY = "smsOtpVoiceText";

    /** Stands in for the code when the pattern is checked: private-use characters no pattern holds. */
    private static final String PROBE_CODE = "\uE000\uE001\uE002";

    private final String key;
    private final boolean spoken;
    private final String logRealm;
    private final Locale locale;
    private final MessageFormat format;
    private final String realmName;
    private final long minutes;
    private final String webOtpHost;

    private SmsText(String key, boolean spoken, String logRealm, Locale locale, MessageFormat format,
                    String realmName, long minutes, String webOtpHost) {
        this.key = key;
        this.spoken = spoken;
        this.logRealm = logRealm;
        this.locale = locale;
        this.format = format;
        this.realmName = realmName;
        this.minutes = minutes;
        this.webOtpHost = webOtpHost;
    }

    /**
     * The user's text, checked.
     *
     * @throws InvalidConfigException naming {@value #KEY} and the locale when the text is unusable
     * @throws IOException            when the theme's messages cannot be read
     */
    static SmsText prepare(KeycloakSession session, UserModel user, SmsOtpConfig config) throws IOException {
        String host = config.webOtp() ? session.getContext().getUri().getBaseUri().getHost() : null;
        return load(session, user, config, KEY, false, host);
    }

    /**
     * What a call says, checked, from {@value #VOICE_KEY} ({0} the code spelled digit by digit, {1}
     * the realm's display name, {2} minutes).
     */
    static SmsText prepareSpoken(KeycloakSession session, UserModel user, SmsOtpConfig config) throws IOException {
        return load(session, user, config, VOICE_KEY, true, null);
    }

    private static SmsText load(KeycloakSession session, UserModel user, SmsOtpConfig config, String key,
                                boolean spoken, String webOtpHost) throws IOException {
        RealmModel realm = session.getContext().getRealm();
        Locale locale = session.getContext().resolveLocale(user);
        Properties messages = session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale);
        String realmName = realm.getDisplayName() == null || realm.getDisplayName().isBlank()
                ? realm.getName() : realm.getDisplayName();
        return of(key, spoken, messages.getProperty(key, "{0}"), locale, realm.getName(), realmName,
                Math.max(1, config.codeLifetime().toMinutes()), webOtpHost);
    }

    /**
     * A checked text from its pattern ({0} the code, {1} the realm's display name, {2} minutes).
     *
     * @param webOtpHost the host of the origin-bound line, or null for none
     */
    static SmsText of(String pattern, Locale locale, String logRealm, String realmName, long minutes,
                      String webOtpHost) {
        return of(KEY, false, pattern, locale, logRealm, realmName, minutes, webOtpHost);
    }

    private static SmsText of(String key, boolean spoken, String pattern, Locale locale, String logRealm,
                              String realmName, long minutes, String webOtpHost) {
        MessageFormat format;
        try {
            format = new MessageFormat(pattern, locale);
        } catch (IllegalArgumentException e) {
            throw InvalidConfigException.messageKey(key, locale, "is not a valid message pattern: "
                    + e.getMessage() + " (an apostrophe must be written '' or \u2019)");
        }
        SmsText text = new SmsText(key, spoken, logRealm, locale, format, realmName, minutes, webOtpHost);
        text.withCode(PROBE_CODE);
        return text;
    }

    /** The text with the code; the code is in it, or this throws. */
    String render(String code) {
        String text = withCode(spoken ? spell(code) : code);
        int parts = SmsSegments.count(text);
        if (!spoken && parts > 1) {
            // Billed per part; says how long without repeating the text (it holds the code).
            LOG.warnf("SMS text of realm '%s' in '%s' is %d characters (%s) and goes out as %d SMS parts; "
                    + "shorten the message key %s", logRealm, locale, text.length(),
                    SmsSegments.isGsm7(text) ? "GSM-7" : "UCS-2", parts, KEY);
        }
        return text;
    }

    private String withCode(String code) {
        String text;
        try {
            text = format.format(new Object[] {code, realmName, minutes});
        } catch (IllegalArgumentException e) {
            // e.g. {0,number}: the code is passed as text.
            throw InvalidConfigException.messageKey(key, locale, "cannot be filled in: " + e.getMessage());
        }
        if (!text.contains(code)) {
            throw InvalidConfigException.messageKey(key, locale, "gives a text without the code, so no SMS is "
                    + "sent: it needs the placeholder {0} outside quotes (write an apostrophe as '' or \u2019)");
        }
        return webOtpHost == null ? text : text + "\n\n@" + webOtpHost + " #" + code;
    }

    /** The language the text is in. */
    Locale locale() {
        return locale;
    }

    /** "4, 8, 3": a voice reads each digit on its own, with a pause between them. */
    static String spell(String code) {
        return String.join(", ", code.split(""));
    }
}
