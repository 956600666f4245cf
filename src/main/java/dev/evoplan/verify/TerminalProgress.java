package dev.evoplan.verify;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * One status line rewritten in place with carriage returns; a daemon thread redraws it a few
 * times a second so that a long step's elapsed time moves.
 */
final class TerminalProgress implements Progress {
    private static final int WIDTH = 100;
    private static final long REDRAW_MILLIS = 200;

    private final PrintWriter out;
    private String label;
    private boolean timed;
    private long since;
    private int drawn;
    private Thread ticker;

    TerminalProgress(PrintWriter out) {
        this.out = out;
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
        if (ticker != null) {
            ticker.interrupt();
            ticker = null;
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
        since = System.nanoTime();
        draw();
        if (ticker == null) {
            ticker = new Thread(this::tick, "evoplan-progress");
            ticker.setDaemon(true);
            ticker.start();
        }
    }

    private void tick() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(REDRAW_MILLIS);
                synchronized (this) {
                    if (label != null && timed) {
                        draw();
                    }
                }
            }
        } catch (InterruptedException e) {
            // finished() stops the redraws.
        }
    }

    private void draw() {
        String line = label;
        if (timed) {
            line += String.format(Locale.ROOT, " (elapsed %.1f s)", (System.nanoTime() - since) / 1e9);
        }
        // Spaces wipe the tail of a longer previous line.
        out.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
        out.flush();
        drawn = line.length();
    }
}
