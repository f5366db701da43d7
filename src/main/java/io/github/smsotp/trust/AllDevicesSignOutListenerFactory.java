package io.github.smsotp.trust;

import io.github.smsotp.events.GlobalListenerFactory;

/** Every realm's "Sign out all devices" ends the trust of the user's browsers. */
public class AllDevicesSignOutListenerFactory extends GlobalListenerFactory {

    public AllDevicesSignOutListenerFactory() {
        super("sms-otp-trusted-browsers", AllDevicesSignOutListener::new);
    }
}
