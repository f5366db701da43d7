package io.github.smsotp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU time a JVM's JIT compiler threads ({@code C1 CompilerThread}, {@code C2 CompilerThread})
 * have used, as Linux counts it per thread in {@code /proc/<pid>/task/<tid>/stat}. On Keycloak's
 * one core they take their share from the sign-ins: a slice during which the JIT is still busy
 * runs slower than it will once the code is compiled.
 */
final class CompilerThreads {

    /** Linux's clock ticks per second ({@code getconf CLK_TCK}), in which {@code stat} counts. */
    private static final double TICKS_PER_SECOND = 100;

    private CompilerThreads() {
    }

    /** The compiler threads' CPU seconds in all; NaN where {@code /proc} does not tell (not Linux). */
    static double cpuSeconds(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return Double.NaN;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            return threads.mapToLong(CompilerThreads::compilerTicks).sum() / TICKS_PER_SECOND;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** A thread's user and system ticks if it is a compiler thread, else 0 (also when it has just ended). */
    private static long compilerTicks(Path thread) {
        String stat;
        try {
            stat = Files.readString(thread.resolve("stat"));
        } catch (IOException e) {
            return 0;
        }
        // "tid (name) state ...": the name may hold spaces, so the fields are counted after its ')'.
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
            return 0;
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the name.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
