package io.github.smsotp.sender;

import java.util.Locale;
import java.util.Objects;

import io.github.smsotp.phone.MaskedPhone;

/**
 * One WhatsApp authentication message: the provider's approved template, filled with the code. The
 * template's wording is the provider's (Meta writes it in each language), so the message carries the
 * code alone, and the language the user reads.
 *
 * @param to       destination in E.164 form
 * @param code     the code, which the template shows and its copy-code button copies
 * @param language the user's language, which picks the template's language
 */
public record WhatsAppMessage(String to, String code, Locale language) {

    public WhatsAppMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(language, "language");
    }

    /** The destination as it may appear in logs and pages. */
    public String maskedTo() {
        return MaskedPhone.mask(to);
    }

    @Override
    public String toString() {
        // Records print every field by default; this one holds a code and a full number.
        return "WhatsAppMessage[to=" + maskedTo() + "]";
    }
}
