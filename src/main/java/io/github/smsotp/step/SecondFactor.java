package io.github.smsotp.step;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.credential.PhoneSource;
import io.github.smsotp.events.SmsOtpEvents;
import io.github.smsotp.settings.SmsSettings;
import org.jboss.logging.Logger;

/**
 * Opens the code step for the user a flow has identified: the settings read once (the execution's
 * own over the realm's), the user's number, then the step. Every call goes downwards: settings, the
 * credential, the step. A user without a usable number gets an error and no step.
 */
public final class SecondFactor {

    private static final Logger LOG = Logger.getLogger(SecondFactor.class);

    private SecondFactor() {
    }

    /** @param stepConfig the execution's config, as the entry point adjusted it */
    public static Optional<SmsOtpStep> open(SecondFactorContext context, Map<String, String> stepConfig, Clock clock) {
        context.event().user(context.user());
        SmsSettings.LoginStepSettings settings;
        Optional<String> phone;
        try {
            settings = SmsSettings.forLoginStep(context.realm(), stepConfig);
            phone = new PhoneSource(settings.provisioned()).destination(context.user());
        } catch (InvalidConfigException e) {
            SmsOtpStep.showUnavailable(context, e);
            return Optional.empty();
        }
        if (phone.isEmpty()) {
            LOG.warnf("SMS step in realm '%s': user '%s' has no verified number and no usable provisioned one",
                    context.realm().getName(), context.user().getId());
            context.event().error(SmsOtpEvents.NO_PHONE);
            context.show(context.channel().errorPage("smsOtpNoPhone"));
            return Optional.empty();
        }
        return SmsOtpStep.open(context, settings.step(), settings.values(), phone.get(), clock, CodePurpose.SIGN_IN);
    }
}
