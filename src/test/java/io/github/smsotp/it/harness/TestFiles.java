package io.github.smsotp.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Copying and removing whole server folders, keeping file modes and times (Keycloak checks them). */
public final class TestFiles {

    private TestFiles() {
    }

    public static void copyTree(Path from, Path to) throws IOException, InterruptedException {
        Files.createDirectories(to);
        run(List.of("cp", "-a", from + "/.", to.toString()));
    }

    public static void deleteTree(Path dir) throws IOException, InterruptedException {
        run(List.of("rm", "-rf", dir.toString()));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }
}
