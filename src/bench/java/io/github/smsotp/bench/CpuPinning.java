package io.github.smsotp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.smsotp.it.harness.KeycloakServer;

/**
 * Keeps the load driver and Keycloak on cores of their own ({@code taskset}), so that the driver's
 * bursts of TLS work never take Keycloak's CPU in the middle of a slice: on two shared cores that
 * contention moved a round's ratio by up to 0.28. Where there is no second core or no taskset, the
 * run is left unpinned and the report says so.
 */
final class CpuPinning {

    static final int DRIVER_CORE = 0;
    static final int KEYCLOAK_CORE = 1;
    private static final Path TASKSET = Path.of("/usr/bin/taskset");
    /**
     * Decided before anything is pinned: once the driver is, this JVM sees one core only, and
     * Keycloak, pinned after its warm-up, would be left on both.
     */
    private static final boolean AVAILABLE = Runtime.getRuntime().availableProcessors() >= 2
            && Files.isExecutable(TASKSET);
    /** Whether anything was pinned in this JVM's run. */
    private static volatile boolean pinned;

    private CpuPinning() {
    }


    /** Pins every thread of a process, and the threads it starts later, to one core; false where not available. */
    static boolean pin(long pid, int core) {
        if (!AVAILABLE) {
            return false;
        }
        try {
            Process taskset = new ProcessBuilder(TASKSET.toString(), "-a", "-p", "-c", Integer.toString(core),
                    Long.toString(pid)).redirectErrorStream(true).start();
            String output = new String(taskset.getInputStream().readAllBytes());
            if (!taskset.waitFor(30, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
                throw new IllegalStateException("taskset failed for " + pid + ": " + output);
            }
            pinned = true;
            return true;
        } catch (IOException e) {
            throw new IllegalStateException("taskset failed for " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Keycloak on its core (its start and warm-up may use both): kc.sh and the JVM it started. */
    static void pinKeycloak(KeycloakServer server) {
        server.process().ifPresent(kc -> Stream.concat(Stream.of(kc), kc.descendants())
                .forEach(process -> pin(process.pid(), KEYCLOAK_CORE)));
    }

    /** One line for the report: how the run shared the machine's cores. */
    static String describe() {
        return pinned ? "the load driver and the gateway stubs on core " + DRIVER_CORE + ", Keycloak on core "
                + KEYCLOAK_CORE + " from the end of the warm-up (taskset)" : "unpinned (no second core or no taskset): all share the cores";
    }
}
