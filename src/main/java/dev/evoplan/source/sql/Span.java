package dev.evoplan.source.sql;

import java.util.Objects;

/** Where a statement stands in its file (1-based line and column, 0-based offset) and its text. */
public record Span(String file, int line, int column, int offset, String text) {
    public Span {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(text, "text is null");
    }

    /** {@code file:line:column}, the way diagnostics name a place. */
    public String where() {
        return file + ":" + line + ":" + column;
    }
}
