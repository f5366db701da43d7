package io.github.smsotp.sender;

import java.util.Locale;
import java.util.Objects;

import io.github.smsotp.phone.MaskedPhone;

/**
 * A request that a provider's Verify API make a code and send it: the extension never sees that code.
 *
 * @param to         destination in E.164 form
 * @param channel    how the provider sends it
 * @param language   the user's language, for the provider's wording
 * @param codeLength the digits the code page asks for (providers that take a length are given it)
 * @param brand      what the provider's message calls the service where it names one (the realm)
 */
public record VerifyRequest(String to, Channel channel, Locale language, int codeLength, String brand) {

    /** How a provider sends its code. */
    public enum Channel { SMS, WHATSAPP, CALL }

    public VerifyRequest {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(brand, "brand");
    }

    /** The destination as it may appear in logs and pages. */
    public String maskedTo() {
        return MaskedPhone.mask(to);
    }

    /** The same request by another channel: a send WhatsApp could not make, made by SMS. */
    public VerifyRequest by(Channel other) {
        return new VerifyRequest(to, other, language, codeLength, brand);
    }

    @Override
    public String toString() {
        return "VerifyRequest[to=" + maskedTo() + ", channel=" + channel + "]";
    }
}
