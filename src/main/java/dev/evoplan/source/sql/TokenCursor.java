package dev.evoplan.source.sql;

import dev.evoplan.model.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads one statement's tokens front to back; a mismatch throws {@link Mismatch}, which the parser
 * turns into an unrecognized statement.
 */
final class TokenCursor {

    /** Signals that the statement does not have the shape being read; never leaves the parser. */
    static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            // No stack trace: mismatches are an ordinary outcome on hostile input and must stay
            // cheap.
            super(message, null, false, false);
        }
    }

    private final List<Token> tokens;
    private final String sql;
    private final UnqualifiedNames names;
    private int i;

    TokenCursor(List<Token> tokens, String sql) {
        this(tokens, sql, UnqualifiedNames.PUBLIC);
    }

    TokenCursor(List<Token> tokens, String sql, UnqualifiedNames names) {
        this.tokens = tokens;
        this.sql = sql;
        this.names = names;
    }

    int position() {
        return i;
    }

    void reset(int position) {
        i = position;
    }

    boolean atEnd() {
        return i >= tokens.size();
    }

    Token peek() {
        return peek(0);
    }

    Token peek(int ahead) {
        int k = i + ahead;
        return k < tokens.size() ? tokens.get(k) : null;
    }

    Token next() {
        if (atEnd()) {
            throw new Mismatch("statement ends too early");
        }
        return tokens.get(i++);
    }

    boolean isWord(int ahead, String word) {
        Token t = peek(ahead);
        return t != null && t.isWord(word);
    }

    boolean isWord(String word) {
        return isWord(0, word);
    }

    boolean is(int ahead, TokenKind kind) {
        Token t = peek(ahead);
        return t != null && t.kind() == kind;
    }

    boolean is(TokenKind kind) {
        return is(0, kind);
    }

    /** Consumes the words if they all come next. */
    boolean accept(String... words) {
        for (int k = 0; k < words.length; k++) {
            if (!isWord(k, words[k])) {
                return false;
            }
        }
        i += words.length;
        return true;
    }

    boolean accept(TokenKind kind) {
        if (is(kind)) {
            i++;
            return true;
        }
        return false;
    }

    void expect(String... words) {
        if (!accept(words)) {
            throw new Mismatch(
                    "expected "
                            + String.join(" ", words).toUpperCase(java.util.Locale.ROOT)
                            + found());
        }
    }

    void expect(TokenKind kind) {
        if (!accept(kind)) {
            throw new Mismatch(
                    "expected "
                            + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                            + found());
        }
    }

    String found() {
        Token t = peek();
        return t == null
                ? " at end of statement"
                : " at " + t.line() + ":" + t.column() + " but found " + abbreviate(t.text());
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    void expectEnd() {
        if (!atEnd()) {
            throw new Mismatch("unexpected text" + found());
        }
    }

    /** An identifier, folded (quoted ones keep their case). */
    String ident() {
        Token t = peek();
        if (t != null
                && (t.kind() == TokenKind.IDENTIFIER || t.kind() == TokenKind.QUOTED_IDENTIFIER)) {
            i++;
            return t.value();
        }
        throw new Mismatch("expected a name" + found());
    }

    /**
     * {@code name}, {@code schema.name} or {@code db.schema.name} of an object that exists: an
     * unqualified one is found along the search_path ({@code public} unless a SET changed it).
     */
    QualifiedName qualifiedName() {
        return qualifiedName(false);
    }

    /**
     * The name of an object the statement creates: an unqualified one lands in the first schema of
     * the search_path.
     */
    QualifiedName newName() {
        return qualifiedName(true);
    }

    /** An existing object's unqualified name, found along the search_path. */
    QualifiedName existing(String name) {
        return names.existing(name);
    }

    private QualifiedName qualifiedName(boolean created) {
        List<String> parts = new ArrayList<>();
        parts.add(ident());
        while (is(TokenKind.DOT)
                && (is(1, TokenKind.IDENTIFIER) || is(1, TokenKind.QUOTED_IDENTIFIER))) {
            i++;
            parts.add(ident());
        }
        int n = parts.size();
        if (n > 1) {
            return new QualifiedName(parts.get(n - 2), parts.get(n - 1));
        }
        return created ? names.created(parts.get(0)) : names.existing(parts.get(0));
    }

    /** {@code (a, b, c)}: a parenthesised list of names. */
    List<String> identList() {
        expect(TokenKind.LEFT_PAREN);
        List<String> names = new ArrayList<>();
        if (accept(TokenKind.RIGHT_PAREN)) {
            return names;
        }
        do {
            names.add(ident());
        } while (accept(TokenKind.COMMA));
        expect(TokenKind.RIGHT_PAREN);
        return names;
    }

    /**
     * A parenthesised group: returns the source text inside the parentheses and consumes the group.
     */
    String parenthesized() {
        Token open = peek();
        expect(TokenKind.LEFT_PAREN);
        int depth = 1;
        while (!atEnd()) {
            Token t = tokens.get(i++);
            if (t.kind() == TokenKind.LEFT_PAREN) {
                depth++;
            } else if (t.kind() == TokenKind.RIGHT_PAREN && --depth == 0) {
                return sql.substring(open.end(), t.offset()).strip();
            }
        }
        throw new Mismatch("unbalanced parenthesis at " + open.line() + ":" + open.column());
    }

    /**
     * An expression as source text: tokens up to a top-level comma, an unmatched closing
     * parenthesis, the end, or (after its first token) a token {@code stop} accepts. CASE ... END
     * counts as nesting so that key words inside it do not stop the expression.
     */
    String expression(Predicate<Token> stop) {
        int start = i;
        int depth = 0;
        int caseDepth = 0;
        while (!atEnd()) {
            Token t = tokens.get(i);
            if (depth == 0 && caseDepth == 0) {
                if (t.kind() == TokenKind.COMMA || t.kind() == TokenKind.RIGHT_PAREN) {
                    break;
                }
                if (i > start && stop.test(t)) {
                    break;
                }
            }
            switch (t.kind()) {
                case LEFT_PAREN, LEFT_BRACKET -> depth++;
                case RIGHT_PAREN, RIGHT_BRACKET -> depth--;
                case IDENTIFIER -> {
                    if (t.isWord("case")) {
                        caseDepth++;
                    } else if (t.isWord("end") && caseDepth > 0) {
                        caseDepth--;
                    }
                }
                default -> {}
            }
            i++;
        }
        if (i == start) {
            throw new Mismatch("expected an expression" + found());
        }
        return text(start, i);
    }

    /** Everything left in the statement, as source text ("" when nothing is left). */
    String rest() {
        int start = i;
        i = tokens.size();
        return start >= tokens.size() ? "" : text(start, i);
    }

    /** Source text of tokens {@code [from, to)}. */
    String text(int from, int to) {
        if (from >= to) {
            return "";
        }
        return sql.substring(tokens.get(from).offset(), tokens.get(to - 1).end());
    }

    /** Skips a balanced parenthesised group if one comes next. */
    void skipParenthesized() {
        if (is(TokenKind.LEFT_PAREN)) {
            parenthesized();
        }
    }

    /** Moves to the next top-level token the predicate accepts (or the end); true when found. */
    boolean skipTo(Predicate<Token> target) {
        int depth = 0;
        while (!atEnd()) {
            Token t = tokens.get(i);
            if (depth == 0 && target.test(t)) {
                return true;
            }
            if (t.kind() == TokenKind.LEFT_PAREN) {
                depth++;
            } else if (t.kind() == TokenKind.RIGHT_PAREN) {
                depth--;
            }
            i++;
        }
        return false;
    }

    /** A string constant's value (standard, E, U&, or dollar-quoted). */
    String string() {
        Token t = peek();
        if (t != null && (t.kind() == TokenKind.STRING || t.kind() == TokenKind.DOLLAR_STRING)) {
            i++;
            return t.value();
        }
        throw new Mismatch("expected a string" + found());
    }
}
