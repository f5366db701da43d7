package io.github.smsotp.browser;

import java.time.Clock;

import io.github.smsotp.step.SmsStepAuthenticatorFactory;

/**
 * "Phone number and SMS code" in the admin console: a first step of a browser flow, alone or as an
 * alternative to username and password (users reach it with "Try another way"). The login pages
 * name it with the message keys {@code sms-otp-phone-login-display-name} and {@code -help-text}.
 */
public class PhoneSignInAuthenticatorFactory extends SmsStepAuthenticatorFactory {

    public static final String PROVIDER_ID = "sms-otp-phone-login";

    public PhoneSignInAuthenticatorFactory() {
        super(new Listing(PROVIDER_ID, "Phone number and SMS code", PROVIDER_ID,
                "Signs users in with their verified mobile number and a code sent to it by SMS, without a "
                        + "password. Unknown numbers get the same pages and no SMS.", false),
                new PhoneSignInAuthenticator(Clock.systemUTC()));
    }
}
