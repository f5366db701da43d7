package io.github.smsotp.it.clients;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;


/**
 * axe-core's check of the page a browser shows. The engine comes from its WebJar (a test dependency
 * from Maven Central), so the check needs nothing but Maven and the browser.
 */
public final class Accessibility {

    /** The WebJar's path names its version: keep it equal to the axe-core version in the pom. */
    private static final String ENGINE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    /**
     * Runs axe on the whole document and answers every violation as "rule (impact): elements", the
     * rule ids being axe's (e.g. {@code label}, {@code color-contrast}).
     */
    private static final String RUN = """
            var done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ['violations']}).then(function (result) {
                done(result.violations.map(function (v) {
                    return v.id + ' (' + v.impact + '): '
                        + v.nodes.map(function (n) { return n.target.join(' '); }).join(', ');
                }));
            }).catch(function (e) { done(['axe could not run (error): ' + e]); });
            """;

    /** Elements of Keycloak's layout with violations of their own (see {@link #serious}). */
    private static final java.util.Set<String> KEYCLOAK_LAYOUT = java.util.Set.of("#kc-attempted-username");

    private Accessibility() {
    }

    /** Every violation axe finds on the page, as "rule (impact): elements". */
    public static List<String> violations(Chromium browser) {
        return browser.runAsync(engine() + "\n" + RUN);
    }

    /**
     * The violations of impact serious or critical in what the extension renders: what a page of ours
     * must not have. Keycloak's own layout around it is left out where it fails by itself: the
     * keycloak.v2 theme (26.5, 26.7) labels the signed-in user's read-only field {@code for="username"}
     * while the field's id is {@code kc-attempted-username}, on every Keycloak page that shows the
     * username, its own one-time-code page included.
     */
    public static List<String> serious(List<String> violations) {
        return violations.stream().filter(v -> v.contains("(serious)") || v.contains("(critical)")
                || v.contains("(error)")).filter(v -> !onlyKeycloakLayout(v)).toList();
    }

    private static boolean onlyKeycloakLayout(String violation) {
        String targets = violation.substring(violation.indexOf("): ") + 3);
        return java.util.Arrays.stream(targets.split(", ")).allMatch(KEYCLOAK_LAYOUT::contains);
    }

    private static String engine() {
        try (InputStream in = Accessibility.class.getResourceAsStream(ENGINE)) {
            if (in == null) {
                throw new IllegalStateException("axe-core not on the test classpath at " + ENGINE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
