package io.github.smsotp.userless;

import java.time.Clock;
import java.util.Optional;

import io.github.smsotp.events.SmsOtpEvents;
import io.github.smsotp.limits.KeycloakLockout;
import io.github.smsotp.phone.MaskedPhone;
import io.github.smsotp.step.CodePurpose;
import io.github.smsotp.step.LoginChannel;
import io.github.smsotp.step.SmsOtpStep;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Errors;
import org.keycloak.models.UserModel;

/**
 * The code step of a sign-in by phone number, in a browser or an app's token requests: the code goes
 * to the number's holder, if anyone may sign in with it, who is set on the flow once the code is right.
 */
public final class PhoneSignInStep {

    private PhoneSignInStep() {
    }

    /** @param channel how the step answers (null: pages) */
    public static Optional<SmsOtpStep> open(AuthenticationFlowContext flow, EntrySettings settings, String number,
                                            Optional<UserModel> holder, Clock clock, LoginChannel channel) {
        holder.ifPresent(flow.getEvent()::user);
        UserlessStepContext stepContext = new UserlessStepContext(flow, holder, number, user -> {
            flow.setUser(user);
            flow.success(KeycloakLockout.CATEGORY);
        }, channel);
        return SmsOtpStep.open(stepContext, settings.typed().reader(), number, clock, CodePurpose.PHONE_SIGN_IN);
    }

    /** For the admin's eyes only, as Keycloak reports an unknown username: the user sees a sent code. */
    public static void reportUnknown(AuthenticationFlowContext flow, String number) {
        flow.getEvent().clone().detail(SmsOtpEvents.PHONE, MaskedPhone.mask(number))
                .detail(SmsOtpEvents.REASON, "unknown_number").error(Errors.USER_NOT_FOUND);
    }
}
