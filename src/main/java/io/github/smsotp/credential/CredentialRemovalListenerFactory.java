package io.github.smsotp.credential;

import io.github.smsotp.events.GlobalListenerFactory;

/** The phone attributes follow a removed number in every realm. */
public class CredentialRemovalListenerFactory extends GlobalListenerFactory {

    public CredentialRemovalListenerFactory() {
        super("sms-otp-phone-attributes", CredentialRemovalListener::new);
    }
}
