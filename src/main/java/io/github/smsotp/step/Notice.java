package io.github.smsotp.step;

import java.util.Optional;

import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/**
 * What the step says with its answer, besides the code's state: nothing, a note, or an error for
 * the answer as a whole or one field. A message key of the theme's bundle with its parameters, so a
 * page shows it in the user's language and an app's answer can name it (see {@link LoginChannel#codePage}).
 *
 * @param field the form field an error belongs to; null for the whole answer
 */
public record Notice(Level level, String field, String key, Object... parameters) {

    public enum Level {
        NONE, INFO, ERROR
    }

    private static final Notice NONE = new Notice(Level.NONE, null, null);

    public static Notice none() {
        return NONE;
    }

    public static Notice info(String key) {
        return new Notice(Level.INFO, null, key);
    }

    public static Notice error(String key, Object... parameters) {
        return new Notice(Level.ERROR, null, key, parameters);
    }

    /** An error shown beside the code field. */
    public static Notice codeError(String key) {
        return new Notice(Level.ERROR, SmsOtpStep.FIELD_CODE, key);
    }

    /** The error's message key, if this is one. */
    public Optional<String> errorKey() {
        return level == Level.ERROR ? Optional.of(key) : Optional.empty();
    }

    /** Puts the message on a page. */
    public void addTo(LoginFormsProvider form) {
        switch (level) {
            case INFO -> form.setInfo(key, parameters);
            case ERROR -> {
                if (field == null) {
                    form.setError(key, parameters);
                } else {
                    form.addError(new FormMessage(field, key, parameters));
                }
            }
            case NONE -> { }
        }
    }
}
