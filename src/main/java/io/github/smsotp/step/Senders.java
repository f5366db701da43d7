package io.github.smsotp.step;

import java.util.Optional;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.delivery.DeliveryLedger;

/**
 * Who takes the step's codes: the SMS sender (with its route and fallback), the voice sender where
 * calls are offered, the WhatsApp sender where the channels include WhatsApp, the ledger that pairs receipts with sends, and the settings as written (a send
 * after the response resolves its sender again from them, in a session of its own).
 */
record Senders(SenderChoice sms, Optional<VoiceChoice> voice, Optional<WhatsAppChoice> whatsApp, DeliveryLedger ledger,
               ConfigReader settings) {
}
