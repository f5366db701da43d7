package io.github.smsotp.authenticator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.github.smsotp.limits.LimitPolicy;
import io.github.smsotp.sender.SmsSender;
import io.github.smsotp.sender.SmsSenderFactory;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * "SMS one-time code" in the admin console's list of authenticators. The config form lists the
 * step's own settings, a choice of every installed sender, and each sender's settings.
 */
public class SmsOtpAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "sms-otp-code";

    private static final SmsOtpAuthenticator AUTHENTICATOR = new SmsOtpAuthenticator(Clock.systemUTC());

    private static final Requirement[] REQUIREMENTS = {
            Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED
    };

    private List<ProviderConfigProperty> properties = stepProperties(List.of());

    @Override
    public Authenticator create(KeycloakSession session) {
        return AUTHENTICATOR;
    }

    @Override
    public void init(Config.Scope config) {
        // per-realm settings only; senders take the server-wide ones
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Senders are known only once every factory is loaded, third-party ones included.
        List<SmsSenderFactory> senders = factory.getProviderFactoriesStream(SmsSender.class)
                .map(SmsSenderFactory.class::cast)
                .sorted(Comparator.comparing(SmsSenderFactory::getId))
                .toList();
        properties = stepProperties(senders);
    }

    static List<ProviderConfigProperty> stepProperties(List<SmsSenderFactory> senders) {
        List<ProviderConfigProperty> list = new ArrayList<>(ProviderConfigurationBuilder.create()
                .property().name(SmsOtpConfig.CODE_LENGTH).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Code length").defaultValue(String.valueOf(SmsOtpConfig.DEFAULT_CODE_LENGTH))
                .helpText("Digits in a code, 6 to 10.")
                .add()
                .property().name(SmsOtpConfig.CODE_LIFETIME).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Code lifetime (seconds)").defaultValue(String.valueOf(SmsOtpConfig.DEFAULT_CODE_LIFETIME))
                .helpText("How long a code works, 60 to 600 seconds.")
                .add()
                .property().name(SmsOtpConfig.ATTEMPTS_PER_CODE).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Attempts per code").defaultValue(String.valueOf(SmsOtpConfig.DEFAULT_ATTEMPTS_PER_CODE))
                .helpText("Wrong entries a code tolerates (1 to 10); then the user must request a new code.")
                .add()
                .property().name(SmsOtpConfig.RESEND_COOLDOWN).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Resend cooldown (seconds)").defaultValue(String.valueOf(SmsOtpConfig.DEFAULT_RESEND_COOLDOWN))
                .helpText("Minimum time between two codes in one login, 0 to 3600 seconds.")
                .add()
                .property().name(SmsOtpConfig.SENDS_PER_LOGIN).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Sends per login").defaultValue(String.valueOf(SmsOtpConfig.DEFAULT_SENDS_PER_LOGIN))
                .helpText("SMS one login may trigger, first one and failed attempts included (1 to 20).")
                .add()
                .property().name(SmsOtpConfig.PHONE_ATTRIBUTE).type(ProviderConfigProperty.STRING_TYPE)
                .label("Phone attribute").defaultValue(SmsOtpConfig.DEFAULT_PHONE_ATTRIBUTE)
                .helpText("User attribute that holds the number in international format, e.g. +12015550123.")
                .add()
                .property().name(SmsOtpConfig.ALLOWED_COUNTRIES).type(ProviderConfigProperty.STRING_TYPE)
                .label("Allowed country calling codes")
                .helpText("Comma-separated E.164 calling codes SMS may go to, e.g. '1, 44, 49'. Empty: every "
                        + "country. Numbers elsewhere are refused before anything is sent.")
                .add()
                .property().name(LimitPolicy.USER_SENDS).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Limit: SMS per user per hour").defaultValue(String.valueOf(LimitPolicy.DEFAULT_USER_SENDS))
                .helpText("Across all logins and cluster nodes. 0: no limit.")
                .add()
                .property().name(LimitPolicy.NUMBER_SENDS).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Limit: SMS per number per 10 minutes")
                .defaultValue(String.valueOf(LimitPolicy.DEFAULT_NUMBER_SENDS))
                .helpText("Across all users of the realm: one number cannot be flooded. 0: no limit.")
                .add()
                .property().name(LimitPolicy.IP_SENDS).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Limit: SMS per client IP per hour").defaultValue(String.valueOf(LimitPolicy.DEFAULT_IP_SENDS))
                .helpText("Against SMS pumping from one address. Behind a proxy, configure Keycloak's proxy "
                        + "headers so it sees the client's address. 0: no limit.")
                .add()
                .property().name(LimitPolicy.REALM_SENDS).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Limit: SMS per realm per hour").defaultValue(String.valueOf(LimitPolicy.DEFAULT_REALM_SENDS))
                .helpText("A budget cap for the whole realm. 0: no limit.")
                .add()
                .property().name(LimitPolicy.MAX_FAILURES).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Lockout: after wrong codes").defaultValue(String.valueOf(LimitPolicy.DEFAULT_MAX_FAILURES))
                .helpText("Consecutive wrong codes (any code, any login) that lock the SMS step for the user. "
                        + "Works without the realm's brute-force detection; 0: off.")
                .add()
                .property().name(LimitPolicy.FAILURE_WINDOW).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Lockout: counting window (minutes)")
                .defaultValue(String.valueOf(LimitPolicy.DEFAULT_FAILURE_WINDOW))
                .helpText("Wrong codes older than this are forgotten.")
                .add()
                .property().name(LimitPolicy.LOCKOUT).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Lockout: duration (minutes)").defaultValue(String.valueOf(LimitPolicy.DEFAULT_LOCKOUT))
                .helpText("How long sending and verifying stay refused after the lockout.")
                .add()
                .property().name(SmsOtpConfig.SENDER).type(ProviderConfigProperty.LIST_TYPE)
                .label("Sender")
                .options(senders.stream().map(SmsSenderFactory::getId).toList())
                .helpText("How codes are sent. Empty: the server's default sender. "
                        + senders.stream().map(s -> s.getId() + ": " + s.getDisplayName()).toList())
                .add()
                .build());
        for (SmsSenderFactory sender : senders) {
            for (ProviderConfigProperty setting : sender.getSettingsProperties()) {
                ProviderConfigProperty scoped = new ProviderConfigProperty(sender.getId() + "." + setting.getName(),
                        setting.getLabel(), setting.getHelpText(), setting.getType(), setting.getDefaultValue(),
                        setting.isSecret());
                scoped.setOptions(setting.getOptions());
                list.add(scoped);
            }
        }
        return List.copyOf(list);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "SMS one-time code";
    }

    @Override
    public String getReferenceCategory() {
        return "sms-otp";
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
        return "Sends a one-time code by SMS to the number in the user's phone attribute and asks for it.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return properties;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
