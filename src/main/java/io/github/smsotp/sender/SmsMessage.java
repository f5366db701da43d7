package io.github.smsotp.sender;

import java.util.Objects;

import io.github.smsotp.phone.MaskedPhone;

/**
 * One text message to one number.
 *
 * @param to   destination in E.164 form, e.g. {@code +12015550123}
 * @param text the full text, already rendered in the user's language
 */
public record SmsMessage(String to, String text) {

    public SmsMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
    }

    /** The destination as it may appear in logs and pages. */
    public String maskedTo() {
        return MaskedPhone.mask(to);
    }

    @Override
    public String toString() {
        // Records print every field by default; this one holds a code and a full number.
        return "SmsMessage[to=" + maskedTo() + "]";
    }
}
