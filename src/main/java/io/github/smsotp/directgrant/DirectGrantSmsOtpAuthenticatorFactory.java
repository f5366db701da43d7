package io.github.smsotp.directgrant;

import java.time.Clock;

import io.github.smsotp.step.SmsStepAuthenticatorFactory;

/** "SMS one-time code (direct grant)" in the admin console: the second factor for first-party apps. */
public class DirectGrantSmsOtpAuthenticatorFactory extends SmsStepAuthenticatorFactory {

    public static final String PROVIDER_ID = "sms-otp-direct-grant";

    public DirectGrantSmsOtpAuthenticatorFactory() {
        super(new Listing(PROVIDER_ID, "SMS one-time code (direct grant)", "sms-otp",
                "For the direct grant flow, after username and password: a token request without sms_otp sends "
                        + "a code by SMS and answers 401 sms_otp_required; the request with sms_otp gets the tokens.",
                false),
                new DirectGrantSmsOtpAuthenticator(Clock.systemUTC()));
    }
}
