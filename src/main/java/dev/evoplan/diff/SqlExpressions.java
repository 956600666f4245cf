package dev.evoplan.diff;

import dev.evoplan.model.SqlText;

/**
 * Light textual handling of SQL expressions (check bodies, index predicates, view queries): enough
 * to compare an expression as written with the one PostgreSQL prints back, without parsing SQL.
 * (Finding and renaming identifiers in an expression is {@link SqlText}'s.)
 */
public final class SqlExpressions {
    private SqlExpressions() {}

    /**
     * The expression with unquoted text lower-cased, whitespace dropped wherever it does not
     * separate two words, and redundant outer parentheses removed: {@code CHECK ((qty > 0))} as
     * PostgreSQL prints it and {@code qty>0} as written normalise the same. String literals and
     * quoted identifiers are kept as they are.
     */
    public static String normalize(String expression) {
        if (expression == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        String s = expression.strip();
        boolean pendingSpace = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                pendingSpace = true;
                i++;
                continue;
            }
            if (pendingSpace
                    && out.length() > 0
                    && isWordChar(out.charAt(out.length() - 1))
                    && isWordChar(c)) {
                out.append(' ');
            }
            pendingSpace = false;
            if (c == '\'' || c == '"') {
                int end = SqlText.endOfQuoted(s, i);
                out.append(s, i, end);
                i = end;
            } else {
                out.append(Character.toLowerCase(c));
                i++;
            }
        }
        return SqlText.withoutRedundantParentheses(out.toString());
    }

    /** True when both expressions normalise the same (nulls are equal only to each other). */
    public static boolean same(String a, String b) {
        return a == null ? b == null : b != null && normalize(a).equals(normalize(b));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
