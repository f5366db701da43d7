package io.github.smsotp.userless;

import java.util.Optional;
import java.util.function.Consumer;

import io.github.smsotp.limits.KeycloakLockout;
import io.github.smsotp.step.Dispatch;
import io.github.smsotp.step.InFlowStepContext;
import io.github.smsotp.step.LoginChannel;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/**
 * The code step before anyone is proven: for a number typed at sign-in, or the number of an account
 * named at a password reset. The code goes to the holder found for it; where there is none, the
 * step runs all the same, with every page and limit, and sends nothing. The gateway is called after
 * the page is answered, so that a found holder costs no more time than none.
 */
public final class UserlessStepContext extends InFlowStepContext {

    private final UserModel holder;
    private final String number;
    private final Consumer<UserModel> onProven;

    /**
     * @param holder   who may receive the code; empty for a decoy
     * @param number   what the per-user limits count for a decoy (a number or a typed username)
     * @param onProven what proving {@code holder} leads to
     */
    public UserlessStepContext(AuthenticationFlowContext flow, Optional<UserModel> holder, String number,
                        Consumer<UserModel> onProven) {
        this(flow, holder, number, onProven, null);
    }

    /** @param channel how the step answers, where the flow is not a browser's (null: pages) */
    public UserlessStepContext(AuthenticationFlowContext flow, Optional<UserModel> holder, String number,
                               Consumer<UserModel> onProven, LoginChannel channel) {
        super(flow, channel);
        this.holder = holder.orElse(null);
        this.number = number;
        this.onProven = onProven;
    }

    @Override
    public UserModel user() {
        return holder;
    }

    @Override
    public String limitSubject() {
        return holder != null ? holder.getId() : "unknown:" + number;
    }

    @Override
    public Dispatch dispatch() {
        return holder != null ? Dispatch.UNREPORTED : Dispatch.WITHHELD;
    }

    @Override
    public void reportWrongCode() {
        if (holder == null) {
            return;
        }
        if (flow.getUser() != null && flow.getUser().getId().equals(holder.getId())) {
            // Identified already (a password reset): Keycloak counts the failed step itself where it can.
            KeycloakLockout.wrongCodeOfFlowUser(flow);
        } else {
            KeycloakLockout.wrongCodeOf(flow, holder);
        }
    }

    @Override
    public void succeed(String phone) {
        channel().proven(holder, phone);
        onProven.accept(holder);
    }

    @Override
    public String refusedByKeycloak() {
        return holder == null ? null : KeycloakLockout.refusal(flow, holder);
    }
}
