package io.github.smsotp.userless;

import java.util.Map;
import java.util.Optional;

import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.credential.PhoneSource;
import io.github.smsotp.settings.EnrollmentSettings;
import io.github.smsotp.settings.SmsSettings;
import io.github.smsotp.step.LoginChannel;
import io.github.smsotp.step.SmsOtpStep;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticatorConfigModel;

/**
 * What a step that finds its user by number reads: how typed numbers are parsed and codes sent (its
 * execution's config over the realm's SMS settings), and where users' numbers come from (as the
 * realm's SMS step and enrollment see them).
 */
public record EntrySettings(EnrollmentSettings typed, PhoneSource numbers) {

    /** The settings, or empty after a page that says the step is unavailable (the log names the key). */
    public static Optional<EntrySettings> of(AuthenticationFlowContext context) {
        return of(context, null);
    }

    /** As {@link #of(AuthenticationFlowContext)}, answering through {@code channel} (null: pages). */
    public static Optional<EntrySettings> of(AuthenticationFlowContext context, LoginChannel channel) {
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        Map<String, String> override = config == null ? null : config.getConfig();
        try {
            return Optional.of(new EntrySettings(EnrollmentSettings.of(SmsSettings.resolve(context.getRealm(), override)),
                    PhoneSource.of(context.getRealm())));
        } catch (InvalidConfigException e) {
            SmsOtpStep.showUnavailable(new UserlessStepContext(context, Optional.empty(), "", user -> { }, channel), e);
            return Optional.empty();
        }
    }
}
