package dev.evoplan.render;

import dev.evoplan.engine.Analysis;
import java.io.IOException;
import java.io.Writer;

/** Turns an analysis into one format's text; the same analysis always gives the same text. */
public interface Renderer {
    String render(Analysis analysis);

    /**
     * Writes the same text as {@link #render(Analysis)} to {@code out}; a renderer whose reports
     * grow with the plan writes it piece by piece, so a report of a hundred megabytes is never held
     * whole.
     */
    default void render(Analysis analysis, Writer out) throws IOException {
        out.write(render(analysis));
    }
}
