package io.github.smsotp.step;

import java.util.Optional;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.delivery.DeliveryLedger;
import io.github.smsotp.settings.SmsOtpConfig;

/**
 * Who takes the step's codes: the SMS sender (with its route and fallback), the voice sender where
 * calls are offered, the WhatsApp sender where the channels include WhatsApp, a provider's Verify
 * API where it makes the codes (then it sends by every channel), the ledger that pairs receipts with
 * sends, and the settings as written (a send after the response resolves its sender again from
 * them, in a session of its own).
 */
record Senders(SenderChoice sms, Optional<VoiceChoice> voice, Optional<WhatsAppChoice> whatsApp,
               Optional<VerifyChoice> verify, DeliveryLedger ledger, ConfigReader settings) {

    /** Whether the step can read a code aloud in a call: by its voice sender, or by the Verify API. */
    boolean calls(SmsOtpConfig config) {
        return voice.isPresent() || verify.isPresent() && config.voice() != SmsOtpConfig.VoiceOffer.OFF;
    }
}
