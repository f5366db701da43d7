package io.github.smsotp.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A typed, null-safe view of string settings (an authenticator config or the part of it that
 * belongs to one sender). Blank values count as absent, so an admin clearing a field gets the
 * default. Every value passes through a resolver so that secrets may be Keycloak vault
 * references ({@code ${vault.key}}) instead of plain text.
 */
public final class ConfigReader {

    private final Map<String, String> values;
    private final String prefix;
    private final UnaryOperator<String> resolver;
    private final UnaryOperator<String> defaults;

    private ConfigReader(Map<String, String> values, String prefix, UnaryOperator<String> resolver,
                         UnaryOperator<String> defaults) {
        this.values = values == null ? Map.of() : values;
        this.prefix = prefix;
        this.resolver = resolver;
        this.defaults = defaults;
    }

    public static ConfigReader of(Map<String, String> values) {
        return new ConfigReader(values, "", UnaryOperator.identity(), key -> null);
    }

    /**
     * The settings stored under {@code <scope>.<key>}, with values passed through the resolver;
     * a setting absent there comes from {@code defaults} (by key without the scope), e.g. the
     * server-wide options of a sender.
     */
    public ConfigReader scoped(String scope, UnaryOperator<String> valueResolver, UnaryOperator<String> defaults) {
        return new ConfigReader(values, prefix + scope + ".", valueResolver, defaults);
    }

    /** The full key of a setting as an admin sees it, e.g. {@code http.url}. */
    public String qualified(String key) {
        return prefix + key;
    }

    public Optional<String> get(String key) {
        String raw = values.get(qualified(key));
        if (raw == null || raw.isBlank()) {
            raw = defaults.apply(key);
        }
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(resolver.apply(raw.trim())).filter(v -> !v.isBlank());
    }

    public String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    public String require(String key) {
        return get(key).orElseThrow(() -> invalid(key, "is required"));
    }

    /** A whole number within bounds, or the default when absent. */
    public int intIn(String key, int defaultValue, int min, int max) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below together with the accepted range
        }
        throw invalid(key, "must be a whole number from " + min + " to " + max + ", was '" + value.get() + "'");
    }

    /** One of a fixed set of lower-case words, or the default when absent. */
    public String choice(String key, String defaultValue, Set<String> allowed) {
        String value = get(key, defaultValue).toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw invalid(key, "must be one of " + allowed + ", was '" + value + "'");
        }
        return value;
    }

    public InvalidConfigException invalid(String key, String problem) {
        return new InvalidConfigException(qualified(key), problem);
    }
}
