package io.github.smsotp.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;


/**
 * How long each step of an admin's setup took, measured as the steps happen and reported, never
 * asserted: the numbers describe this machine's run, not a limit.
 */
public final class SetupTimes {

    private final Map<String, Duration> steps = new LinkedHashMap<>();
    private long lapStart = System.nanoTime();

    /** Ends the step that started with the previous lap (or with this object). */
    public void lap(String step) {
        long now = System.nanoTime();
        steps.put(step, Duration.ofNanos(now - lapStart));
        lapStart = now;
    }

    /** Prints the steps, after the JAR's installation and the server's start, and writes them to the run folder. */
    public void report(Duration install, Duration start) {
        StringBuilder text = new StringBuilder("Setup of a new realm on Keycloak " + KeycloakServer.version() + "\n");
        line(text, "install the JAR (copy to providers/)", install);
        line(text, "start Keycloak (start-dev, build included)", start);
        Duration console = Duration.ZERO;
        for (Map.Entry<String, Duration> step : steps.entrySet()) {
            line(text, step.getKey(), step.getValue());
            console = console.plus(step.getValue());
        }
        line(text, "in the admin console, in all", console);
        System.out.print(text);
        try {
            Files.writeString(KeycloakServer.runDir().resolve("admin-setup-times.txt"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(StringBuilder text, String step, Duration took) {
        text.append(String.format("  %-62s %6.1f s%n", step, took.toMillis() / 1000.0));
    }
}
