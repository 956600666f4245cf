package dev.evoplan.model;

/**
 * Small text operations on SQL expressions kept as source text (checks, predicates, index
 * expressions), aware of quoted strings and identifiers so that a parenthesis inside
 * {@code 'a)b'} is not taken for one that closes.
 */
public final class SqlText {
    private SqlText() {}

    /** {@code (a > 0)} as {@code a > 0}; {@code (a) + (b)} is left as it is. Removes one pair. */
    public static String withoutOuterParentheses(String expression) {
        String s = expression.strip();
        if (s.length() >= 2 && s.charAt(0) == '(' && closingParenthesis(s, 0) == s.length() - 1) {
            return s.substring(1, s.length() - 1).strip();
        }
        return s;
    }

    /** Every redundant enclosing pair removed: PostgreSQL prints {@code CHECK ((qty > 0))}. */
    public static String withoutRedundantParentheses(String expression) {
        String s = expression.strip();
        String inner = withoutOuterParentheses(s);
        while (!inner.equals(s)) {
            s = inner;
            inner = withoutOuterParentheses(s);
        }
        return s;
    }

    /** Index of the parenthesis closing the one at {@code open}, skipping quoted text; -1 if none. */
    public static int closingParenthesis(String s, int open) {
        int depth = 0;
        int i = open;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                i = endOfQuoted(s, i);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** Index just past the quoted run starting at {@code start}; a doubled quote is an escaped one. */
    public static int endOfQuoted(String s, int start) {
        char q = s.charAt(start);
        int i = start + 1;
        while (i < s.length()) {
            if (s.charAt(i) == q) {
                if (i + 1 < s.length() && s.charAt(i + 1) == q) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }
}
