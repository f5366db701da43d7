package io.github.smsotp.it.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/**
 * The JAR that goes into Keycloak's providers/ folder: our classes, third-party code only under our
 * relocation prefix, and nothing Keycloak ships itself (Jackson, Netty, RESTEasy, Micrometer, Keycloak).
 */
public class ShadedJarIT {

    private static final String OURS = "io/github/smsotp/";

    @Test
    void everyClassIsOursOrRelocatedUnderOurPrefix() throws IOException {
        List<String> classes = classes();

        assertThat(classes).isNotEmpty().allMatch(name -> name.startsWith(OURS), "is under " + OURS);
        assertThat(classes).anyMatch(name -> name.startsWith(OURS + "shaded/phonenumbers/"));
        assertThat(classes).anyMatch(name -> name.startsWith(OURS + "shaded/amazon/awssdk/services/sns/"));
        // Keycloak ships these itself: never a copy in the JAR, relocated or not.
        assertThat(classes).noneMatch(name -> name.matches(".*(com/fasterxml/jackson|io/netty|io/micrometer|org/jboss/resteasy"
                + "|org/keycloak|org/apache/http|org/slf4j|org/reactivestreams)/.*"));
    }

    @Test
    void itRegistersTheProvidersAndShipsThePages() throws IOException {
        try (JarFile jar = new JarFile(jarFile().toFile())) {
            assertThat(jar.getEntry("META-INF/services/org.keycloak.authentication.AuthenticatorFactory")).isNotNull();
            assertThat(jar.getEntry("META-INF/services/org.keycloak.authentication.RequiredActionFactory")).isNotNull();
            assertThat(jar.getEntry("META-INF/services/org.keycloak.credential.CredentialProviderFactory")).isNotNull();
            assertThat(jar.getEntry("META-INF/services/org.keycloak.provider.Spi")).isNotNull();
            assertThat(jar.getEntry("theme-resources/templates/sms-otp-code.ftl")).isNotNull();
            assertThat(jar.getEntry("theme-resources/messages/messages_en.properties")).isNotNull();
        }
    }

    private static List<String> classes() throws IOException {
        try (JarFile jar = new JarFile(jarFile().toFile())) {
            return jar.stream().map(JarEntry::getName).filter(name -> name.endsWith(".class")).toList();
        }
    }

    private static Path jarFile() {
        return Path.of(System.getProperty("provider.jar", "target/keycloak-sms-otp.jar"));
    }
}
