package io.github.smsotp.settings;

import java.util.List;

import io.github.smsotp.phone.NumberTypes;
import io.github.smsotp.settings.Setting.Kind;
import io.github.smsotp.settings.Setting.Place;

/**
 * Every SMS setting of the realm, its steps and its enrollment, each defined once (a sender's own
 * settings are defined by the sender, see {@code SmsSenderFactory#getSettingsProperties}). The
 * records that read them ({@link SmsOtpConfig}, {@link LimitPolicy}, {@link GuardPolicy},
 * {@link EnrollmentSettings}, {@link ProvisionedNumbers}) parse through these definitions, and the
 * admin console's forms and the admin API are built from {@link #ALL}.
 */
public final class SettingsRegistry {

    private SettingsRegistry() {
    }

    // The code: defaults follow NIST SP 800-63B (six digits, five minutes, a handful of tries).
    public static final Setting CODE_LENGTH = Setting.number("code-length", 6, 6, 10, "Code length",
            "Digits in a code.");
    public static final Setting CODE_LIFETIME = Setting.number("code-lifetime-seconds", 300, 60, 600,
            "Code lifetime (seconds)", "How long a code works.");
    public static final Setting ATTEMPTS_PER_CODE = Setting.number("attempts-per-code", 5, 1, 10,
            "Attempts per code", "Wrong entries a code tolerates; then the user must request a new code.");
    public static final Setting RESEND_COOLDOWN = Setting.number("resend-cooldown-seconds", 30, 0, 3600,
            "Resend cooldown (seconds)", "Minimum time between two codes in one login.");
    public static final Setting SENDS_PER_LOGIN = Setting.number("sends-per-login", 3, 1, 20, "Sends per login",
            "SMS one login may trigger, first one and failed attempts included.");

    // Which numbers codes may go to.
    public static final Setting ALLOWED_COUNTRIES = Setting.of(Kind.TEXT, "allowed-calling-codes",
            "Allowed country calling codes", "Comma-separated E.164 calling codes SMS may go to, e.g. '1, 44, 49'. "
                    + "Empty: every country. Numbers elsewhere are refused before anything is sent.");
    public static final Setting NUMBER_TYPES = Setting.text("allowed-number-types", NumberTypes.DEFAULT_LIST,
            "Allowed number types", "Comma-separated kinds of numbers codes may go to, by the numbering plan: "
                    + "mobile, fixed-line-or-mobile (plans like North America's, where both look alike), fixed-line, "
                    + "voip, toll-free, premium-rate, shared-cost, personal-number, pager, uan, voicemail, unknown. "
                    + "Numbers of other types are refused wherever they are entered.");
    public static final Setting VOIP_NUMBERS = Setting.yesNo("allow-voip-numbers", false, "Allow VoIP numbers",
            "Also send codes to VoIP numbers, which anyone can hold by the thousand.");

    public static final Setting TRUST_BROWSER_DAYS = Setting.number("trust-browser-days", 0, 0, 90,
            "Trust browsers for (days)", "Above 0, the code page offers \"Don't ask for a code on this browser\" for "
                    + "that many days; a login that asks for a level of authentication always gets the code. 0: off.");

    // Limits across logins and cluster nodes. A limit of 0 switches it off.
    public static final Setting USER_SENDS = Setting.number("limit-user-sends-per-hour", 10, 0, 1000,
            "Limit: SMS per user per hour", "Across all logins and cluster nodes. 0: no limit.");
    public static final Setting NUMBER_SENDS = Setting.number("limit-number-sends-per-10-minutes", 5, 0, 1000,
            "Limit: SMS per number per 10 minutes", "Across all users of the realm: one number cannot be flooded. "
                    + "0: no limit.");
    public static final Setting IP_SENDS = Setting.number("limit-ip-sends-per-hour", 30, 0, 100_000,
            "Limit: SMS per client IP per hour", "Against SMS pumping from one address. Behind a proxy, configure "
                    + "Keycloak's proxy headers so it sees the client's address. 0: no limit.");
    public static final Setting REALM_SENDS = Setting.number("limit-realm-sends-per-hour", 1000, 0, 1_000_000,
            "Limit: SMS per realm per hour", "A budget cap for the whole realm. 0: no limit.");
    /** No default written: unset, it is a tenth of the realm's limit (see {@link LimitPolicy}). */
    public static final Setting UNPROVEN_SENDS = Setting.number("limit-unproven-sends-per-hour", null, 0, 1_000_000,
            "Limit: SMS per hour to unproven numbers", "The part of the realm's budget that codes to numbers nobody "
                    + "has proven yet (registration, enrollment) may spend: strangers can ask for those. Below the "
                    + "realm's limit, so that sign-ins always keep the rest. Empty: a tenth of the realm's limit "
                    + "(100 without one).");

    // The pumping guard: when codes to unproven numbers are throttled by range (see GuardPolicy for the why).
    public static final Setting GUARD_BLOCK_SENDS = Setting.number("guard-block-sends", 10, 0, 100_000,
            "Pumping guard: sends that judge a block", "Codes to unproven numbers of one block of 10,000 numbers "
                    + "within the window before the guard judges it. 0: blocks are not judged.");
    public static final Setting GUARD_COUNTRY_SENDS = Setting.number("guard-country-sends", 30, 0, 1_000_000,
            "Pumping guard: sends that judge a country", "The same for one country calling code. 0: countries are "
                    + "not judged.");
    public static final Setting GUARD_CONFIRMED_PERCENT = Setting.number("guard-confirmed-percent", 20, 1, 100,
            "Pumping guard: codes confirmed (%)", "A range whose codes come back less often than this is throttled.");
    public static final Setting GUARD_WINDOW = Setting.number("guard-window-minutes", 60, 5, 24 * 60,
            "Pumping guard: window (minutes)", "Sends and confirmations older than this no longer count.");
    public static final Setting GUARD_COOL_OFF = Setting.number("guard-cool-off-minutes", 15, 1, 24 * 60,
            "Pumping guard: first cool-off (minutes)", "How long a throttled range is refused; each repeat within "
                    + "a day doubles it, up to a day.");

    // Lockout after wrong codes, within NIST SP 800-63B's ceiling of 100.
    public static final Setting MAX_FAILURES = Setting.number("lockout-after-failures", 10, 0, 100,
            "Lockout: after wrong codes", "Consecutive wrong codes (any code, any login) that lock the SMS step "
                    + "for the user. Works without the realm's brute-force detection; 0: off.");
    public static final Setting FAILURE_WINDOW = Setting.number("lockout-failure-window-minutes", 60, 1, 24 * 60,
            "Lockout: counting window (minutes)", "Wrong codes older than this are forgotten.");
    public static final Setting LOCKOUT = Setting.number("lockout-minutes", 15, 1, 24 * 60,
            "Lockout: duration (minutes)", "How long sending and verifying stay refused after the lockout.");

    // Senders.
    /**
     * Empty on the realm's tab is fine where every step names its own: a step that ends up with no
     * sender (and a server without a default) is refused where it is used, naming this key.
     */
    public static final Setting SENDER = Setting.of(Kind.SENDER, "sender", "Sender",
            "How codes are sent. Empty: the server's default sender.");
    public static final Setting FALLBACK_SENDER = Setting.of(Kind.SENDER, "fallback-sender", "Fallback sender",
            "Tried once when the sender fails (error or timeout). Empty: no fallback.");
    public static final Setting TEXT_FORMAT = Setting.choice("sms-format", "plain", List.of("plain", "webotp"),
            "SMS format", "webotp: the text ends with '@<login host> #<code>' so that Android and iOS offer the "
                    + "code for autofill on this site only.");
    public static final Setting ROUTES = Setting.of(Kind.LINES, "routes", "Routes by country",
            "Senders by country calling code, e.g. '1 -> http@us; 49,43,41 -> http@eu; * -> sns'. 'http@eu' is the "
                    + "HTTP sender with the settings eu.* (set through the admin REST API). Numbers no route takes "
                    + "use the sender above. The allowed countries apply first.");

    // Calls: the voice sender and its settings (voice.*), which a server option may also give.
    public static final Setting VOICE_FALLBACK = Setting.choice("voice-fallback", "off",
            List.of("off", "after-failed-delivery", "always"), "Call me instead",
            "When the code page offers a call that reads the code: never, once a delivery receipt says the SMS did "
                    + "not arrive, or from the first SMS on. Fixed-line numbers are offered a call whenever calls "
                    + "are on. A call is one of the login's sends, with limits of its own.");
    public static final Setting VOICE_SENDER = Setting.text("voice-sender", "http", "Voice sender",
            "The voice sender (sms-voice-sender SPI) that places calls; its settings are voice.*.");
    /** The settings name of the voice sender: its settings are {@code voice.*}. */
    public static final String VOICE_SCOPE = "voice";
    public static final Setting VOICE_PRESET = senderSetting(Setting.choice(VOICE_SCOPE + ".preset", "custom",
            List.of("custom", "twilio", "vonage"), "Voice: provider", "twilio: Calls API with TwiML Say; vonage: "
                    + "Voice API with an NCCO talk action; custom: voice.url gets the spoken text as the HTTP "
                    + "gateway's {{text}}."));
    public static final Setting VOICE_URL = senderSetting(Setting.of(Kind.TEXT, VOICE_SCOPE + ".url", "Voice: URL",
            "custom: the gateway's URL. Presets: the provider's base URL, if not the default."));
    public static final Setting VOICE_ACCOUNT = senderSetting(Setting.of(Kind.TEXT, VOICE_SCOPE + ".account",
            "Voice: account", "Twilio: Account SID. Vonage: the application id."));
    public static final Setting VOICE_SECRET = senderSetting(Setting.of(Kind.SECRET, VOICE_SCOPE + ".auth-value",
            "Voice: secret", "Twilio: auth token. Vonage: the application's private key (PEM). custom: the auth "
                    + "header's value. Use a vault reference."));
    public static final Setting VOICE_FROM = senderSetting(Setting.of(Kind.TEXT, VOICE_SCOPE + ".from", "Voice: from",
            "Presets: the number calls come from."));

    // WhatsApp: the channel order, the WhatsApp sender and its settings (whatsapp.*), which a server option may also give.
    public static final Setting CHANNELS = Setting.text("channels", "sms", "Channels",
            "Where codes go, in order, e.g. 'whatsapp, sms': the first channel takes each code; a send it cannot "
                    + "make goes out on the next one at once, and the code page offers the next one ('Send by SMS "
                    + "instead'). Channels: sms, whatsapp. Each has limits of its own.");
    public static final Setting WHATSAPP_SENDER = Setting.text("whatsapp-sender", "http", "WhatsApp sender",
            "The WhatsApp sender (sms-whatsapp-sender SPI) that sends the codes; its settings are whatsapp.*.");
    /** The settings name of the WhatsApp sender: its settings are {@code whatsapp.*}. */
    public static final String WHATSAPP_SCOPE = "whatsapp";
    public static final Setting WHATSAPP_PRESET = senderSetting(Setting.choice(WHATSAPP_SCOPE + ".preset", "meta",
            List.of("meta", "twilio", "infobip"), "WhatsApp: provider", "meta: WhatsApp Cloud API; twilio: "
                    + "Messages API with a Content template; infobip: WhatsApp template API. Each sends an "
                    + "authentication template whose copy-code button carries the code."));
    public static final Setting WHATSAPP_URL = senderSetting(Setting.of(Kind.TEXT, WHATSAPP_SCOPE + ".url",
            "WhatsApp: URL", "The provider's base URL, if not the default (Infobip: your account's, required)."));
    public static final Setting WHATSAPP_ACCOUNT = senderSetting(Setting.of(Kind.TEXT, WHATSAPP_SCOPE + ".account",
            "WhatsApp: account", "Meta: the business phone number's id. Twilio: Account SID."));
    public static final Setting WHATSAPP_SECRET = senderSetting(Setting.of(Kind.SECRET, WHATSAPP_SCOPE + ".auth-value",
            "WhatsApp: secret", "Meta: a system user's access token. Twilio: auth token. Infobip: API key. Use a "
                    + "vault reference."));
    public static final Setting WHATSAPP_FROM = senderSetting(Setting.of(Kind.TEXT, WHATSAPP_SCOPE + ".from",
            "WhatsApp: from", "Twilio and Infobip: the WhatsApp sender's number."));
    public static final Setting WHATSAPP_TEMPLATE = senderSetting(Setting.of(Kind.TEXT, WHATSAPP_SCOPE + ".template",
            "WhatsApp: template", "The approved authentication template: its name (Twilio: its Content SID). One "
                    + "per language: 'de -> code_de; * -> code_en'."));
    public static final Setting WHATSAPP_LANGUAGES = senderSetting(Setting.of(Kind.TEXT,
            WHATSAPP_SCOPE + ".languages", "WhatsApp: template languages", "The template's language code by the "
                    + "user's language, e.g. 'en -> en_US; * -> en_US'. Empty: the user's language (de, pt_BR)."));

    public static final Setting WHATSAPP_RECEIPTS = senderSetting(Setting.choice(WHATSAPP_SCOPE + ".receipts", "off",
            List.of("on", "off"), "WhatsApp: receipts", "on: the provider reports each message's status to "
                    + "/realms/<realm>/sms-otp/delivery/whatsapp; a code WhatsApp could not deliver (the number is "
                    + "not on WhatsApp) goes by SMS where SMS follows. Meta: set that address as the app's webhook."));
    public static final Setting WHATSAPP_RECEIPT_SECRET = senderSetting(Setting.of(Kind.SECRET,
            WHATSAPP_SCOPE + ".receipt-secret", "WhatsApp: receipt secret", "Meta: the app secret (it signs the "
                    + "webhook). Infobip: a secret of your choice that signs each message's callback data."));
    public static final Setting WHATSAPP_VERIFY_TOKEN = senderSetting(Setting.of(Kind.SECRET,
            WHATSAPP_SCOPE + ".verify-token", "WhatsApp: webhook verify token", "Meta: the verify token typed "
                    + "beside the webhook's address in the app's dashboard."));

    // Verify APIs: the provider makes, sends and checks each code (verify.*), which a server option may also give.
    public static final Setting VERIFY_SENDER = Setting.of(Kind.TEXT, "verify-sender", "Verify API",
            "Empty: the extension makes, sends and checks the codes. 'http': a provider's Verify API makes, sends "
                    + "and checks them (verify.*); the channels above pick how it sends. Pages, limits, the pumping "
                    + "guard, attempts and lockout stay the extension's.");
    /** The settings name of the Verify sender: its settings are {@code verify.*}. */
    public static final String VERIFY_SCOPE = "verify";
    public static final Setting VERIFY_PRESET = senderSetting(Setting.choice(VERIFY_SCOPE + ".preset", "twilio",
            List.of("twilio", "vonage", "infobip"), "Verify: provider", "twilio: Verify v2 (sms, whatsapp, call); "
                    + "vonage: Verify v2 workflows (sms, whatsapp, call); infobip: 2FA PINs (sms, call)."));
    public static final Setting VERIFY_URL = senderSetting(Setting.of(Kind.TEXT, VERIFY_SCOPE + ".url",
            "Verify: URL", "The provider's base URL, if not the default (Infobip: your account's, required)."));
    public static final Setting VERIFY_ACCOUNT = senderSetting(Setting.of(Kind.TEXT, VERIFY_SCOPE + ".account",
            "Verify: account", "Twilio: Account SID. Vonage: API key."));
    public static final Setting VERIFY_SECRET = senderSetting(Setting.of(Kind.SECRET, VERIFY_SCOPE + ".auth-value",
            "Verify: secret", "Twilio: auth token. Vonage: API secret. Infobip: API key. Use a vault reference."));
    public static final Setting VERIFY_SERVICE = senderSetting(Setting.of(Kind.TEXT, VERIFY_SCOPE + ".service",
            "Verify: service", "Twilio: the Verify Service SID (VA...). Infobip: the 2FA application id. Vonage: "
                    + "the brand the code's message names (default: the realm's name)."));
    public static final Setting VERIFY_TEMPLATE = senderSetting(Setting.of(Kind.TEXT, VERIFY_SCOPE + ".template",
            "Verify: message template", "Infobip: the 2FA message template id (required). Twilio: a template SID "
                    + "(optional)."));

    // Enrollment: how typed and provisioned numbers are read. Not a step's to change.
    public static final Setting PHONE_ATTRIBUTE = enrollment(Setting.text("phone-attribute", "phone_number",
            "Provisioned number attribute", "User attribute where an admin or a directory (LDAP, SCIM) puts numbers, "
                    + "in international format. Make it read-only for users in the user profile."));
    public static final Setting PROVISIONED = enrollment(Setting.choice("provisioned-numbers", "off",
            List.of("off", "verify", "trust"), "Provisioned numbers", "off: ignore the attribute; verify: offer its "
                    + "number for enrollment and confirm it with a code first; trust: use it as enrolled, without a "
                    + "first code."));
    public static final Setting DEFAULT_REGION = enrollment(Setting.of(Kind.TEXT, "default-region", "Default region",
            "ISO 3166 region (e.g. US, DE) for numbers typed without +country code. Empty: international format only."));
    public static final Setting UNIQUE_NUMBERS = enrollment(Setting.yesNo("unique-numbers", true,
            "One account per number", "A verified number belongs to at most one user of the realm: confirming a "
                    + "number another account holds is refused, after its code, and stores nothing."));

    /** Every setting, in the order the admin console shows them. */
    public static final List<Setting> ALL = List.of(CODE_LENGTH, CODE_LIFETIME, ATTEMPTS_PER_CODE, RESEND_COOLDOWN,
            SENDS_PER_LOGIN, ALLOWED_COUNTRIES, NUMBER_TYPES, VOIP_NUMBERS, TRUST_BROWSER_DAYS, USER_SENDS,
            NUMBER_SENDS, IP_SENDS, REALM_SENDS, UNPROVEN_SENDS, GUARD_BLOCK_SENDS, GUARD_COUNTRY_SENDS,
            GUARD_CONFIRMED_PERCENT, GUARD_WINDOW, GUARD_COOL_OFF, MAX_FAILURES, FAILURE_WINDOW, LOCKOUT, SENDER,
            FALLBACK_SENDER, TEXT_FORMAT, ROUTES, VOICE_FALLBACK, VOICE_SENDER, VOICE_PRESET, VOICE_URL,
            VOICE_ACCOUNT, VOICE_SECRET, VOICE_FROM, CHANNELS, WHATSAPP_SENDER, WHATSAPP_PRESET, WHATSAPP_URL,
            WHATSAPP_ACCOUNT, WHATSAPP_SECRET, WHATSAPP_FROM, WHATSAPP_TEMPLATE, WHATSAPP_LANGUAGES, WHATSAPP_RECEIPTS,
            WHATSAPP_RECEIPT_SECRET, WHATSAPP_VERIFY_TOKEN, VERIFY_SENDER,
            VERIFY_PRESET, VERIFY_URL, VERIFY_ACCOUNT, VERIFY_SECRET, VERIFY_SERVICE, VERIFY_TEMPLATE, PHONE_ATTRIBUTE,
            PROVISIONED, DEFAULT_REGION, UNIQUE_NUMBERS);

    /** The settings an admin may set in {@code place}, in the console's order. */
    public static List<Setting> in(Place place) {
        return ALL.stream().filter(setting -> setting.settableIn(place)).toList();
    }

    /** A setting of a channel's sender (voice.*, whatsapp.*, verify.*), which a server option may also give. */
    private static Setting senderSetting(Setting setting) {
        return setting.in(Place.REALM_TAB, Place.EXECUTION, Place.ENROLLMENT_ACTION, Place.SERVER_OPTION);
    }

    private static Setting enrollment(Setting setting) {
        return setting.in(Place.REALM_TAB, Place.ENROLLMENT_ACTION);
    }
}
