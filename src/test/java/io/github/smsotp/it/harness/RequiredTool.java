package io.github.smsotp.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.github.smsotp.it.clients.Chromium;
import org.junit.jupiter.api.Assumptions;

/**
 * A program from the operating system's packages that some tests drive (Chromium, compose). On a
 * developer machine without it those tests are skipped with the install hint; in CI ({@code CI}
 * set, as {@code .ci/run} does after installing them) a missing tool fails the run instead.
 */
public final class RequiredTool {

    private RequiredTool() {
    }

    /** The first of the candidate paths that is installed, or the test stops here. */
    public static Path find(String installHint, Path... candidates) {
        Optional<Path> found = Arrays.stream(candidates).filter(Files::isExecutable).findFirst();
        if (found.isEmpty() && System.getenv("CI") != null) {
            throw new IllegalStateException("CI needs " + Arrays.toString(candidates) + ": " + installHint);
        }
        Assumptions.assumeTrue(found.isPresent(), "needs " + Arrays.toString(candidates) + ": " + installHint);
        return found.get();
    }

    /** A Docker engine this user can reach ({@code docker info} answers), or the test stops here. */
    static void dockerEngine() throws IOException, InterruptedException {
        Path docker = find("apt-get install docker.io, then start dockerd", Path.of("/usr/bin/docker"),
                Path.of("/usr/local/bin/docker"));
        Process info = new ProcessBuilder(docker.toString(), "info").redirectErrorStream(true).start();
        String output = new String(info.getInputStream().readAllBytes());
        boolean running = info.waitFor(30, TimeUnit.SECONDS) && info.exitValue() == 0;
        if (!running && System.getenv("CI") != null) {
            throw new IllegalStateException("CI needs a running Docker engine (.ci/run starts dockerd): " + output);
        }
        Assumptions.assumeTrue(running, "needs a running Docker engine: " + output);
    }
}
