package io.github.smsotp.sender;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import io.github.smsotp.phone.MaskedPhone;

/**
 * One WhatsApp authentication message: the provider's approved template, filled with the code. The
 * template's wording is the provider's (Meta writes it in each language), so the message carries the
 * code alone, and the language the user reads.
 *
 * @param to       destination in E.164 form
 * @param code     the code, which the template shows and its copy-code button copies
 * @param language   the user's language, which picks the template's language
 * @param receiptUrl where the provider should post the message's statuses; null when receipts are
 *                   off, or the provider posts them to an address set on its side (Meta)
 * @param reference  our id of this send, which some providers echo in their receipts; null with no receipts
 */
public record WhatsAppMessage(String to, String code, Locale language, URI receiptUrl, String reference) {

    public WhatsAppMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(language, "language");
    }

    public WhatsAppMessage(String to, String code, Locale language) {
        this(to, code, language, null, null);
    }

    /** The same message, with its statuses asked for at {@code url} for the send {@code reference}. */
    public WhatsAppMessage withReceipts(URI url, String reference) {
        return new WhatsAppMessage(to, code, language, Objects.requireNonNull(url, "url"),
                Objects.requireNonNull(reference, "reference"));
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
        return "WhatsAppMessage[to=" + maskedTo() + "]";
    }
}
