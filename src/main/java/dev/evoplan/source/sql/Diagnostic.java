package dev.evoplan.source.sql;

import java.util.Objects;

/** A message about SQL input at a file position (1-based line and column). */
public record Diagnostic(Severity severity, String file, int line, int column, String message) {

    /**
     * How much a diagnostic matters: an error makes its statement unrecognized, a note does not.
     */
    public enum Severity {
        ERROR,
        WARNING,
        NOTE
    }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity is null");
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return file
                + ":"
                + line
                + ":"
                + column
                + ": "
                + severity.name().toLowerCase(java.util.Locale.ROOT)
                + ": "
                + message;
    }
}
