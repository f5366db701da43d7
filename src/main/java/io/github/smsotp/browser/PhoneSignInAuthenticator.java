package io.github.smsotp.browser;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import io.github.smsotp.settings.EnrollmentSettings;
import io.github.smsotp.step.BrowserOnly;
import io.github.smsotp.step.LoginState;
import io.github.smsotp.step.Notice;
import io.github.smsotp.step.NumberRefusal;
import io.github.smsotp.step.SmsOtpStep;
import io.github.smsotp.userless.EntrySettings;
import io.github.smsotp.userless.EvenTiming;
import io.github.smsotp.userless.PhoneSignInStep;
import io.github.smsotp.userless.SignInRecipients;
import io.github.smsotp.userless.UserlessStep;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/**
 * Sign-in with a phone number and the code sent to it. The user is found by verified number, and
 * set on the flow only once the code is right. Every number that parses gets the same pages, in the
 * same time, under the same limits: a number that no account may sign in with gets a code page too,
 * no SMS, and no code that works.
 */
public class PhoneSignInAuthenticator extends UserlessStep implements Authenticator {

    static final String TEMPLATE = "sms-otp-phone-login.ftl";
    static final String FIELD_PHONE = "phone";
    static final String FIELD_CHANGE = "change";

    private final Clock clock;

    PhoneSignInAuthenticator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (BrowserOnly.answeredTokenRequest(context)) {
            return;
        }
        Optional<String> typed = LoginState.of(context.getAuthenticationSession()).signInNumber().get();
        if (typed.isEmpty()) {
            context.challenge(numberPage(context, null, null));
            return;
        }
        String number = typed.get();
        // Back at this step (a reload, or "Try another way" and back): never sends by itself.
        EvenTiming timing = new EvenTiming();
        EntrySettings.of(context).flatMap(settings -> step(context, settings, number))
                .ifPresent(step -> context.challenge(step.page(Notice.none())));
        timing.await();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        LoginState state = LoginState.of(context.getAuthenticationSession());
        String number = state.signInNumber().get().orElse(null);
        if (form.containsKey(FIELD_CHANGE) || (number == null && !form.containsKey(FIELD_PHONE))) {
            state.signInNumber().forget();
            context.challenge(numberPage(context, null, null));
            return;
        }
        Optional<EntrySettings> settings = EntrySettings.of(context);
        if (settings.isEmpty()) {
            return;
        }
        EvenTiming timing = new EvenTiming();
        if (form.containsKey(FIELD_PHONE)) {
            enterNumber(context, settings.get(), form.getFirst(FIELD_PHONE));
        } else {
            step(context, settings.get(), number).ifPresent(step -> step.answer(form));
        }
        timing.await();
    }

    private void enterNumber(AuthenticationFlowContext context, EntrySettings settings, String input) {
        EnrollmentSettings.Result parsed = settings.typed().parse(input);
        if (parsed.error() != null) {
            NumberRefusal.report(context.getEvent(), parsed.reason(), parsed.refusedType());
            context.challenge(numberPage(context, input, parsed.error()));
            return;
        }
        LoginState.of(context.getAuthenticationSession()).signInNumber().set(parsed.number());
        Optional<UserModel> holder = SignInRecipients.byNumber(context, settings, parsed.number());
        if (holder.isEmpty()) {
            PhoneSignInStep.reportUnknown(context, parsed.number());
        }
        step(context, settings, parsed.number(), holder).ifPresent(step -> {
            // A new number gets a fresh code, within the cooldown and per-login cap of the whole sign-in.
            step.forgetCode();
            step.deliver();
        });
    }

    private Optional<SmsOtpStep> step(AuthenticationFlowContext context, EntrySettings settings, String number) {
        return step(context, settings, number, SignInRecipients.byNumber(context, settings, number));
    }

    private Optional<SmsOtpStep> step(AuthenticationFlowContext context, EntrySettings settings, String number,
                                      Optional<UserModel> holder) {
        return PhoneSignInStep.open(context, settings, number, holder, clock, null);
    }

    private static Response numberPage(AuthenticationFlowContext context, String typed, String errorKey) {
        LoginFormsProvider form = context.form()
                .setAttribute("smsOtpPhoneLogin", Map.of("phone", typed == null ? "" : typed));
        if (errorKey != null) {
            form.addError(new FormMessage(FIELD_PHONE, errorKey));
        }
        return form.createForm(TEMPLATE);
    }
}
