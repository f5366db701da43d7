package io.github.smsotp.directgrant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * The apps' contract is a table of the step's messages: each names one the pages say too, so a
 * renamed message cannot leave apps with the generic answer unnoticed. (The answers themselves are
 * tested on the server, where JAX-RS runs.)
 */
class GrantAnswersTest {

    @Test
    void everyAnsweredMessageIsOneTheThemeHas() throws IOException {
        Properties messages = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("themes/messages/messages_en.properties"),
                StandardCharsets.UTF_8)) {
            messages.load(reader);
        }

        assertThat(GrantAnswers.keys()).isNotEmpty().allSatisfy(key -> assertThat(messages).containsKey(key));
    }
}
