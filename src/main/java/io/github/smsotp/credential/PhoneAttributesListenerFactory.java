package io.github.smsotp.credential;

import io.github.smsotp.events.GlobalListenerFactory;

/** The phone attributes follow a removed number in every realm. */
public class PhoneAttributesListenerFactory extends GlobalListenerFactory {

    public PhoneAttributesListenerFactory() {
        super("sms-otp-phone-attributes", PhoneAttributesListener::new);
    }
}
