package io.github.smsotp.sender.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

class ByLanguageTest {

    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");

    @Test
    void oneValueServesEveryLanguage() {
        ByLanguage template = read("sign_in_code").orElseThrow();

        assertThat(template.forLanguage(Locale.GERMAN)).contains("sign_in_code");
        assertThat(template.forLanguage(PT_BR)).contains("sign_in_code");
    }

    @Test
    void aTableIsReadByTheFullTagThenTheLanguageThenTheStar() {
        ByLanguage template = read("pt_BR -> code_br; pt -> code_pt; de -> code_de; * -> code_en").orElseThrow();

        assertThat(template.forLanguage(PT_BR)).contains("code_br");
        assertThat(template.forLanguage(Locale.forLanguageTag("pt-PT"))).contains("code_pt");
        assertThat(template.forLanguage(Locale.forLanguageTag("de-AT"))).contains("code_de");
        assertThat(template.forLanguage(Locale.JAPANESE)).contains("code_en");
    }

    @Test
    void aTableWithoutAStarHasNothingForOtherLanguages() {
        assertThat(read("de -> code_de").orElseThrow().forLanguage(Locale.ENGLISH)).isEmpty();
        assertThat(read(null)).isEmpty();
    }

    @Test
    void aBrokenTableNamesItsKey() {
        assertThatThrownBy(() -> read("de -> code_de; en"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("whatsapp.template")
                .hasMessageContaining("'language -> value'");
        assertThatThrownBy(() -> read("de -> a; DE -> b"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("twice");
    }

    private static Optional<ByLanguage> read(String value) {
        Map<String, String> values = value == null ? Map.of() : Map.of("whatsapp.template", value);
        return ByLanguage.read(ConfigReader.of(values), "whatsapp.template");
    }
}
