package io.github.smsotp.sender.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.smsotp.config.ConfigReader;

/**
 * A setting whose value may differ by the user's language: one value for all ({@code auth_code}),
 * or a table ({@code de -> code_de; pt-BR -> code_pt; * -> code_en}) looked up by the full language
 * tag, then the language alone, then {@code *}.
 */
final class ByLanguage {

    private static final String ANY = "*";

    private final Map<String, String> values;

    private ByLanguage(Map<String, String> values) {
        this.values = values;
    }

    /** The setting {@code key}; empty where it is not set. */
    static Optional<ByLanguage> read(ConfigReader settings, String key) {
        return settings.get(key).map(raw -> parse(settings, key, raw));
    }

    private static ByLanguage parse(ConfigReader settings, String key, String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!raw.contains("->")) {
            values.put(ANY, raw.strip());
            return new ByLanguage(values);
        }
        for (String entry : raw.split("[;\\n]")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("->", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw settings.invalid(key, "must be one value, or entries 'language -> value' separated by ';' "
                        + "(e.g. 'de -> code_de; * -> code_en')");
            }
            String language = normalized(parts[0].strip());
            if (values.putIfAbsent(language, parts[1].strip()) != null) {
                throw settings.invalid(key, "names the language '" + parts[0].strip() + "' twice");
            }
        }
        return new ByLanguage(values);
    }

    /** The value for {@code language}: its own, its language's without the region, or the one for all. */
    Optional<String> forLanguage(Locale language) {
        return Optional.ofNullable(values.get(normalized(language.toLanguageTag())))
                .or(() -> Optional.ofNullable(values.get(language.getLanguage())))
                .or(() -> Optional.ofNullable(values.get(ANY)));
    }

    /** {@code pt_BR}, {@code pt-br} and {@code pt-BR} are one tag. */
    private static String normalized(String tag) {
        return tag.equals(ANY) ? ANY : tag.replace('_', '-').toLowerCase(Locale.ROOT);
    }
}
