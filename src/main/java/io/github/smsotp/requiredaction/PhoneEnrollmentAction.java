package io.github.smsotp.requiredaction;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.credential.PhoneSource;
import io.github.smsotp.credential.SmsOtpCredentialModel;
import io.github.smsotp.credential.SmsOtpCredentialProvider;
import io.github.smsotp.credential.UniqueNumbers;
import io.github.smsotp.events.SmsOtpEvents;
import io.github.smsotp.phone.MaskedPhone;
import io.github.smsotp.phone.Regions;
import io.github.smsotp.settings.EnrollmentSettings;
import io.github.smsotp.settings.SmsSettings;
import io.github.smsotp.step.CodePurpose;
import io.github.smsotp.step.LoginState;
import io.github.smsotp.step.Notice;
import io.github.smsotp.step.NumberRefusal;
import io.github.smsotp.step.SmsOtpStep;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.CredentialRegistrator;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Adds or changes the user's mobile number: enter it, receive a code, confirm it. Only a confirmed
 * number is stored (as the SMS credential). The user can go back and change the number, and
 * resend within the same limits as at login. Applications can start it with
 * {@code kc_action=sms-otp-phone}; Keycloak then asks for a fresh sign-in if the last one is
 * older than the action's maximum authentication age.
 */
public class PhoneEnrollmentAction implements RequiredActionProvider, CredentialRegistrator {

    private static final Logger LOG = Logger.getLogger(PhoneEnrollmentAction.class);

    static final String TEMPLATE = "sms-otp-enroll.ftl";
    static final String FIELD_PHONE = "phone";
    /** The country of a number typed without its {@code +country code}. */
    static final String FIELD_REGION = "region";
    static final String FIELD_CHANGE = "change";
    /** The number being confirmed, in the tab's authentication session. */

    private final Clock clock;

    PhoneEnrollmentAction(Clock clock) {
        this.clock = clock;
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // Added by the SMS step (user setup), by an admin, or started by an application.
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        Optional<EnrollmentSettings> settings = settings(context);
        if (settings.isEmpty()) {
            return;
        }
        LoginState state = LoginState.of(context.getAuthenticationSession());
        PhoneSource source = new PhoneSource(settings.get().provisioned());
        Optional<String> fixed = source.fixedForEnrollment(context.getUser());
        if (fixed.isPresent()) {
            state.pendingNumber().set(fixed.get());
        } else if (state.pendingNumber().get().isEmpty() && source.confirmsFirst()) {
            // Users with a number are offered a provisioned one first; "Use another number" leads to the form.
            source.provisioned(context.getUser()).ifPresent(state.pendingNumber()::set);
        }
        String pending = state.pendingNumber().get().orElse(null);
        if (pending == null) {
            context.challenge(numberPage(context, settings.get(), null, null));
            return;
        }
        step(context, settings.get(), pending).ifPresent(SmsOtpStep::arrive);
    }

    @Override
    public void processAction(RequiredActionContext context) {
        Optional<EnrollmentSettings> settings = settings(context);
        if (settings.isEmpty()) {
            return;
        }
        LoginState state = LoginState.of(context.getAuthenticationSession());
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        Optional<String> fixed = new PhoneSource(settings.get().provisioned()).fixedForEnrollment(context.getUser());
        if (fixed.isPresent()) {
            state.pendingNumber().set(fixed.get());
            if (form.containsKey(FIELD_CHANGE) || (form.containsKey(FIELD_PHONE)
                    && !fixed.get().equals(settings.get().parse(form.getFirst(FIELD_PHONE)).number()))) {
                refuseOtherNumber(context, settings.get(), fixed.get());
                return;
            }
        }
        String pending = state.pendingNumber().get().orElse(null);
        if (form.containsKey(FIELD_CHANGE) || (pending == null && !form.containsKey(FIELD_PHONE))) {
            state.pendingNumber().forget();
            context.challenge(numberPage(context, settings.get(), null, null));
            return;
        }
        if (form.containsKey(FIELD_PHONE)) {
            enterNumber(context, settings.get(), form.getFirst(FIELD_PHONE), form.getFirst(FIELD_REGION));
            return;
        }
        step(context, settings.get(), pending).ifPresent(step -> step.answer(form));
    }

    /** @param region the country picked for a number typed without its {@code +country code} */
    private void enterNumber(RequiredActionContext context, EnrollmentSettings settings, String input, String region) {
        EnrollmentSettings.Result parsed = settings.parse(input, regions(context, settings).choice(region).orElse(null));
        if (parsed.error() != null) {
            NumberRefusal.report(context.getEvent(), parsed.reason(), parsed.refusedType());
            context.challenge(numberPage(context, settings, input, parsed.error()));
            return;
        }
        LoginState.of(context.getAuthenticationSession()).pendingNumber().set(parsed.number());
        step(context, settings, parsed.number()).ifPresent(step -> {
            // A new number gets a fresh code, within the same cooldown and per-login cap as the last one.
            step.forgetCode();
            step.deliver();
        });
    }

    /** Keeps the user on the provisioned number's code page and says who can change the number. */
    private void refuseOtherNumber(RequiredActionContext context, EnrollmentSettings settings, String fixed) {
        step(context, settings, fixed).ifPresent(step -> {
            context.getEvent().detail(SmsOtpEvents.REASON, "provisioned_number").error(SmsOtpEvents.NUMBER_REFUSED);
            context.challenge(step.page(Notice.error("smsOtpNumberSetByAdmin")));
        });
    }

    private Optional<SmsOtpStep> step(RequiredActionContext context, EnrollmentSettings settings, String number) {
        ActionStepContext stepContext = new ActionStepContext(context, confirmed -> store(context, settings, number));
        return SmsOtpStep.open(stepContext, settings.reader(), number, clock, CodePurpose.ENROLLMENT);
    }

    /** Stores the confirmed number, unless another account holds it: then says so and stores nothing. */
    private boolean store(RequiredActionContext context, EnrollmentSettings settings, String number) {
        if (settings.uniqueNumbers()
                && !UniqueNumbers.mayHold(context.getSession(), context.getRealm(), context.getUser(), number)) {
            LoginState.of(context.getAuthenticationSession()).pendingNumber().forget();
            context.getEvent().detail(SmsOtpEvents.PHONE, MaskedPhone.mask(number))
                    .detail(SmsOtpEvents.REASON, "number_taken").error(SmsOtpEvents.NUMBER_REFUSED);
            if (new PhoneSource(settings.provisioned()).fixedForEnrollment(context.getUser()).isPresent()) {
                // The admin's number is the only one this user may confirm: only the admin can go on.
                context.challenge(context.form().setError("smsOtpProvisionedNumberTaken")
                        .createErrorPage(Response.Status.CONFLICT));
            } else {
                context.challenge(numberPage(context, settings, null, "smsOtpNumberTaken"));
            }
            return false;
        }
        SmsOtpCredentialProvider provider = (SmsOtpCredentialProvider) context.getSession()
                .getProvider(CredentialProvider.class, SmsOtpCredentialProvider.PROVIDER_ID);
        boolean change = new PhoneSource(settings.provisioned()).destination(context.getUser()).isPresent();
        List<CredentialModel> replaced = context.getUser().credentialManager()
                .getStoredCredentialsByTypeStream(SmsOtpCredentialModel.TYPE).toList();
        provider.createCredential(context.getRealm(), context.getUser(),
                SmsOtpCredentialModel.verified(number, clock.millis()));
        CredentialEvents.replaced(context.getEvent(), replaced);
        // Keycloak sends this event when the action succeeds, as it does for UpdateTotp.
        CredentialEvents.updated(context.getEvent());
        if (change) {
            NumberChangeNotice.sendAfterCommit(context.getSession(), context.getRealm(), context.getUser(), number);
        }
        LoginState.of(context.getAuthenticationSession()).pendingNumber().forget();
        context.getEvent().detail(SmsOtpEvents.PHONE, MaskedPhone.mask(number));
        LOG.infof("SMS number %s verified for user '%s' in realm '%s'", MaskedPhone.mask(number),
                context.getUser().getId(), context.getRealm().getName());
        return true;
    }

    private Optional<EnrollmentSettings> settings(RequiredActionContext context) {
        try {
            return Optional.of(EnrollmentSettings.of(SmsSettings.resolve(context.getRealm(), configMap(context.getConfig()))));
        } catch (InvalidConfigException e) {
            LOG.errorf("SMS enrollment in realm '%s' is misconfigured: %s", context.getRealm().getName(),
                    e.getMessage());
            context.getEvent().error(SmsOtpEvents.MISCONFIGURED);
            context.challenge(context.form().setError("smsOtpNotAvailable").createErrorPage(Response.Status.BAD_REQUEST));
            return Optional.empty();
        }
    }

    private static Response numberPage(RequiredActionContext context, EnrollmentSettings settings, String typed,
                                       String errorKey) {
        LoginFormsProvider form = context.form().setAttribute("smsOtpEnroll",
                new NumberPageBean(typed, regions(context, settings)));
        if (errorKey != null) {
            form.addError(new FormMessage(FIELD_PHONE, errorKey));
        }
        return form.createForm(TEMPLATE);
    }

    /** The countries the page offers: those of the allow-list, in the user's language. */
    private static Regions regions(RequiredActionContext context, EnrollmentSettings settings) {
        return Regions.offered(settings.step().allowedCountries(), settings.defaultRegion(),
                context.getSession().getContext().resolveLocale(context.getUser()));
    }

    private static Map<String, String> configMap(RequiredActionConfigModel config) {
        return config == null ? null : config.getConfig();
    }

    @Override
    public String getCredentialType(KeycloakSession session, AuthenticationSessionModel authSession) {
        return SmsOtpCredentialModel.TYPE;
    }

    @Override
    public void close() {
        // stateless
    }
}
