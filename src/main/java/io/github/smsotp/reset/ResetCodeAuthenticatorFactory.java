package io.github.smsotp.reset;

import java.time.Clock;

import io.github.smsotp.step.SmsStepAuthenticatorFactory;

/**
 * "SMS code to the account's number" in the admin console: a step of the reset-credentials flow after
 * "Choose user", instead of the e-mail link, as its alternative ("Try another way"), or in addition
 * to it. The login pages name it with the message keys {@code sms-otp-reset-code-display-name} and
 * {@code -help-text}.
 */
public class ResetCodeAuthenticatorFactory extends SmsStepAuthenticatorFactory {

    public static final String PROVIDER_ID = "sms-otp-reset-code";

    public ResetCodeAuthenticatorFactory() {
        super(new Listing(PROVIDER_ID, "SMS code to the account's number", PROVIDER_ID,
                "For password reset: sends a code by SMS to the verified mobile number of the account the "
                        + "user named. Unknown accounts get the same page and no SMS.", false),
                new ResetCodeAuthenticator(Clock.systemUTC()));
    }
}
