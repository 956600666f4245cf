package dev.evoplan.verify;

import java.io.PrintWriter;

/**
 * Where verify says how far it has got; {@link #SILENT} says nothing (tests, CI, a redirected
 * stderr).
 */
public interface Progress {
    Progress SILENT =
            new Progress() {
                @Override
                public void seeding(String table, int index, int total) {}

                @Override
                public void step(int index, int total, String description) {}

                @Override
                public void finished() {}
            };

    /** Seeding table {@code index} of {@code total} (from 1). */
    void seeding(String table, int index, int total);

    /** Running step {@code index} of {@code total} (from 1). */
    void step(int index, int total, String description);

    /** The run is over: whatever is on screen is cleared. */
    void finished();

    /**
     * A one-line display updated in place on {@code terminal}, with the running step's elapsed
     * time.
     */
    static Progress terminal(PrintWriter terminal) {
        return new TerminalProgress(terminal);
    }
}
