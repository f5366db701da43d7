package io.github.smsotp.settings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.github.smsotp.sender.SmsSender;
import io.github.smsotp.sender.SmsSenderFactory;
import io.github.smsotp.settings.Setting.Place;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The admin console's forms of SMS settings, built from {@link SettingsRegistry}: the realm's SMS
 * tab, and the same settings as overrides in a flow execution's and the enrollment action's config.
 * Each installed sender adds its own settings, stored as {@code <sender id>.<name>}.
 */
public final class SettingsForm {

    private SettingsForm() {
    }

    /** The form of {@code place}, with every sender installed in this server, sorted by id. */
    public static List<ProviderConfigProperty> of(Place place, KeycloakSessionFactory factory) {
        return of(place, factory.getProviderFactoriesStream(SmsSender.class).map(SmsSenderFactory.class::cast)
                .sorted(Comparator.comparing(SmsSenderFactory::getId)).toList());
    }

    /** The form of {@code place} with these senders: the realm's values, or overrides of them. */
    public static List<ProviderConfigProperty> of(Place place, List<SmsSenderFactory> senders) {
        List<ProviderConfigProperty> form = realmValues(place, senders);
        return place == Place.REALM_TAB ? form : asOverrides(form);
    }

    private static List<ProviderConfigProperty> realmValues(Place place, List<SmsSenderFactory> senders) {
        List<String> ids = senders.stream().map(SmsSenderFactory::getId).toList();
        List<ProviderConfigProperty> list = new ArrayList<>();
        for (Setting setting : SettingsRegistry.in(place)) {
            ProviderConfigProperty property = setting.property(ids);
            if (setting == SettingsRegistry.SENDER) {
                property.setHelpText(property.getHelpText() + " " + senders.stream()
                        .map(s -> s.getId() + ": " + s.getDisplayName()).toList());
            }
            list.add(property);
        }
        for (SmsSenderFactory sender : senders) {
            for (ProviderConfigProperty setting : sender.getSettingsProperties()) {
                // No default in the form: the console would save it, hiding the server-wide option
                // (--spi-sms-sender--<id>--<key>) that applies where the realm leaves a key empty.
                String help = setting.getHelpText() + (setting.getDefaultValue() == null ? ""
                        : " Default: " + setting.getDefaultValue() + ".") + " " + SERVER_OPTION;
                ProviderConfigProperty scoped = new ProviderConfigProperty(sender.getId() + "." + setting.getName(),
                        setting.getLabel(), help, setting.getType(), null, setting.isSecret());
                scoped.setOptions(setting.getOptions() == null ? null : Setting.withEmptyChoice(setting.getOptions()));
                list.add(scoped);
            }
        }
        return List.copyOf(list);
    }

    /**
     * The settings as overrides of the realm's SMS settings: without defaults, so that a field the
     * admin leaves empty inherits the realm's value instead of pinning today's default.
     */
    private static List<ProviderConfigProperty> asOverrides(List<ProviderConfigProperty> settings) {
        return settings.stream().map(setting -> {
            // A switch stores true or false once shown, so it could never go back to inheriting: a list
            // with an empty choice can.
            boolean yesNo = ProviderConfigProperty.BOOLEAN_TYPE.equals(setting.getType());
            ProviderConfigProperty override = new ProviderConfigProperty(setting.getName(), setting.getLabel(),
                    setting.getHelpText() + " " + INHERITS, yesNo ? ProviderConfigProperty.LIST_TYPE : setting.getType(),
                    null, setting.isSecret());
            List<String> options = yesNo ? List.of("true", "false") : setting.getOptions();
            override.setOptions(options == null ? null : Setting.withEmptyChoice(options));
            return override;
        }).toList();
    }

    static final String INHERITS = "Empty: the realm's value (Realm settings > SMS).";
    static final String SERVER_OPTION = "Empty: the server's option --spi-sms-sender--<sender>--<key> if set, else the default.";
}
