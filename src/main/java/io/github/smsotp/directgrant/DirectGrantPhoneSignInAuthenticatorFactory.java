package io.github.smsotp.directgrant;

import java.time.Clock;

import io.github.smsotp.step.SmsStepAuthenticatorFactory;

/** "Phone number and SMS code (direct grant)" in the admin console: phone sign-in for first-party apps. */
public class DirectGrantPhoneSignInAuthenticatorFactory extends SmsStepAuthenticatorFactory {

    public static final String PROVIDER_ID = "sms-otp-direct-grant-phone";

    public DirectGrantPhoneSignInAuthenticatorFactory() {
        super(new Listing(PROVIDER_ID, "Phone number and SMS code (direct grant)", "sms-otp-phone-login",
                "In a direct grant flow, alone or as an alternative before username and password: a token request "
                        + "with phone_number sends a code by SMS and answers 401 sms_otp_required; the request with "
                        + "phone_number, sms_otp and sms_otp_handle gets the tokens. Unknown numbers get the same answers "
                        + "and no SMS.", false),
                new DirectGrantPhoneSignInAuthenticator(Clock.systemUTC()));
    }
}
