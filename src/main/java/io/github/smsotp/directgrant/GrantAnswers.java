package io.github.smsotp.directgrant;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.github.smsotp.step.CodePageBean;
import io.github.smsotp.step.Notice;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuthErrorException;

/**
 * The step's answers to an app, in Keycloak's error format ({@code error}, {@code error_description})
 * with the code's state beside it. The error says what the app does next; the description is for the
 * app's developer (plain ASCII, as OAuth asks), never for the user: the app words its own screens.
 * Every message the step can say maps to one answer here, so the app-facing contract is this table.
 */
final class GrantAnswers {

    /** The parameter an app sends the code in. */
    static final String PARAMETER = "sms_otp";
    /** The parameter (and answer field) that names a phone sign-in between an app's requests. */
    static final String HANDLE = "sms_otp_handle";

    /** A code is on its way or pending: ask the user for it. */
    static final String REQUIRED = "sms_otp_required";
    /** The code was not right: the user may try again while {@code expires_in} lasts. */
    static final String INVALID = "sms_otp_invalid";
    /** No code can be checked (expired, tries used up, none sent): ask for a new one. */
    static final String EXPIRED = "sms_otp_expired";
    static final String SEND_REFUSED = "sms_otp_send_refused";
    static final String LOCKED = "sms_otp_locked";
    static final String SEND_FAILED = "sms_otp_send_failed";
    static final String NUMBER_REFUSED = "sms_otp_number_refused";
    static final String NUMBER_INVALID = "sms_otp_number_invalid";
    static final String NO_NUMBER = "sms_otp_no_number";
    static final String UNAVAILABLE = "sms_otp_unavailable";

    private record Answer(int status, String error, String description) {
    }

    /** The step's message for a send within the cooldown; its parameter is the seconds to wait. */
    private static final String COOLDOWN_KEY = "smsOtpResendWait";

    private static final Answer CODE_SENT = new Answer(401, REQUIRED,
            "A code was sent by SMS: send it in the " + PARAMETER + " parameter, with the rest of the request as before.");

    private static final Answer TYPE_REFUSED = new Answer(400, NUMBER_REFUSED,
            "The realm sends no codes to this kind of number (the user's number type is refused).");

    /** Every message key of the code step, by what an app must do about it. */
    private static final Map<String, Answer> ANSWERS = Map.ofEntries(
            Map.entry(COOLDOWN_KEY, new Answer(401, REQUIRED,
                    "A code was sent already: send it, or ask for a new one after resend_in seconds.")),
            Map.entry("smsOtpWrongCode", new Answer(401, INVALID, "The code is not right.")),
            Map.entry("smsOtpMissingCode", new Answer(401, INVALID, "The code is empty.")),
            Map.entry("smsOtpTooManyAttempts", new Answer(401, EXPIRED,
                    "Too many wrong codes: ask for a new code (a request without " + PARAMETER + ").")),
            Map.entry("smsOtpCodeExpired", new Answer(401, EXPIRED,
                    "The code has expired: ask for a new code (a request without " + PARAMETER + ").")),
            Map.entry("smsOtpNoActiveCode", new Answer(401, EXPIRED,
                    "No code is pending for this user and client: ask for one (a request without " + PARAMETER + ").")),
            Map.entry("smsOtpSendLimit", new Answer(429, SEND_REFUSED,
                    "The most codes allowed for one sign-in were sent: try again later, or start a new sign-in.")),
            Map.entry("smsOtpLimitReached", new Answer(429, SEND_REFUSED,
                    "Too many codes were requested: try again after retry_in_minutes.")),
            Map.entry("smsOtpRangeThrottled", new Answer(429, SEND_REFUSED,
                    "Codes cannot be sent to this number right now.")),
            Map.entry("smsOtpLocked", new Answer(429, LOCKED,
                    "Too many wrong codes: try again after retry_in_minutes.")),
            Map.entry("smsOtpSendFailed", new Answer(503, SEND_FAILED,
                    "The SMS could not be sent: try again in a moment.")),
            Map.entry("smsOtpCallFailed", new Answer(503, SEND_FAILED,
                    "The call could not be made: try again in a moment.")),
            Map.entry("smsOtpWhatsAppFailed", new Answer(503, SEND_FAILED,
                    "The WhatsApp message could not be sent: try again in a moment.")),
            Map.entry("smsOtpCheckFailed", new Answer(503, SEND_FAILED,
                    "The provider could not check the code: ask for a new code in a moment.")),
            Map.entry("smsOtpCountryNotAllowed", new Answer(400, NUMBER_REFUSED,
                    "The realm sends no SMS to the country of the user's number.")),
            Map.entry("smsOtpNumberTypeRefused", TYPE_REFUSED),
            Map.entry("smsOtpNotMobile", TYPE_REFUSED),
            Map.entry("smsOtpPremiumRateNumber", TYPE_REFUSED),
            Map.entry("smsOtpTollFreeNumber", TYPE_REFUSED),
            Map.entry("smsOtpVoipNumber", TYPE_REFUSED),
            Map.entry("smsOtpInvalidNumber", new Answer(400, NUMBER_INVALID,
                    "phone_number is missing, or not a number: E.164 (+ and the country code), or national in the "
                            + "realm's default region.")),
            Map.entry("smsOtpCountryNotAllowedField", new Answer(400, NUMBER_REFUSED,
                    "The realm sends no SMS to the country of this number.")),
            Map.entry("smsOtpNoPhone", new Answer(400, NO_NUMBER,
                    "The account has no number for SMS codes; the user sets one up in a browser.")),
            Map.entry("smsOtpNotAvailable", new Answer(503, UNAVAILABLE,
                    "SMS codes are not available: the realm's administrator finds the cause in the server log.")));

    private GrantAnswers() {
    }

    /**
     * The code's state, with what the step said about it.
     *
     * @param handle what the app sends back in {@value #HANDLE} to name this login; null where nothing
     */
    static Response codeState(CodePageBean page, Notice notice, String handle) {
        Answer answer = notice.errorKey().map(GrantAnswers::answer).orElse(CODE_SENT);
        Map<String, Object> body = body(answer);
        if (handle != null) {
            body.put(HANDLE, handle);
        }
        if (page.getMaskedPhone() != null) {
            body.put("phone_hint", page.getMaskedPhone());
        }
        body.put("code_length", page.getCodeLength());
        body.put("expires_in", page.getCodeSecondsLeft());
        // A request that lost a race for the send read the history before the winner's send: the
        // cooldown it names is the true wait.
        long resendIn = notice.errorKey().filter(COOLDOWN_KEY::equals).isPresent() && notice.parameters().length > 0
                && notice.parameters()[0] instanceof Number seconds
                ? Math.max(page.getResendWaitSeconds(), seconds.longValue()) : page.getResendWaitSeconds();
        body.put("resend_in", resendIn);
        body.put("resend_allowed", page.isResendAllowed());
        body.put("channel", page.getChannel());
        Response.ResponseBuilder response = Response.status(answer.status());
        if (notice.parameters().length > 0 && notice.parameters()[0] instanceof Number minutes
                && answer.status() == 429) {
            body.put("retry_in_minutes", minutes.longValue());
            response.header("Retry-After", minutes.longValue() * 60);
        }
        return json(response, body);
    }

    /** An answer that ends the step: nothing in the request can change it. */
    static Response error(String key) {
        Answer answer = answer(key);
        return json(Response.status(answer.status()), body(answer));
    }

    /** The message keys this table answers, for the test that holds it to the theme's bundle. */
    static Set<String> keys() {
        return ANSWERS.keySet();
    }

    private static Answer answer(String key) {
        Answer known = ANSWERS.get(key);
        return known != null ? known
                : new Answer(400, OAuthErrorException.INVALID_REQUEST, "The SMS step refused the request.");
    }

    private static Map<String, Object> body(Answer answer) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", answer.error());
        body.put("error_description", answer.description());
        return body;
    }

    private static Response json(Response.ResponseBuilder response, Map<String, Object> body) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return response.type(MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore).entity(body).build();
    }
}
