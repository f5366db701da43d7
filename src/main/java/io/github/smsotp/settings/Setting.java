package io.github.smsotp.settings;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * One SMS setting, defined once: its key, what values it takes and its default, its label and help
 * in the admin console, whether it is a secret, and where an admin may set it. The admin console's
 * forms, the admin API's names and masking, and the parsers with their error messages all come from
 * this definition, so that a range written here is the range checked and the range explained.
 *
 * @param defaultValue what an absent value means, as it would be written; null where the meaning
 *                     is computed (then the help says it) or where absent means "none"
 * @param min          the smallest whole number a {@link Kind#NUMBER} takes
 * @param max          the largest whole number a {@link Kind#NUMBER} takes
 * @param choices      the words a {@link Kind#CHOICE} or {@link Kind#SWITCH} takes
 */
public record Setting(String key, Kind kind, String defaultValue, int min, int max, List<String> choices,
                      String label, String help, Set<Place> places) {

    /** What an admin types, and how the admin console shows it. */
    public enum Kind {
        /** A whole number within bounds. */
        NUMBER,
        /** One word of a fixed list. */
        CHOICE,
        /** true or false. */
        SWITCH,
        /** One line of free text, checked by its reader. */
        TEXT,
        /** Several lines of free text, checked by its reader. */
        LINES,
        /** A credential: masked in the console and the admin API; a vault reference is welcome. */
        SECRET,
        /** The id of an installed SMS sender. */
        SENDER
    }

    /** Where a value may be set; one set further down overrides the realm's for that place only. */
    public enum Place {
        /** Realm settings -> SMS: the whole realm. */
        REALM_TAB,
        /** A flow execution's config: that step. */
        EXECUTION,
        /** The enrollment action's config: enrollment and registration. */
        ENROLLMENT_ACTION,
        /** A server option ({@code --spi-<spi>--<provider>--<key>}), used where the realm leaves the key empty. */
        SERVER_OPTION
    }

    /** Every place but the server's options: what the code step's own settings allow. */
    public static final Set<Place> IN_REALM_AND_STEPS = Set.copyOf(EnumSet.of(Place.REALM_TAB, Place.EXECUTION,
            Place.ENROLLMENT_ACTION));

    public Setting {
        choices = List.copyOf(choices);
        places = Set.copyOf(places);
    }

    static Setting number(String key, Integer defaultValue, int min, int max, String label, String help) {
        return new Setting(key, Kind.NUMBER, defaultValue == null ? null : String.valueOf(defaultValue), min, max,
                List.of(), label, help, IN_REALM_AND_STEPS);
    }

    static Setting choice(String key, String defaultValue, List<String> choices, String label, String help) {
        return new Setting(key, Kind.CHOICE, defaultValue, 0, 0, choices, label, help, IN_REALM_AND_STEPS);
    }

    static Setting yesNo(String key, boolean defaultValue, String label, String help) {
        return new Setting(key, Kind.SWITCH, String.valueOf(defaultValue), 0, 0, List.of("true", "false"), label,
                help, IN_REALM_AND_STEPS);
    }

    static Setting text(String key, String defaultValue, String label, String help) {
        return new Setting(key, Kind.TEXT, defaultValue, 0, 0, List.of(), label, help, IN_REALM_AND_STEPS);
    }

    static Setting of(Kind kind, String key, String label, String help) {
        return new Setting(key, kind, null, 0, 0, List.of(), label, help, IN_REALM_AND_STEPS);
    }

    /** The same setting, settable in these places only. */
    Setting in(Place... where) {
        return new Setting(key, kind, defaultValue, min, max, choices, label, help, EnumSet.copyOf(List.of(where)));
    }

    public boolean settableIn(Place place) {
        return places.contains(place);
    }

    /** A {@link Kind#NUMBER}, or its default where absent. */
    public int number(ConfigReader config) {
        return config.intIn(key, defaultValue == null ? 0 : Integer.parseInt(defaultValue), min, max);
    }

    /** A {@link Kind#CHOICE}, in lower case, or its default where absent. */
    public String choice(ConfigReader config) {
        return config.choice(key, defaultValue, new LinkedHashSet<>(choices));
    }

    /** A {@link Kind#SWITCH}, or its default where absent. */
    public boolean isOn(ConfigReader config) {
        return Boolean.parseBoolean(choice(config));
    }

    /** The value as written, where one is. */
    public Optional<String> value(ConfigReader config) {
        return config.get(key);
    }

    /** The value as written, or the default. */
    public String valueOrDefault(ConfigReader config) {
        return config.get(key, defaultValue);
    }

    /** A problem with this setting's value, naming its key. */
    public InvalidConfigException invalid(ConfigReader config, String problem) {
        return config.invalid(key, problem);
    }

    /**
     * The field in the admin console. A setting that a server option may also give shows no default:
     * the console would save it, and hide the option.
     *
     * @param senders the installed SMS senders, offered by a {@link Kind#SENDER}
     */
    public ProviderConfigProperty property(List<String> senders) {
        boolean serverMayGive = settableIn(Place.SERVER_OPTION);
        ProviderConfigProperty property = new ProviderConfigProperty(key, label, fullHelp(), type(),
                serverMayGive ? null : defaultValue, kind == Kind.SECRET);
        List<String> options = switch (kind) {
            case CHOICE -> serverMayGive || defaultValue == null ? withEmptyChoice(choices) : choices;
            case SENDER -> withEmptyChoice(senders);
            default -> null;
        };
        property.setOptions(options);
        return property;
    }

    /** The help with the accepted range, and the default where the form cannot show it. */
    private String fullHelp() {
        String range = kind == Kind.NUMBER ? " From " + min + " to " + max + "." : "";
        String serverOption = !settableIn(Place.SERVER_OPTION) ? ""
                : " Empty: the server's option, if set" + (defaultValue == null ? "." : ", else " + defaultValue + ".");
        return help + range + serverOption;
    }

    private String type() {
        return switch (kind) {
            case NUMBER -> ProviderConfigProperty.INTEGER_TYPE;
            case CHOICE, SENDER -> ProviderConfigProperty.LIST_TYPE;
            case SWITCH -> ProviderConfigProperty.BOOLEAN_TYPE;
            case TEXT -> ProviderConfigProperty.STRING_TYPE;
            case LINES -> ProviderConfigProperty.TEXT_TYPE;
            case SECRET -> ProviderConfigProperty.PASSWORD;
        };
    }

    /**
     * The admin console preselects a list's first option when it has no default, and saves it: an
     * empty first option lets "nothing chosen" (server default, no fallback, inherit) stay possible.
     */
    public static List<String> withEmptyChoice(List<String> options) {
        if (options.contains("")) {
            return options;
        }
        List<String> withEmpty = new ArrayList<>(options.size() + 1);
        withEmpty.add("");
        withEmpty.addAll(options);
        return withEmpty;
    }
}
