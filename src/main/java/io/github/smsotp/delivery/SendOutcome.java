package io.github.smsotp.delivery;

import java.util.Optional;

import io.github.smsotp.settings.ChannelOrder;
import io.github.smsotp.settings.SettingsRegistry;

/**
 * What became of one send, once the gateway answered.
 *
 * @param senderId the sender, route or channel that took it (or, for a failed send, that was tried first)
 * @param failed   no sender took it
 * @param tracked  the provider will send receipts for it
 * @param delivery what a final receipt said, once one did
 */
public record SendOutcome(String senderId, boolean failed, boolean tracked, Optional<DeliveryLedger.Delivery> delivery) {

    public static SendOutcome failed(String senderId) {
        return new SendOutcome(senderId, true, false, Optional.empty());
    }

    public static SendOutcome sent(String senderId, boolean tracked, Optional<DeliveryLedger.Delivery> delivery) {
        return new SendOutcome(senderId, false, tracked, delivery);
    }

    /** The channel that took the send, or was tried first: {@code sms}, {@code whatsapp} or {@code voice}. */
    public String channel() {
        return channelOf(senderId);
    }

    /** The channel of a sender as the ledger names it: the WhatsApp and voice senders by their channel's name. */
    public static String channelOf(String senderId) {
        return SettingsRegistry.WHATSAPP_SCOPE.equals(senderId) || SettingsRegistry.VOICE_SCOPE.equals(senderId)
                ? senderId : ChannelOrder.Channel.SMS.label();
    }

    /** Whether a receipt may still tell more: the provider took it, and no final receipt came yet. */
    public boolean receiptAwaited() {
        return tracked && delivery.isEmpty();
    }

    /**
     * What the code page's status poll answers: {@code send_failed}; {@code sent} until a final
     * receipt; then the receipt's {@code delivered}, {@code failed} or {@code expired}.
     */
    public String label() {
        if (failed) {
            return "send_failed";
        }
        return delivery.map(receipt -> receipt.status().label()).orElse("sent");
    }
}
