package io.github.smsotp.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.SenderRoutes;
import io.github.smsotp.settings.SmsOtpConfig;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Which setting a key is: one of the SMS settings, or a route's own copy of a sender's setting
 * ({@code eu.url} is the {@code http.url} of the route {@code 49 -> http@eu}), which is as secret as
 * the setting it copies.
 */
final class SettingNames {

    private final Map<String, ProviderConfigProperty> properties;
    private final SenderRoutes routes;

    private SettingNames(Map<String, ProviderConfigProperty> properties, SenderRoutes routes) {
        this.properties = properties;
        this.routes = routes;
    }

    /**
     * @param values the settings whose {@code routes} name the routes
     * @throws io.github.smsotp.config.InvalidConfigException when {@code routes} is unreadable
     */
    static SettingNames of(List<ProviderConfigProperty> properties, Map<String, String> values) {
        return new SettingNames(properties.stream().collect(Collectors.toMap(ProviderConfigProperty::getName,
                Function.identity(), (first, second) -> first)), SmsOtpConfig.routes(ConfigReader.of(values)));
    }

    Optional<ProviderConfigProperty> property(String key) {
        ProviderConfigProperty direct = properties.get(key);
        if (direct != null) {
            return Optional.of(direct);
        }
        int dot = key.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return routes.named(key.substring(0, dot))
                .map(route -> properties.get(route.senderId() + key.substring(dot)));
    }

    boolean isSecret(String key) {
        return property(key).map(ProviderConfigProperty::isSecret).orElse(false);
    }
}
