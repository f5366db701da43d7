package io.github.smsotp.step;

import io.github.smsotp.credential.SignInNumber;
import io.github.smsotp.limits.KeycloakLockout;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/** The SMS step as a second factor: it proves the user the flow has identified already. */
public final class SecondFactorContext extends InFlowStepContext {

    public SecondFactorContext(AuthenticationFlowContext flow) {
        super(flow);
    }

    public SecondFactorContext(AuthenticationFlowContext flow, LoginChannel channel) {
        super(flow, channel);
    }

    @Override
    public UserModel user() {
        return flow.getUser();
    }

    @Override
    public void reportWrongCode() {
        KeycloakLockout.wrongCodeOfFlowUser(flow);
    }

    /**
     * Success as an "otp" credential, like Keycloak's OTP form: since 26.7 only that clears the
     * user's second-factor failures, which otherwise add up across good logins to a permanent
     * lockout where the realm limits them. (26.5 clears all failures on any success.)
     */
    @Override
    public void succeed(String phone) {
        SignInNumber.confirmed(flow.getSession(), flow.getRealm(), flow.getUser(), phone);
        channel().proven(flow.getUser(), phone);
        flow.success(KeycloakLockout.CATEGORY);
    }

    @Override
    public String refusedByKeycloak() {
        return KeycloakLockout.refusal(flow, flow.getUser());
    }
}
