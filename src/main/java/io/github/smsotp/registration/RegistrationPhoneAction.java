package io.github.smsotp.registration;

import java.util.List;
import java.util.Set;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.credential.VerifiedPhone;
import io.github.smsotp.events.SmsOtpEvents;
import io.github.smsotp.provider.StatelessFactory;
import io.github.smsotp.settings.EnrollmentSettings;
import io.github.smsotp.settings.SmsSettings;
import io.github.smsotp.step.LoginState;
import io.github.smsotp.step.NumberRefusal;
import io.github.smsotp.userless.UserlessStep;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.logging.Logger;
import org.keycloak.authentication.FormAction;
import org.keycloak.authentication.FormActionFactory;
import org.keycloak.authentication.FormContext;
import org.keycloak.authentication.ValidationContext;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * "Mobile number, confirmed by SMS" in the registration form. The field is the user-profile attribute
 * {@code phoneNumber}, which the realm's user profile declares (Keycloak's registration page shows
 * user-profile attributes only). A number is checked as enrollment checks it; the new account keeps
 * it as unverified, and the enrollment action confirms it by code before the first sign-in ends, so
 * no unconfirmed number ever signs anyone in. Whether another account holds it is told only then.
 */
public class RegistrationPhoneAction extends UserlessStep implements FormAction, FormActionFactory,
        StatelessFactory<FormAction> {

    public static final String PROVIDER_ID = "sms-otp-registration-phone";
    static final String FIELD = VerifiedPhone.NUMBER;
    static final String NUMBER_REQUIRED = "number-required";

    private static final Logger LOG = Logger.getLogger(RegistrationPhoneAction.class);

    private static final Requirement[] REQUIREMENTS = {Requirement.REQUIRED, Requirement.DISABLED};

    @Override
    public void buildPage(FormContext context, LoginFormsProvider form) {
        // The field is the user profile's: see the class comment.
    }

    @Override
    public void validate(ValidationContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String typed = form.getFirst(FIELD);
        EnrollmentSettings.Result parsed;
        try {
            if (typed == null || typed.isBlank()) {
                if (required(context.getAuthenticatorConfig())) {
                    refuse(context, form, "smsOtpMissingNumber");
                } else {
                    context.success();
                }
                return;
            }
            parsed = EnrollmentSettings.of(context.getRealm()).parse(typed);
        } catch (InvalidConfigException e) {
            LOG.errorf("SMS registration in realm '%s' is misconfigured: %s", context.getRealm().getName(),
                    e.getMessage());
            refuse(context, form, "smsOtpNotAvailable");
            return;
        }
        if (parsed.refusedType().isPresent()) {
            // A kind of number no code may go to is the realm's cost rule, not a typo: an event of its own.
            NumberRefusal.details(context.getEvent(), parsed.reason(), parsed.refusedType());
            context.error(SmsOtpEvents.NUMBER_REFUSED);
            context.validationError(form, List.of(new FormMessage(FIELD, parsed.error())));
        } else if (parsed.error() != null) {
            refuse(context, form, parsed.error());
        } else {
            context.success();
        }
    }

    /** Keycloak sends the event of the form's first refusal, with our reason. */
    private static void refuse(ValidationContext context, MultivaluedMap<String, String> form, String messageKey) {
        context.getEvent().detail(SmsOtpEvents.REASON, "invalid_number");
        context.error(Errors.INVALID_REGISTRATION);
        context.validationError(form, List.of(new FormMessage(FIELD, messageKey)));
    }

    @Override
    public void success(FormContext context) {
        String typed = context.getHttpRequest().getDecodedFormParameters().getFirst(FIELD);
        UserModel user = context.getUser();
        if (typed == null || typed.isBlank() || user == null) {
            return;
        }
        String number = EnrollmentSettings.of(context.getRealm()).parse(typed).number();
        VerifiedPhone.unconfirmed(user, number);
        // Confirmed in this sign-in, right after the form: the code goes out at once.
        LoginState.of(context.getAuthenticationSession()).pendingNumber().set(number);
        user.addRequiredAction(SmsSettings.ENROLLMENT_ACTION);
    }

    private static boolean required(AuthenticatorConfigModel config) {
        ConfigReader reader = ConfigReader.of(config == null ? null : config.getConfig());
        return Boolean.parseBoolean(reader.choice(NUMBER_REQUIRED, "true", Set.of("true", "false")));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Mobile number, confirmed by SMS";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public String getHelpText() {
        return "Checks the mobile number of the registration form (user-profile attribute phoneNumber) and has "
                + "the new account confirm it by SMS code before its first sign-in completes.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(NUMBER_REQUIRED).type(ProviderConfigProperty.BOOLEAN_TYPE)
                .label("Number required").defaultValue("true")
                .helpText("Off: users may register without a number, and add one later.")
                .add()
                .build();
    }

    @Override
    public FormAction create(KeycloakSession session) {
        return this;
    }

}
