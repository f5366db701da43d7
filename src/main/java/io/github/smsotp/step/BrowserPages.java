package io.github.smsotp.step;

import io.github.smsotp.settings.SmsOtpConfig;
import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.UserModel;

/**
 * The browser's channel: Keycloak's login pages (the theme's templates and messages), and the tab's
 * authentication session, where a proof stays for the login's later SMS steps.
 */
public final class BrowserPages implements LoginChannel {

    private final StepContext context;

    public BrowserPages(StepContext context) {
        this.context = context;
    }

    @Override
    public LoginState state(SmsOtpConfig config) {
        return LoginState.of(context.authSession());
    }

    @Override
    public Response codePage(CodePageBean page, Notice notice) {
        LoginFormsProvider form = context.form().setAttribute("smsOtp", page);
        notice.addTo(form);
        return form.createForm(CodePage.TEMPLATE);
    }

    @Override
    public Response errorPage(String key) {
        return context.form().setError(key).createErrorPage(Response.Status.BAD_REQUEST);
    }

    @Override
    public void proven(UserModel user, String phone) {
        LoginState.of(context.authSession()).proven(user, phone);
    }
}
