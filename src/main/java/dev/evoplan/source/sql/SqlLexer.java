package dev.evoplan.source.sql;

import dev.evoplan.model.Identifiers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * PostgreSQL's lexical rules as a scanner: comments (nested block comments), quoted identifiers,
 * standard, escape, Unicode and dollar-quoted strings, numbers, operators and psql meta-commands.
 * It never throws: unreadable input becomes an {@link TokenKind#ERROR} token and a diagnostic.
 */
public final class SqlLexer {

    /**
     * The tokens of a source, comments and white space left out, and what went wrong reading it.
     */
    public record Result(List<Token> tokens, List<Diagnostic> diagnostics) {
        public Result {
            tokens = List.copyOf(tokens);
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

    /** A multi-character operator may end in + or - only if it holds one of these (scan.l). */
    private static final String NON_MATH_OPERATOR_CHARS = "~!@#%^&|`?";

    private final String src;
    private final String file;
    private final int[] lineStarts;

    /** The index in {@link #lineStarts} of the line {@link #lineOf} found last. */
    private int lastLine;

    /** Words up to this long are shared (see {@link #word(int, int)}). */
    private static final int SHARED_LENGTH = 32;

    private static final int RECENT_WORDS = 1024;
    private final String[] recentWords = new String[RECENT_WORDS];
    private final String[] recentFolded = new String[RECENT_WORDS];
    private final Consumer<Token> tokens;
    private final List<Diagnostic> diagnostics;
    private int pos;

    /**
     * Where the statement being scanned is in reading {@code COPY ... FROM STDIN}: the rows that
     * follow it are data, not SQL.
     */
    private enum CopyFromStdin {
        /** The statement's first token is still to come. */
        START,
        /** A COPY statement, no {@code FROM} yet. */
        COPY,
        /** A COPY statement whose last token is {@code FROM}. */
        FROM,
        /** A {@code COPY ... FROM STDIN} statement: its data follows the semicolon. */
        STDIN,
        /** Any other statement. */
        OTHER
    }

    private CopyFromStdin copy = CopyFromStdin.START;

    private SqlLexer(
            String src, String file, Consumer<Token> tokens, List<Diagnostic> diagnostics) {
        this.src = src;
        this.file = file;
        this.lineStarts = lineStarts(src);
        this.tokens = tokens;
        this.diagnostics = diagnostics;
    }

    /** Scans a whole source; {@code fileName} names it in diagnostics. */
    public static Result tokenize(String sql, String fileName) {
        List<Token> tokens = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        scan(sql, fileName, tokens::add, diagnostics);
        return new Result(tokens, diagnostics);
    }

    /**
     * Scans a whole source, handing each token to {@code tokens} as it is read (a large file's
     * tokens are never all held at once) and adding what went wrong to {@code diagnostics}.
     */
    static void scan(
            String sql, String fileName, Consumer<Token> tokens, List<Diagnostic> diagnostics) {
        new SqlLexer(
                        Objects.requireNonNull(sql, "sql is null"),
                        fileName == null ? "<input>" : fileName,
                        tokens,
                        diagnostics)
                .run();
    }

    /** Where each line of {@code text} starts: 0, then the offset after each {@code \n}. */
    public static int[] lineStarts(String text) {
        int count = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            count++;
        }
        int[] starts = new int[count];
        int n = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            starts[n++] = i + 1;
        }
        return starts;
    }

    int lineOf(int offset) {
        // Tokens are read in order: the line of the last one, or one a few lines on, is the answer
        // nearly always; two binary searches per token were a tenth of reading a large file.
        int at = lastLine;
        if (offset >= lineStarts[at]) {
            int last = lineStarts.length - 1;
            for (int step = 0; step < 8; step++) {
                if (at == last || offset < lineStarts[at + 1]) {
                    lastLine = at;
                    return at + 1;
                }
                at++;
            }
        }
        int i = Arrays.binarySearch(lineStarts, offset);
        int line = i >= 0 ? i + 1 : -i - 1;
        lastLine = line - 1;
        return line;
    }

    int columnOf(int offset) {
        return offset - lineStarts[lineOf(offset) - 1] + 1;
    }

    private void run() {
        int n = src.length();
        while (pos < n) {
            char c = src.charAt(pos);
            if (isSpace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (c == '\\') {
                metaCommand();
            } else if (c == '\'') {
                quotedString(pos, pos, false);
            } else if (c == '"') {
                quotedIdentifier(pos, pos, false);
            } else if ((c == 'e' || c == 'E') && peek(1) == '\'') {
                quotedString(pos, pos + 1, true);
            } else if ((c == 'n' || c == 'N' || c == 'b' || c == 'B' || c == 'x' || c == 'X')
                    && peek(1) == '\'') {
                quotedString(pos, pos + 1, false);
            } else if ((c == 'u' || c == 'U') && peek(1) == '&' && peek(2) == '\'') {
                unicodeString(pos);
            } else if ((c == 'u' || c == 'U') && peek(1) == '&' && peek(2) == '"') {
                quotedIdentifier(pos, pos + 2, true);
            } else if (isIdentStart(c)) {
                word();
            } else if (c == '$') {
                dollar();
            } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
                number();
            } else if (c == ':' && peek(1) == ':') {
                add(TokenKind.CAST, pos, pos + 2);
            } else if (c == ':' && peek(1) == '=') {
                add(TokenKind.OPERATOR, pos, pos + 2);
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                operator();
            } else {
                TokenKind kind =
                        switch (c) {
                            case '(' -> TokenKind.LEFT_PAREN;
                            case ')' -> TokenKind.RIGHT_PAREN;
                            case '[' -> TokenKind.LEFT_BRACKET;
                            case ']' -> TokenKind.RIGHT_BRACKET;
                            case ',' -> TokenKind.COMMA;
                            case ';' -> TokenKind.SEMICOLON;
                            case '.' -> TokenKind.DOT;
                            case ':' -> TokenKind.COLON;
                            default -> TokenKind.ERROR;
                        };
                int len = Character.isHighSurrogate(c) && pos + 1 < n ? 2 : 1;
                if (kind == TokenKind.ERROR) {
                    error(pos, pos + len, String.format("unexpected character U+%04X", (int) c));
                } else {
                    add(kind, pos, pos + len);
                }
            }
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < src.length() ? src.charAt(i) : '\0';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * PostgreSQL takes every byte at or above 0x80 as a letter, so any non-ASCII character starts a
     * word.
     */
    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || c == '_'
                || (c >= 0x80 && !Character.isWhitespace(c));
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }

    private void add(TokenKind kind, int start, int end) {
        add(kind, start, end, null);
    }

    /** Adds a token; a null {@code value}, or one equal to the text, shares the text's string. */
    private void add(TokenKind kind, int start, int end, String value) {
        add(kind, start, end, src.substring(start, end), value);
    }

    /** Adds a token whose text, {@code src[start, end)}, is read already. */
    private void add(TokenKind kind, int start, int end, String text, String value) {
        Token token =
                new Token(
                        kind,
                        text,
                        value == null || value.equals(text) ? text : value,
                        lineOf(start),
                        columnOf(start),
                        start);
        tokens.accept(token);
        pos = end;
        followCopyFromStdin(token);
    }

    /**
     * After the semicolon of {@code COPY ... FROM STDIN}, psql sends the lines that follow as the
     * statement's data, up to a line holding only {@code \.} (or the end of the file): they are
     * skipped here, as pg_dump output has them, rather than read as statements.
     */
    private void followCopyFromStdin(Token token) {
        switch (token.kind()) {
            case SEMICOLON -> {
                if (copy == CopyFromStdin.STDIN) {
                    skipCopyData();
                }
                copy = CopyFromStdin.START;
            }
            case META_COMMAND -> copy = CopyFromStdin.START;
            default ->
                    copy =
                            switch (copy) {
                                case START ->
                                        token.isWord("copy")
                                                ? CopyFromStdin.COPY
                                                : CopyFromStdin.OTHER;
                                case COPY, FROM ->
                                        token.isWord("from")
                                                ? CopyFromStdin.FROM
                                                : copy == CopyFromStdin.FROM
                                                                && token.isWord("stdin")
                                                        ? CopyFromStdin.STDIN
                                                        : CopyFromStdin.COPY;
                                case STDIN, OTHER -> copy;
                            };
        }
    }

    private void skipCopyData() {
        int n = src.length();
        int line = src.indexOf('\n', pos);
        while (line >= 0 && line + 1 < n) {
            int start = line + 1;
            int end = src.indexOf('\n', start);
            int lineEnd = end < 0 ? n : end;
            int textEnd =
                    lineEnd > start && src.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
            if (textEnd - start == 2 && src.startsWith("\\.", start)) {
                pos = lineEnd;
                return;
            }
            line = end;
        }
        pos = n;
    }

    private void error(int start, int end, String message) {
        diagnostics.add(
                new Diagnostic(
                        Diagnostic.Severity.ERROR, file, lineOf(start), columnOf(start), message));
        add(TokenKind.ERROR, start, end);
    }

    private void skipLineComment() {
        while (pos < src.length() && src.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipBlockComment() {
        int start = pos;
        int depth = 0;
        int n = src.length();
        while (pos < n) {
            char c = src.charAt(pos);
            if (c == '/' && peek(1) == '*') {
                depth++;
                pos += 2;
            } else if (c == '*' && peek(1) == '/') {
                pos += 2;
                if (--depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        error(start, n, "unterminated /* comment");
    }

    /** psql reads a backslash outside quotes as a meta-command that runs to the end of the line. */
    private void metaCommand() {
        int end = src.indexOf('\n', pos);
        end = end < 0 ? src.length() : end;
        int textEnd = end > pos && src.charAt(end - 1) == '\r' ? end - 1 : end;
        add(TokenKind.META_COMMAND, pos, textEnd);
    }

    private void word() {
        int start = pos;
        int n = src.length();
        pos++;
        while (pos < n && isIdentPart(src.charAt(pos))) {
            pos++;
        }
        String text = word(start, pos);
        String value = Identifiers.fold(text);
        if (!value.equals(text)) {
            value = shared(value);
        }
        add(TokenKind.IDENTIFIER, start, pos, text, value);
    }

    /**
     * The word {@code src[start, end)}, one string for each spelling seen recently: the same
     * column, type and key words recur in every statement of a large file, and the model keeps the
     * names it is given (a schema of 100,000 tables held several million strings).
     */
    private String word(int start, int end) {
        int length = end - start;
        if (length > SHARED_LENGTH) {
            return src.substring(start, end);
        }
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + src.charAt(i);
        }
        int slot = (hash ^ (hash >>> 16)) & (RECENT_WORDS - 1);
        String seen = recentWords[slot];
        if (seen != null && seen.length() == length && src.regionMatches(start, seen, 0, length)) {
            return seen;
        }
        String text = src.substring(start, end);
        recentWords[slot] = text;
        return text;
    }

    /** {@code value} or an equal string seen recently (a folded spelling). */
    private String shared(String value) {
        if (value.length() > SHARED_LENGTH) {
            return value;
        }
        int hash = value.hashCode();
        int slot = (hash ^ (hash >>> 16)) & (RECENT_WORDS - 1);
        String seen = recentFolded[slot];
        if (value.equals(seen)) {
            return seen;
        }
        recentFolded[slot] = value;
        return value;
    }

    /**
     * Reads {@code '...'} from {@code quote}; in an E string a backslash escapes the next
     * character.
     */
    private void quotedString(int start, int quote, boolean escapes) {
        int n = src.length();
        int i = quote + 1;
        StringBuilder value = new StringBuilder();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\'') {
                if (i + 1 < n && src.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i += 2;
                    continue;
                }
                add(TokenKind.STRING, start, i + 1, value.toString());
                return;
            }
            if (escapes && c == '\\' && i + 1 < n) {
                i = decodeBackslash(i + 1, value);
                continue;
            }
            value.append(c);
            i++;
        }
        error(start, n, "unterminated quoted string");
    }

    /** Decodes the escape after a backslash at {@code i - 1}; returns the index after it. */
    private int decodeBackslash(int i, StringBuilder out) {
        char c = src.charAt(i);
        switch (c) {
            case 'b':
                out.append('\b');
                return i + 1;
            case 'f':
                out.append('\f');
                return i + 1;
            case 'n':
                out.append('\n');
                return i + 1;
            case 'r':
                out.append('\r');
                return i + 1;
            case 't':
                out.append('\t');
                return i + 1;
            case 'x':
                {
                    int end = hexRun(i + 1, 2);
                    if (end == i + 1) {
                        out.append('x');
                        return i + 1;
                    }
                    out.append((char) Integer.parseInt(src.substring(i + 1, end), 16));
                    return end;
                }
            case 'u':
            case 'U':
                {
                    int len = c == 'u' ? 4 : 8;
                    int end = hexRun(i + 1, len);
                    if (end - (i + 1) != len) {
                        out.append(c);
                        return i + 1;
                    }
                    appendCodePoint(out, Long.parseLong(src.substring(i + 1, end), 16));
                    return end;
                }
            default:
                if (c >= '0' && c <= '7') {
                    int end = i;
                    while (end < src.length()
                            && end < i + 3
                            && src.charAt(end) >= '0'
                            && src.charAt(end) <= '7') {
                        end++;
                    }
                    out.append((char) (Integer.parseInt(src.substring(i, end), 8) & 0xFF));
                    return end;
                }
                out.append(c);
                return i + 1;
        }
    }

    private int hexRun(int from, int max) {
        int i = from;
        while (i < src.length() && i < from + max && Character.digit(src.charAt(i), 16) >= 0) {
            i++;
        }
        return i;
    }

    private static void appendCodePoint(StringBuilder out, long cp) {
        if (cp >= 0 && cp <= Character.MAX_CODE_POINT) {
            out.appendCodePoint((int) cp);
        } else {
            out.append('\uFFFD');
        }
    }

    /** {@code "..."} with {@code ""} for a quote; {@code U&"..."} also takes Unicode escapes. */
    private void quotedIdentifier(int start, int quote, boolean unicode) {
        int n = src.length();
        int i = quote + 1;
        StringBuilder raw = new StringBuilder();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '"') {
                if (i + 1 < n && src.charAt(i + 1) == '"') {
                    raw.append('"');
                    i += 2;
                    continue;
                }
                int end = i + 1;
                char escape = '\\';
                if (unicode) {
                    int[] uescape = uescape(end);
                    if (uescape != null) {
                        escape = (char) uescape[0];
                        end = uescape[1];
                    }
                }
                String value =
                        unicode ? decodeUnicode(raw.toString(), escape, start) : raw.toString();
                if (value.isEmpty()) {
                    error(start, end, "zero-length delimited identifier");
                    return;
                }
                add(TokenKind.QUOTED_IDENTIFIER, start, end, Identifiers.truncate(value));
                return;
            }
            raw.append(c);
            i++;
        }
        error(start, n, "unterminated quoted identifier");
    }

    private void unicodeString(int start) {
        int n = src.length();
        int i = start + 3;
        StringBuilder raw = new StringBuilder();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\'') {
                if (i + 1 < n && src.charAt(i + 1) == '\'') {
                    raw.append('\'');
                    i += 2;
                    continue;
                }
                int end = i + 1;
                char escape = '\\';
                int[] uescape = uescape(end);
                if (uescape != null) {
                    escape = (char) uescape[0];
                    end = uescape[1];
                }
                add(TokenKind.STRING, start, end, decodeUnicode(raw.toString(), escape, start));
                return;
            }
            raw.append(c);
            i++;
        }
        error(start, n, "unterminated quoted string");
    }

    /**
     * Looks past white space for {@code UESCAPE 'c'} after a Unicode literal ending at {@code
     * from}; returns the escape character and the end offset, or null when there is none.
     */
    private int[] uescape(int from) {
        int i = from;
        int n = src.length();
        while (i < n && isSpace(src.charAt(i))) {
            i++;
        }
        if (i + 7 > n
                || !src.regionMatches(true, i, "uescape", 0, 7)
                || (i + 7 < n && isIdentPart(src.charAt(i + 7)))) {
            return null;
        }
        i += 7;
        while (i < n && isSpace(src.charAt(i))) {
            i++;
        }
        if (i + 2 < n && src.charAt(i) == '\'' && src.charAt(i + 2) == '\'') {
            return new int[] {src.charAt(i + 1), i + 3};
        }
        return null;
    }

    private String decodeUnicode(String raw, char escape, int start) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c != escape) {
                out.append(c);
                i++;
            } else if (i + 1 < raw.length() && raw.charAt(i + 1) == escape) {
                out.append(escape);
                i += 2;
            } else if (i + 1 < raw.length()
                    && raw.charAt(i + 1) == '+'
                    && hexCount(raw, i + 2, 6) == 6) {
                appendCodePoint(out, Long.parseLong(raw.substring(i + 2, i + 8), 16));
                i += 8;
            } else if (hexCount(raw, i + 1, 4) == 4) {
                appendCodePoint(out, Long.parseLong(raw.substring(i + 1, i + 5), 16));
                i += 5;
            } else {
                diagnostics.add(
                        new Diagnostic(
                                Diagnostic.Severity.WARNING,
                                file,
                                lineOf(start),
                                columnOf(start),
                                "invalid Unicode escape in U& literal"));
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int hexCount(String s, int from, int max) {
        int i = from;
        while (i < s.length() && i < from + max && Character.digit(s.charAt(i), 16) >= 0) {
            i++;
        }
        return i - from;
    }

    /**
     * {@code $1} is a parameter; {@code $tag$} (tag an identifier-like word, or empty) opens a
     * quote.
     */
    private void dollar() {
        int start = pos;
        int n = src.length();
        if (isDigit(peek(1))) {
            int i = pos + 1;
            while (i < n && isDigit(src.charAt(i))) {
                i++;
            }
            add(TokenKind.PARAMETER, start, i);
            return;
        }
        int i = pos + 1;
        if (i < n && src.charAt(i) != '$') {
            if (!isIdentStart(src.charAt(i))) {
                error(start, start + 1, "unexpected character $");
                return;
            }
            while (i < n && (isIdentStart(src.charAt(i)) || isDigit(src.charAt(i)))) {
                i++;
            }
        }
        if (i >= n || src.charAt(i) != '$') {
            error(start, i, "unexpected character $");
            return;
        }
        String delimiter = src.substring(start, i + 1);
        int close = src.indexOf(delimiter, i + 1);
        if (close < 0) {
            error(start, n, "unterminated dollar-quoted string " + delimiter);
            return;
        }
        add(
                TokenKind.DOLLAR_STRING,
                start,
                close + delimiter.length(),
                src.substring(i + 1, close));
    }

    /**
     * Decimal, real, and (PostgreSQL 16) hexadecimal, octal and binary integers, with underscores.
     */
    private void number() {
        int start = pos;
        int n = src.length();
        int i = pos;
        char c1 = peek(1);
        if (src.charAt(i) == '0'
                && (c1 == 'x' || c1 == 'X' || c1 == 'o' || c1 == 'O' || c1 == 'b' || c1 == 'B')) {
            int radix = (c1 == 'x' || c1 == 'X') ? 16 : (c1 == 'o' || c1 == 'O') ? 8 : 2;
            int j = digits(i + 2, radix);
            if (j > i + 2) {
                add(TokenKind.NUMBER, start, j);
                return;
            }
        }
        i = digits(i, 10);
        if (i < n && src.charAt(i) == '.' && !(i + 1 < n && src.charAt(i + 1) == '.')) {
            i = digits(i + 1, 10);
        }
        if (i < n && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (src.charAt(j) == '+' || src.charAt(j) == '-')) {
                j++;
            }
            int k = digits(j, 10);
            if (k > j) {
                i = k;
            }
        }
        add(TokenKind.NUMBER, start, i);
    }

    /** Digits of the radix with single underscores between them. */
    private int digits(int from, int radix) {
        int i = from;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (Character.digit(c, radix) >= 0 && c < 0x80) {
                i++;
            } else if (c == '_'
                    && i > from
                    && i + 1 < n
                    && Character.digit(src.charAt(i + 1), radix) >= 0
                    && src.charAt(i + 1) < 0x80) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private void operator() {
        int start = pos;
        int n = src.length();
        int i = pos;
        while (i < n && OPERATOR_CHARS.indexOf(src.charAt(i)) >= 0) {
            // A comment start ends the operator, as in scan.l.
            if (i > start
                    && ((src.charAt(i) == '-' && i + 1 < n && src.charAt(i + 1) == '-')
                            || (src.charAt(i) == '/' && i + 1 < n && src.charAt(i + 1) == '*'))) {
                break;
            }
            i++;
        }
        int end = i;
        if (end - start > 1) {
            boolean nonMath = false;
            for (int k = start; k < end; k++) {
                if (NON_MATH_OPERATOR_CHARS.indexOf(src.charAt(k)) >= 0) {
                    nonMath = true;
                    break;
                }
            }
            if (!nonMath) {
                while (end - start > 1
                        && (src.charAt(end - 1) == '+' || src.charAt(end - 1) == '-')) {
                    end--;
                }
            }
        }
        add(TokenKind.OPERATOR, start, end);
    }
}
