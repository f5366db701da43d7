package io.github.smsotp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.smsotp.it.harness.KeycloakServer;

/**
 * Java Flight Recorder on a Keycloak node's JVM, started and stopped around a phase with the JDK's
 * own {@code jcmd} ({@code JFR.start} with the {@code profile} settings: a CPU sample of every
 * running thread every 10 ms).
 */
final class FlightRecordings {

    private FlightRecordings() {
    }

    static void start(KeycloakServer node, String name) {
        jcmd(node, "JFR.start", "name=" + name, "settings=profile");
    }

    /** Stops the recording and writes it to {@code file}. */
    static Path stop(KeycloakServer node, String name, Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        jcmd(node, "JFR.stop", "name=" + name, "filename=" + file);
        return file;
    }

    private static void jcmd(KeycloakServer node, String... command) {
        ProcessHandle jvm = node.process().flatMap(kc -> Stream.concat(Stream.of(kc), kc.descendants())
                        .filter(process -> process.info().command().orElse("").endsWith("/java")).findFirst())
                .orElseThrow(() -> new IllegalStateException("no Keycloak JVM to record"));
        Path jcmd = Path.of(jvm.info().command().orElseThrow()).resolveSibling("jcmd");
        try {
            Process process = new ProcessBuilder(Stream.concat(Stream.of(jcmd.toString(), Long.toString(jvm.pid())),
                    Stream.of(command)).toList()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", List.of(command)) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("jcmd failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
