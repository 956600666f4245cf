package dev.evoplan.verify;

import java.util.concurrent.TimeUnit;

/**
 * Where a verify run spends its time, for {@code bench/verify.sh}: with the system property {@code
 * evoplan.verify.timings} set, each phase prints one line on stderr as it ends ({@code evoplan
 * timing: seed 4210 ms}); otherwise nothing is printed and a phase costs one clock read. Not a user
 * option: the report's figures are the steps' own times.
 */
public final class Timings {
    private static final boolean ON = System.getProperty("evoplan.verify.timings") != null;

    private Timings() {}

    /** A clock reading to pass to {@link #end}. */
    public static long start() {
        return System.nanoTime();
    }

    /** Prints how long {@code phase} took since {@code started}, when timings are on. */
    public static void end(String phase, long started) {
        if (ON) {
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.err.println("evoplan timing: " + phase + " " + ms + " ms");
        }
    }
}
