package dev.evoplan.render;

import dev.evoplan.engine.Analysis;

/** Turns an analysis into one format's text; the same analysis always gives the same text. */
public interface Renderer {
    String render(Analysis analysis);
}
