package io.github.smsotp.sender;

import java.util.Locale;
import java.util.Objects;

import io.github.smsotp.phone.MaskedPhone;

/**
 * One call that reads a text aloud.
 *
 * @param to       destination in E.164 form
 * @param text     what the call says, in the user's language
 * @param language the language to speak it in
 */
public record VoiceMessage(String to, String text, Locale language) {

    public VoiceMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(language, "language");
    }

    /** The language as providers name voices: {@code en-US}, {@code de-DE}. */
    public String languageTag() {
        return language.getCountry().isEmpty() ? language.getLanguage() + "-" + defaultCountry(language.getLanguage())
                : language.toLanguageTag();
    }

    public String maskedTo() {
        return MaskedPhone.mask(to);
    }

    @Override
    public String toString() {
        return "VoiceMessage[to=" + maskedTo() + "]";
    }

    /** The country whose voice speaks a bare language ("en" is read by an en-US voice). */
    private static String defaultCountry(String language) {
        return switch (language) {
            case "en" -> "US";
            case "pt" -> "BR";
            default -> language.toUpperCase(Locale.ROOT);
        };
    }
}
