package dev.evoplan.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Where a verify run spends its time, for {@code bench/verify.sh}: with the system property {@code
 * evoplan.verify.timings} set, each phase prints one line on stderr as it ends ({@code evoplan
 * timing: seed 4210 ms (jvm cpu 120 ms, server session cpu 3900 ms)}); otherwise nothing is printed
 * and a phase costs one clock read. CPU is read from {@code /proc} (Linux, 10 ms ticks): the whole
 * JVM, and the server process of the session that builds, seeds and runs the steps when that server
 * is on this machine. On 2 shared cores wall time mostly measures the neighbours; the CPU figures
 * do not. Not a user option: the report's figures are the steps' own times.
 */
public final class Timings {
    private static final boolean ON = System.getProperty("evoplan.verify.timings") != null;

    /** The backend process of verify's main session, or 0 (none, or not on this machine). */
    private static volatile long backend;

    private Timings() {}

    /** A phase that has begun. */
    public record Phase(long nanos, long jvmTicks, long backendTicks) {
        /** Prints how long the phase took, when timings are on. */
        public void end(String phase) {
            if (!ON) {
                return;
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
            long pid = backend;
            long backendNow = pid == 0 ? -1 : ticks(pid);
            // A session that ended meanwhile (its database dropped) has no figure.
            String server =
                    backendTicks < 0 || backendNow < 0
                            ? ""
                            : ", server session cpu " + (backendNow - backendTicks) * 10 + " ms";
            System.err.println(
                    "evoplan timing: "
                            + phase
                            + " "
                            + ms
                            + " ms (jvm cpu "
                            + (ticks(ProcessHandle.current().pid()) - jvmTicks) * 10
                            + " ms"
                            + server
                            + ")");
        }
    }

    /** A phase begins now. */
    public static Phase start() {
        if (!ON) {
            return new Phase(0, 0, -1);
        }
        long pid = backend;
        return new Phase(
                System.nanoTime(),
                ticks(ProcessHandle.current().pid()),
                pid == 0 ? -1 : ticks(pid));
    }

    /** Whether timings are printed (the property is set). */
    static boolean on() {
        return ON;
    }

    /** From now on phases also count the CPU of this server process (a local backend). */
    static void watchBackend(long pid) {
        if (ON) {
            backend = Files.isReadable(Path.of("/proc", Long.toString(pid), "stat")) ? pid : 0;
        }
    }

    /** User and system time of a process in clock ticks (1/100 s), or -1 when unreadable. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
