package dev.evoplan.source.sql;

import java.util.Objects;

/**
 * One lexical token with its place in the source: 1-based line and column, 0-based offset.
 *
 * @param text the token exactly as written
 * @param value the meaning: folded identifier, decoded string or dollar body; else the text
 */
public record Token(TokenKind kind, String text, String value, int line, int column, int offset) {
    public Token {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(text, "text is null");
        Objects.requireNonNull(value, "value is null");
    }

    /** Offset just past the token. */
    public int end() {
        return offset + text.length();
    }

    /** True for an unquoted word equal to the key word {@code lowerCaseWord}. */
    public boolean isWord(String lowerCaseWord) {
        return kind == TokenKind.IDENTIFIER && value.equals(lowerCaseWord);
    }
}
