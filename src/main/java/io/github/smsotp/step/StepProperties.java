package io.github.smsotp.step;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.github.smsotp.phone.NumberTypes;
import io.github.smsotp.sender.SmsSender;
import io.github.smsotp.sender.SmsSenderFactory;
import io.github.smsotp.settings.GuardPolicy;
import io.github.smsotp.settings.LimitPolicy;
import io.github.smsotp.settings.SmsOtpConfig;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The admin console's form for sending and checking codes, shared by the login step and the
 * enrollment action: the code settings, the limits, a choice of every installed sender, and each
 * sender's own settings (stored as {@code <sender id>.<name>}).
 */
public final class StepProperties {

    private StepProperties() {
    }

    /** The form with every sender installed in this server, sorted by id. */
    public static List<ProviderConfigProperty> of(KeycloakSessionFactory factory) {
        return of(factory.getProviderFactoriesStream(SmsSender.class).map(SmsSenderFactory.class::cast)
                .sorted(Comparator.comparing(SmsSenderFactory::getId)).toList());
    }

    static List<ProviderConfigProperty> of(List<SmsSenderFactory> senders) {
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
                .property().name(SmsOtpConfig.ALLOWED_COUNTRIES).type(ProviderConfigProperty.STRING_TYPE)
                .label("Allowed country calling codes")
                .helpText("Comma-separated E.164 calling codes SMS may go to, e.g. '1, 44, 49'. Empty: every "
                        + "country. Numbers elsewhere are refused before anything is sent.")
                .add()
                .property().name(SmsOtpConfig.NUMBER_TYPES).type(ProviderConfigProperty.STRING_TYPE)
                .label("Allowed number types").defaultValue(NumberTypes.DEFAULT_LIST)
                .helpText("Comma-separated kinds of numbers codes may go to, by the numbering plan: mobile, "
                        + "fixed-line-or-mobile (plans like North America's, where both look alike), fixed-line, "
                        + "voip, toll-free, premium-rate, shared-cost, personal-number, pager, uan, voicemail, "
                        + "unknown. Numbers of other types are refused wherever they are entered.")
                .add()
                .property().name(SmsOtpConfig.VOIP_NUMBERS).type(ProviderConfigProperty.BOOLEAN_TYPE)
                .label("Allow VoIP numbers").defaultValue("false")
                .helpText("Also send codes to VoIP numbers, which anyone can hold by the thousand.")
                .add()
                .property().name(SmsOtpConfig.TRUST_BROWSER_DAYS).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Trust browsers for (days)").defaultValue("0")
                .helpText("0 to 90. Above 0, the code page offers \"Don't ask for a code on this browser\" for "
                        + "that many days; a login that asks for a level of authentication always gets the code. "
                        + "0: off.")
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
                .property().name(LimitPolicy.UNPROVEN_SENDS).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Limit: SMS per hour to unproven numbers")
                .helpText("The part of the realm's budget that codes to numbers nobody has proven yet (registration, "
                        + "enrollment) may spend: strangers can ask for those. Below the realm's limit, so that "
                        + "sign-ins always keep the rest. Empty: a tenth of the realm's limit (100 without one).")
                .add()
                .property().name(GuardPolicy.BLOCK_SENDS).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Pumping guard: sends that judge a block")
                .defaultValue(String.valueOf(GuardPolicy.DEFAULT_BLOCK_SENDS))
                .helpText("Codes to unproven numbers of one block of 10,000 numbers within the window before the "
                        + "guard judges it. 0: blocks are not judged.")
                .add()
                .property().name(GuardPolicy.COUNTRY_SENDS).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Pumping guard: sends that judge a country")
                .defaultValue(String.valueOf(GuardPolicy.DEFAULT_COUNTRY_SENDS))
                .helpText("The same for one country calling code. 0: countries are not judged.")
                .add()
                .property().name(GuardPolicy.CONFIRMED_PERCENT).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Pumping guard: codes confirmed (%)")
                .defaultValue(String.valueOf(GuardPolicy.DEFAULT_CONFIRMED_PERCENT))
                .helpText("1 to 100. A range whose codes come back less often than this is throttled.")
                .add()
                .property().name(GuardPolicy.WINDOW).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Pumping guard: window (minutes)").defaultValue(String.valueOf(GuardPolicy.DEFAULT_WINDOW))
                .helpText("5 to 1440. Sends and confirmations older than this no longer count.")
                .add()
                .property().name(GuardPolicy.COOL_OFF).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Pumping guard: first cool-off (minutes)")
                .defaultValue(String.valueOf(GuardPolicy.DEFAULT_COOL_OFF))
                .helpText("1 to 1440. How long a throttled range is refused; each repeat within a day doubles it, "
                        + "up to a day.")
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
                .options(withEmptyChoice(senders.stream().map(SmsSenderFactory::getId).toList()))
                .helpText("How codes are sent. Empty: the server's default sender. "
                        + senders.stream().map(s -> s.getId() + ": " + s.getDisplayName()).toList())
                .add()
                .property().name(SmsOtpConfig.FALLBACK_SENDER).type(ProviderConfigProperty.LIST_TYPE)
                .label("Fallback sender")
                .options(withEmptyChoice(senders.stream().map(SmsSenderFactory::getId).toList()))
                .helpText("Tried once when the sender fails (error or timeout). Empty: no fallback.")
                .add()
                .property().name(SmsOtpConfig.TEXT_FORMAT).type(ProviderConfigProperty.LIST_TYPE)
                .label("SMS format").options("plain", "webotp").defaultValue("plain")
                .helpText("webotp: the text ends with '@<login host> #<code>' so that Android and iOS offer the "
                        + "code for autofill on this site only.")
                .add()
                .property().name(SmsOtpConfig.ROUTES).type(ProviderConfigProperty.TEXT_TYPE)
                .label("Routes by country")
                .helpText("Senders by country calling code, e.g. '1 -> http@us; 49,43,41 -> http@eu; * -> sns'. "
                        + "'http@eu' is the HTTP sender with the settings eu.* (set through the admin REST API). "
                        + "Numbers no route takes use the sender above. The allowed countries apply first.")
                .add()
                .property().name(SmsOtpConfig.VOICE_FALLBACK).type(ProviderConfigProperty.LIST_TYPE)
                .label("Call me instead").options("off", "after-failed-delivery", "always").defaultValue("off")
                .helpText("When the code page offers a call that reads the code: never, once a delivery receipt "
                        + "says the SMS did not arrive, or from the first SMS on. Fixed-line numbers are offered a "
                        + "call whenever calls are on. A call is one of the login's sends, with limits of its own.")
                .add()
                .property().name(SmsOtpConfig.VOICE_SENDER).type(ProviderConfigProperty.STRING_TYPE)
                .label("Voice sender").defaultValue(SmsOtpConfig.DEFAULT_VOICE_SENDER)
                .helpText("The voice sender (sms-voice-sender SPI) that places calls; its settings are voice.*.")
                .add()
                .property().name(SmsOtpConfig.VOICE_SETTINGS + "." + GATEWAY_PRESET).type(ProviderConfigProperty.LIST_TYPE)
                .label("Voice: provider").options("custom", "twilio", "vonage").defaultValue("custom")
                .helpText("twilio: Calls API with TwiML Say; vonage: Voice API with an NCCO talk action; custom: "
                        + "voice.url gets the spoken text as the HTTP gateway's {{text}}.")
                .add()
                .property().name(SmsOtpConfig.VOICE_SETTINGS + ".url").type(ProviderConfigProperty.STRING_TYPE)
                .label("Voice: URL").helpText("custom: the gateway's URL. Presets: the provider's base URL, if not "
                        + "the default.")
                .add()
                .property().name(SmsOtpConfig.VOICE_SETTINGS + ".account").type(ProviderConfigProperty.STRING_TYPE)
                .label("Voice: account").helpText("Twilio: Account SID. Vonage: the application id.")
                .add()
                .property().name(SmsOtpConfig.VOICE_SETTINGS + ".auth-value").type(ProviderConfigProperty.PASSWORD)
                .label("Voice: secret").secret(true)
                .helpText("Twilio: auth token. Vonage: the application's private key (PEM). custom: the auth "
                        + "header's value. Use a vault reference.")
                .add()
                .property().name(SmsOtpConfig.VOICE_SETTINGS + ".from").type(ProviderConfigProperty.STRING_TYPE)
                .label("Voice: from").helpText("Presets: the number calls come from.")
                .add()
                .build());
        for (SmsSenderFactory sender : senders) {
            for (ProviderConfigProperty setting : sender.getSettingsProperties()) {
                // No default in the form: the console would save it, hiding the server-wide option
                // (--spi-sms-sender--<id>--<key>) that applies where the realm leaves a key empty.
                String help = setting.getHelpText() + (setting.getDefaultValue() == null ? ""
                        : " Default: " + setting.getDefaultValue() + ".") + " " + SERVER_OPTION;
                ProviderConfigProperty scoped = new ProviderConfigProperty(sender.getId() + "." + setting.getName(),
                        setting.getLabel(), help, setting.getType(), null, setting.isSecret());
                scoped.setOptions(setting.getOptions() == null ? null : withEmptyChoice(setting.getOptions()));
                list.add(scoped);
            }
        }
        return List.copyOf(list);
    }

    /**
     * The same settings as overrides of the realm's SMS settings: without defaults, so that a field
     * the admin leaves empty inherits the realm's value instead of pinning today's default.
     */
    public static List<ProviderConfigProperty> asOverrides(List<ProviderConfigProperty> settings) {
        return settings.stream().map(setting -> {
            // A switch stores true or false once shown, so it could never go back to inheriting: a list
            // with an empty choice can.
            boolean yesNo = ProviderConfigProperty.BOOLEAN_TYPE.equals(setting.getType());
            ProviderConfigProperty override = new ProviderConfigProperty(setting.getName(), setting.getLabel(),
                    setting.getHelpText() + " " + INHERITS, yesNo ? ProviderConfigProperty.LIST_TYPE : setting.getType(),
                    null, setting.isSecret());
            List<String> options = yesNo ? List.of("true", "false") : setting.getOptions();
            override.setOptions(options == null ? null : withEmptyChoice(options));
            return override;
        }).toList();
    }

    /**
     * The admin console preselects a list's first option when it has no default, and saves it: an
     * empty first option lets "nothing chosen" (server default, no fallback, inherit) stay possible.
     */
    private static List<String> withEmptyChoice(List<String> options) {
        if (options.contains("")) {
            return options;
        }
        List<String> withEmpty = new ArrayList<>(options.size() + 1);
        withEmpty.add("");
        withEmpty.addAll(options);
        return withEmpty;
    }

    /** The HTTP senders' preset setting, under the voice sender's name. */
    private static final String GATEWAY_PRESET = "preset";

    static final String INHERITS = "Empty: the realm's value (Realm settings > SMS).";
    static final String SERVER_OPTION = "Empty: the server's option --spi-sms-sender--<sender>--<key> if set, else the default.";
}
