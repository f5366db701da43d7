package io.github.smsotp.events;

/**
 * Every name the extension puts into Keycloak's events: the errors it reports and the details it
 * adds. Admins filter and alert on them (Realm settings > Events, event listeners, log shippers), so
 * each is defined here once, and a change shows as a change of this file.
 */
public final class SmsOtpEvents {

    /** Error: a send was refused by a limit, the pumping guard or a rule; {@link #REASON} says which. */
    public static final String SEND_REFUSED = "sms_otp_send_refused";
    /** Error: the sender (and its fallback) could not send. */
    public static final String SEND_FAILED = "sms_otp_send_failed";
    /** Error: a number was refused (its type, its country, taken, not the provisioned one); {@link #REASON} says why. */
    public static final String NUMBER_REFUSED = "sms_otp_number_refused";
    /** Error: the user has no number and may not enroll one here. */
    public static final String NO_PHONE = "sms_otp_no_phone";
    /** Error: a setting of the step or of the enrollment is unusable; the server log names it. */
    public static final String MISCONFIGURED = "sms_otp_misconfigured";

    /** Detail: the number, masked. */
    public static final String PHONE = "sms_otp_phone";
    /** Detail: why a send or a number was refused, or a code was not accepted. */
    public static final String REASON = "sms_otp_reason";
    /** Detail: the sender, or the route, that took the code's SMS. */
    public static final String SENDER = "sms_otp_sender";
    /** Detail: the channel a code went by, or was sent by first: {@code sms}, {@code whatsapp}, {@code voice}. */
    public static final String CHANNEL = "sms_otp_channel";
    /** Detail: what the provider's receipt said of the SMS. */
    public static final String DELIVERY = "sms_otp_delivery";
    /** Detail: the provider's error code in a receipt. */
    public static final String DELIVERY_ERROR = "sms_otp_delivery_error";
    /** Detail: the type of a refused number (premium-rate, toll-free, ...). */
    public static final String NUMBER_TYPE = "sms_otp_number_type";
    /** Detail: the calling code of a range the pumping guard throttles. */
    public static final String CALLING_CODE = "sms_otp_calling_code";
    /** Detail: the throttled range, masked. */
    public static final String RANGE = "sms_otp_range";
    /** Detail: how many codes this login has sent. */
    public static final String SENDS = "sms_otp_sends";
    /** Detail: the SMS step passed on a trusted browser. */
    public static final String TRUSTED_BROWSER = "sms_otp_trusted_browser";
    /** Detail: the SMS step passed because this login proved the number a moment before (registration). */
    public static final String PROVEN_IN_THIS_LOGIN = "sms_otp_proven_in_this_login";

    private SmsOtpEvents() {
    }
}
