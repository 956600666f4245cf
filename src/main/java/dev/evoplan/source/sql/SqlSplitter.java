package dev.evoplan.source.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Cuts a script into statements at top-level semicolons, as psql does: never inside a string,
 * quoted identifier, comment or dollar-quoted body (the lexer sees to that), nor inside the {@code
 * BEGIN ATOMIC ... END} body of a SQL-standard function. psql meta-commands are skipped with a
 * note.
 */
public final class SqlSplitter {
    private SqlSplitter() {}

    /**
     * One statement: its text without the closing semicolon, where it starts, and its tokens.
     *
     * @param offset 0-based offset of the first token in the source
     */
    public record Statement(String text, int line, int column, int offset, List<Token> tokens) {
        public Statement {
            Objects.requireNonNull(text, "text is null");
            tokens = List.copyOf(tokens);
        }

        /** True when the lexer could not read part of the statement. */
        public boolean hasLexicalError() {
            for (Token t : tokens) {
                if (t.kind() == TokenKind.ERROR) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The statements of a script in order, with the lexer's diagnostics and notes for skipped
     * meta-commands.
     */
    public record Result(List<Statement> statements, List<Diagnostic> diagnostics) {
        public Result {
            statements = List.copyOf(statements);
            diagnostics = List.copyOf(diagnostics);
        }
    }

    public static Result split(String sql, String fileName) {
        List<Diagnostic> lexed = new ArrayList<>();
        List<Diagnostic> notes = new ArrayList<>();
        List<Statement> statements = new ArrayList<>();
        split(sql, fileName, statements::add, lexed, notes);
        lexed.addAll(notes);
        return new Result(statements, lexed);
    }

    /**
     * Hands each statement to {@code statements} as soon as its last token is read, so a large
     * script's tokens are never all held at once; the lexer's diagnostics go to {@code lexed}, the
     * notes on skipped meta-commands to {@code notes}.
     */
    static void split(
            String sql,
            String fileName,
            Consumer<Statement> statements,
            List<Diagnostic> lexed,
            List<Diagnostic> notes) {
        String file = fileName == null ? "<input>" : fileName;
        List<Token> current = new ArrayList<>();
        int[] atomicDepth = {0};
        SqlLexer.scan(
                sql,
                file,
                t -> {
                    switch (t.kind()) {
                        case META_COMMAND -> {
                            notes.add(
                                    new Diagnostic(
                                            Diagnostic.Severity.NOTE,
                                            file,
                                            t.line(),
                                            t.column(),
                                            "psql meta-command skipped: " + t.text()));
                            flush(sql, current, statements);
                            atomicDepth[0] = 0;
                        }
                        case SEMICOLON -> {
                            if (atomicDepth[0] > 0) {
                                current.add(t);
                            } else {
                                flush(sql, current, statements);
                            }
                        }
                        case IDENTIFIER -> {
                            current.add(t);
                            atomicDepth[0] = atomicDepth(current, atomicDepth[0]);
                        }
                        default -> current.add(t);
                    }
                },
                lexed);
        flush(sql, current, statements);
    }

    /**
     * Tracks the nesting of a SQL-standard routine body after its last token: {@code BEGIN ATOMIC}
     * opens it, a later {@code BEGIN} or {@code CASE} nests, {@code END} closes one level.
     */
    private static int atomicDepth(List<Token> current, int depth) {
        Token last = current.get(current.size() - 1);
        if (depth > 0) {
            if (last.isWord("begin") || last.isWord("case")) {
                return depth + 1;
            }
            if (last.isWord("end")) {
                return depth - 1;
            }
            return depth;
        }
        if (last.isWord("atomic")
                && current.size() >= 2
                && current.get(current.size() - 2).isWord("begin")
                && isRoutine(current)) {
            return 1;
        }
        return 0;
    }

    private static boolean isRoutine(List<Token> tokens) {
        if (!tokens.get(0).isWord("create")) {
            return false;
        }
        int i = 1;
        if (i + 1 < tokens.size()
                && tokens.get(i).isWord("or")
                && tokens.get(i + 1).isWord("replace")) {
            i += 2;
        }
        return i < tokens.size()
                && (tokens.get(i).isWord("function") || tokens.get(i).isWord("procedure"));
    }

    private static void flush(String sql, List<Token> current, Consumer<Statement> out) {
        if (current.isEmpty()) {
            return;
        }
        Token first = current.get(0);
        Token last = current.get(current.size() - 1);
        out.accept(
                new Statement(
                        sql.substring(first.offset(), last.end()),
                        first.line(),
                        first.column(),
                        first.offset(),
                        current));
        current.clear();
    }
}
