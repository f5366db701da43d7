package io.github.smsotp.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * A program from the operating system's packages that some tests drive (Chromium, compose). On a
 * developer machine without it those tests are skipped with the install hint; in CI ({@code CI}
 * set, as {@code .ci/run} does after installing them) a missing tool fails the run instead.
 */
final class RequiredTool {

    private RequiredTool() {
    }

    /** The first of the candidate paths that is installed, or the test stops here. */
    static Path find(String installHint, Path... candidates) {
        Optional<Path> found = Arrays.stream(candidates).filter(Files::isExecutable).findFirst();
        if (found.isEmpty() && System.getenv("CI") != null) {
            throw new IllegalStateException("CI needs " + Arrays.toString(candidates) + ": " + installHint);
        }
        Assumptions.assumeTrue(found.isPresent(), "needs " + Arrays.toString(candidates) + ": " + installHint);
        return found.get();
    }
}
