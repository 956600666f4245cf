package dev.evoplan.source.sql;

import java.util.List;

/** A parsed SQL file: its statements in source order and what was said about it. */
public record SqlScript(List<SqlStatement> statements, List<Diagnostic> diagnostics) {
    public SqlScript {
        statements = List.copyOf(statements);
        diagnostics = List.copyOf(diagnostics);
    }
}
