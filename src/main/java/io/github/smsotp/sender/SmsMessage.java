package io.github.smsotp.sender;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import io.github.smsotp.phone.MaskedPhone;

/**
 * One text message to one number.
 *
 * @param to         destination in E.164 form, e.g. {@code +12015550123}
 * @param text       the full text, already rendered in the user's language
 * @param receiptUrl where the provider should post its delivery receipts; null when the sender's
 *                   receipts are off
 * @param reference  our id of this send, which some providers echo in their receipts; null with no receipts
 */
public record SmsMessage(String to, String text, URI receiptUrl, String reference) {

    public SmsMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
    }

    public SmsMessage(String to, String text) {
        this(to, text, null, null);
    }

    /** The same message, with receipts asked for at {@code url} for the send {@code reference}. */
    public SmsMessage withReceipts(URI url, String reference) {
        return new SmsMessage(to, text, Objects.requireNonNull(url, "url"), Objects.requireNonNull(reference, "reference"));
    }

    /** Where the provider should report delivery, if receipts are on. */
    public Optional<URI> receipts() {
        return Optional.ofNullable(receiptUrl);
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
