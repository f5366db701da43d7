package io.github.smsotp.step;

/**
 * What the code page shows, exposed to FreeMarker as {@code smsOtp}.
 */
public final class CodePageBean {

    private final String maskedPhone;
    private final int codeLength;
    private final boolean codeActive;
    private final long resendWaitSeconds;
    private final boolean resendAllowed;
    private final boolean sendFailed;
    private final CodePurpose purpose;
    private final int trustDays;
    private final boolean notDelivered;
    private final String deliveryStatusUrl;
    private final boolean callOffered;
    private final boolean callPossible;

    CodePageBean(String maskedPhone, int codeLength, boolean codeActive, long resendWaitSeconds,
                 boolean resendAllowed, boolean sendFailed, CodePurpose purpose, int trustDays,
                 boolean notDelivered, String deliveryStatusUrl, boolean callOffered, boolean callPossible) {
        this.maskedPhone = maskedPhone;
        this.codeLength = codeLength;
        this.codeActive = codeActive;
        this.resendWaitSeconds = resendWaitSeconds;
        this.resendAllowed = resendAllowed;
        this.sendFailed = sendFailed;
        this.purpose = purpose;
        this.trustDays = trustDays;
        this.notDelivered = notDelivered;
        this.deliveryStatusUrl = deliveryStatusUrl;
        this.callOffered = callOffered;
        this.callPossible = callPossible;
    }

    /** The number the code went to, masked; null where the page must not show it. */
    public String getMaskedPhone() {
        return purpose.numberShown() ? maskedPhone : null;
    }

    public int getCodeLength() {
        return codeLength;
    }

    /** A code is pending and may be entered. */
    public boolean isCodeActive() {
        return codeActive;
    }

    /** Seconds before the resend button works; 0 when it does now. */
    public long getResendWaitSeconds() {
        return resendWaitSeconds;
    }

    /** Sends are left in this login. */
    public boolean isResendAllowed() {
        return resendAllowed;
    }

    /** The last send failed: the page offers to try again. */
    public boolean isSendFailed() {
        return sendFailed;
    }

    /** The number is being enrolled: the page offers to change it. */
    public boolean isEnrollment() {
        return purpose.enrollment();
    }

    /** Days the page offers to trust this browser for; 0: no such offer (only a second factor makes it). */
    public int getTrustDays() {
        return purpose == CodePurpose.SIGN_IN ? trustDays : 0;
    }

    /** The provider reported that the latest SMS did not reach the phone. */
    public boolean isNotDelivered() {
        return notDelivered;
    }

    /** Where the page's script asks whether the SMS arrived; null when it need not ask. */
    public String getDeliveryStatusUrl() {
        return deliveryStatusUrl;
    }

    /** The page shows "Call me instead". */
    public boolean isCallOffered() {
        return callOffered;
    }

    /** The page holds "Call me instead", hidden until a receipt says the SMS did not arrive. */
    public boolean isCallPossible() {
        return callPossible;
    }

    /** The page offers to type another number. */
    public boolean isNumberChangeable() {
        return purpose.numberChangeable();
    }
}
