package dev.evoplan.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What a long {@code plan}, {@code check} or {@code lint} is doing, on stderr: once a run has taken
 * {@link #DELAY_NANOS} (2 s), one line rewritten in place names the phase (loading a source,
 * judging, planning) and the elapsed time, and it is wiped before the report is written. Short runs
 * print nothing. Shown only on a terminal and never where {@code CI} is set (GitHub Actions, GitLab
 * CI and most others set it), so CI logs hold the report alone; {@code EVOPLAN_PROGRESS=1} asks for
 * it anyway, {@code EVOPLAN_PROGRESS=0} turns it off.
 */
final class PhaseProgress implements AutoCloseable {
    static final long DELAY_NANOS = 2_000_000_000L;
    private static final long REDRAW_MILLIS = 200;
    private static final int WIDTH = 100;

    /** What calls {@link #tick} while the run goes on; returns what stops it. */
    interface Ticker {
        Runnable start(Runnable tick);
    }

    private final PrintWriter err;
    private final LongSupplier nanoClock;
    private final boolean enabled;
    private final long started;
    private final Runnable stopTicker;
    private String phase;
    private int drawn;
    private boolean closed;

    private PhaseProgress(PrintWriter err, LongSupplier nanoClock, boolean enabled, Ticker ticker) {
        this.err = err;
        this.nanoClock = nanoClock;
        this.enabled = enabled;
        this.started = nanoClock.getAsLong();
        this.stopTicker = enabled ? ticker.start(this::tick) : () -> {};
    }

    /** For this process: on its terminal, as the environment says. */
    static PhaseProgress start(PrintWriter err) {
        return start(
                err,
                System.getenv(),
                System.console() != null,
                System::nanoTime,
                PhaseProgress::redrawEvery);
    }

    /**
     * With the environment, the terminal test, the clock and the ticker given (tests drive all
     * four).
     */
    static PhaseProgress start(
            PrintWriter err,
            Map<String, String> env,
            boolean terminal,
            LongSupplier nanoClock,
            Ticker ticker) {
        return new PhaseProgress(err, nanoClock, shown(env, terminal), ticker);
    }

    /** Whether progress is shown: asked for, or on a terminal outside CI. */
    static boolean shown(Map<String, String> env, boolean terminal) {
        String asked = env.getOrDefault("EVOPLAN_PROGRESS", "");
        if (asked.equals("1")) {
            return true;
        }
        if (asked.equals("0")) {
            return false;
        }
        return terminal && env.getOrDefault("CI", "").isEmpty();
    }

    /** The run moved on to {@code what} ("loading v2/db.changelog-master.yaml", "judging"...). */
    synchronized void phase(String what) {
        phase = what;
        tick();
    }

    /**
     * Draws the line once the run has taken long enough; the ticker calls it a few times a second.
     */
    synchronized void tick() {
        if (!enabled || closed || phase == null) {
            return;
        }
        long elapsed = nanoClock.getAsLong() - started;
        if (elapsed < DELAY_NANOS) {
            return;
        }
        String label = phase.length() > WIDTH - 24 ? phase.substring(0, WIDTH - 25) + "…" : phase;
        String line = String.format(Locale.ROOT, "evoplan: %s (%.1f s)", label, elapsed / 1e9);
        err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
        err.flush();
        drawn = line.length();
    }

    /** Stops the redraws and wipes the line; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopTicker.run();
        if (drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            err.flush();
            drawn = 0;
        }
    }

    /** A daemon thread calling {@code tick} every 200 ms until stopped. */
    static Runnable redrawEvery(Runnable tick) {
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                while (!Thread.currentThread().isInterrupted()) {
                                    Thread.sleep(REDRAW_MILLIS);
                                    tick.run();
                                }
                            } catch (InterruptedException e) {
                                // close() stops the redraws.
                            }
                        },
                        "evoplan-progress");
        thread.setDaemon(true);
        thread.start();
        return thread::interrupt;
    }
}
