package io.github.smsotp.step;

import java.util.function.Supplier;

/**
 * What the code page shows, exposed to FreeMarker as {@code smsOtp}.
 */
public final class CodePageBean {

    /** The code the page asks for: its digits, and the seconds it stays valid (0: none is pending). */
    record Code(int length, long secondsLeft) {

        boolean active() {
            return secondsLeft > 0;
        }
    }

    /** "Send a new code": seconds before it works (0: now), and whether sends are left in this login. */
    record Resend(long waitSeconds, boolean allowed) {
    }

    /**
     * What became of the latest send: it failed (the page offers to try again), a receipt said it did
     * not reach the phone, where the page's script asks (null where it need not; built only where a
     * page is rendered), what the page says if the send fails, and whether a receipt may still come
     * once the gateway took it: for an SMS, and for a WhatsApp message.
     */
    record Delivery(boolean sendFailed, boolean notDelivered, Supplier<String> statusUrl, String failureMessage,
                    boolean receiptAwaited, boolean whatsAppReceiptAwaited) {
    }

    /** "Call me instead": shown, or held hidden until a receipt says the SMS did not arrive. */
    record Call(boolean offered, boolean possible) {
    }

    /**
     * Where the code went ({@code sms}, {@code whatsapp}, {@code voice}), the channel offered instead
     * (null: none), and whether WhatsApp could not take the code and it went by SMS.
     */
    record Channels(String shown, String nextOffered, boolean fellBackToSms) {
    }

    private final String maskedPhone;
    private final CodePurpose purpose;
    private final int trustDays;
    private final Code code;
    private final Resend resend;
    private final Delivery delivery;
    private final Call call;
    private final Channels channels;

    /** @param trustDays the days the step may trust a browser for; shown on a second factor's page only */
    CodePageBean(String maskedPhone, CodePurpose purpose, int trustDays, Code code, Resend resend, Delivery delivery,
                 Call call, Channels channels) {
        this.maskedPhone = maskedPhone;
        this.purpose = purpose;
        this.trustDays = trustDays;
        this.code = code;
        this.resend = resend;
        this.delivery = delivery;
        this.call = call;
        this.channels = channels;
    }

    /** The number the code went to, masked; null where the page must not show it. */
    public String getMaskedPhone() {
        return purpose.numberShown() ? maskedPhone : null;
    }

    /** Seconds the pending code stays valid; 0 when none is. */
    public long getCodeSecondsLeft() {
        return code.secondsLeft();
    }

    public int getCodeLength() {
        return code.length();
    }

    /** A code is pending and may be entered. */
    public boolean isCodeActive() {
        return code.active();
    }

    /** Seconds before the resend button works; 0 when it does now. */
    public long getResendWaitSeconds() {
        return resend.waitSeconds();
    }

    /** Sends are left in this login. */
    public boolean isResendAllowed() {
        return resend.allowed();
    }

    /** The last send failed: the page offers to try again. */
    public boolean isSendFailed() {
        return delivery.sendFailed();
    }

    /** The number is being enrolled: the page offers to change it. */
    public boolean isEnrollment() {
        return purpose.enrollment();
    }

    /** Days the page offers to trust this browser for; 0: no such offer (only a second factor makes it). */
    public int getTrustDays() {
        return purpose == CodePurpose.SIGN_IN ? trustDays : 0;
    }

    /** The provider reported that the latest SMS or WhatsApp message did not reach the phone. */
    public boolean isNotDelivered() {
        return delivery.notDelivered();
    }

    /** Where the page's script asks what became of the latest send; null when it need not ask. */
    public String getSendStatusUrl() {
        return delivery.statusUrl().get();
    }

    /** The message key of what the page says if the latest send fails. */
    public String getSendFailureMessage() {
        return delivery.failureMessage();
    }

    /** Once the gateway took the latest SMS, a receipt may still say whether it arrived: the script asks on. */
    public boolean isReceiptAwaited() {
        return delivery.receiptAwaited();
    }

    /**
     * Once the provider took the latest WhatsApp message, a receipt may still say whether it arrived:
     * the script asks on, and sends the code by SMS where it did not.
     */
    public boolean isWhatsAppReceiptAwaited() {
        return delivery.whatsAppReceiptAwaited();
    }

    /** The page shows "Call me instead". */
    public boolean isCallOffered() {
        return call.offered();
    }

    /** The page holds "Call me instead", hidden until a receipt says the SMS did not arrive. */
    public boolean isCallPossible() {
        return call.possible();
    }

    /** Where the page says the code went: {@code sms}, {@code whatsapp} or {@code voice}. */
    public String getChannel() {
        return channels.shown();
    }

    /** The channel the page offers to send by instead ("Send by SMS instead"); null: none. */
    public String getNextChannel() {
        return channels.nextOffered();
    }

    /** WhatsApp could not take the latest code, and it went by SMS. */
    public boolean isFellBackToSms() {
        return channels.fellBackToSms();
    }

    /** The page offers to type another number. */
    public boolean isNumberChangeable() {
        return purpose.numberChangeable();
    }
}
