package io.github.smsotp.browser;

import java.time.Clock;

import io.github.smsotp.step.SmsStepAuthenticatorFactory;

/** "SMS one-time code" in the admin console's list of authenticators: the second factor. */
public class SmsOtpAuthenticatorFactory extends SmsStepAuthenticatorFactory {

    public static final String PROVIDER_ID = "sms-otp-code";

    public SmsOtpAuthenticatorFactory() {
        super(new Listing(PROVIDER_ID, "SMS one-time code", "sms-otp",
                "Sends a one-time code by SMS to the user's verified mobile number and asks for it.", true),
                new SmsOtpAuthenticator(Clock.systemUTC()));
    }
}
