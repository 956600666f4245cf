package dev.evoplan.verify;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One status line rewritten in place with carriage returns; a daemon thread redraws it a few times
 * a second so that a long step's elapsed time moves.
 */
final class TerminalProgress implements Progress {
    private static final int WIDTH = 100;
    private static final long REDRAW_MILLIS = 200;

    /** What redraws the line while steps run; returns what stops it. */
    interface Ticker {
        Runnable start(Runnable redraw);
    }

    private final PrintWriter out;
    private final LongSupplier nanoClock;
    private final Ticker ticker;
    private String label;
    private boolean timed;
    private long since;
    private int drawn;
    private Runnable stopTicker;

    TerminalProgress(PrintWriter out) {
        this(out, System::nanoTime, TerminalProgress::redrawEvery);
    }

    /**
     * With the clock the elapsed time is read from and the ticker that redraws (tests drive both).
     */
    TerminalProgress(PrintWriter out, LongSupplier nanoClock, Ticker ticker) {
        this.out = out;
        this.nanoClock = nanoClock;
        this.ticker = ticker;
    }

    @Override
    public synchronized void seeding(String table, int index, int total) {
        show("seeding " + table + " " + index + "/" + total, false);
    }

    @Override
    public synchronized void step(int index, int total, String description) {
        show("step " + index + "/" + total + ": " + description, true);
    }

    @Override
    public synchronized void finished() {
        if (stopTicker != null) {
            stopTicker.run();
            stopTicker = null;
        }
        label = null;
        if (drawn > 0) {
            out.print("\r" + " ".repeat(drawn) + "\r");
            out.flush();
            drawn = 0;
        }
    }

    private void show(String text, boolean withTime) {
        // Cut the label, not the elapsed time after it.
        label = text.length() > WIDTH - 20 ? text.substring(0, WIDTH - 21) + "…" : text;
        timed = withTime;
        since = nanoClock.getAsLong();
        draw();
        if (stopTicker == null) {
            stopTicker = ticker.start(this::redraw);
        }
    }

    /** The ticker's redraw: moves the running step's elapsed time; nothing once finished. */
    private synchronized void redraw() {
        if (label != null && timed) {
            draw();
        }
    }

    /**
     * A daemon thread calling {@code redraw} a few times a second until the returned action stops
     * it.
     */
    static Runnable redrawEvery(Runnable redraw) {
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                while (!Thread.currentThread().isInterrupted()) {
                                    Thread.sleep(REDRAW_MILLIS);
                                    redraw.run();
                                }
                            } catch (InterruptedException e) {
                                // finished() stops the redraws.
                            }
                        },
                        "evoplan-progress");
        thread.setDaemon(true);
        thread.start();
        return thread::interrupt;
    }

    private void draw() {
        String line = label;
        if (timed) {
            line +=
                    String.format(
                            Locale.ROOT,
                            " (elapsed %.1f s)",
                            (nanoClock.getAsLong() - since) / 1e9);
        }
        // Spaces wipe the tail of a longer previous line.
        out.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
        out.flush();
        drawn = line.length();
    }
}
