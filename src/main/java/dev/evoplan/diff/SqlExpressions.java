package dev.evoplan.diff;

import dev.evoplan.model.SqlText;
import dev.evoplan.model.Identifiers;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Light textual handling of SQL expressions (check bodies, index predicates, view queries):
 * enough to compare an expression as written with the one PostgreSQL prints back, and to follow
 * a column rename, without parsing SQL.
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
            if (pendingSpace && out.length() > 0 && isWordChar(out.charAt(out.length() - 1)) && isWordChar(c)) {
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

    /** Identifiers the text mentions (folded; quoted ones unquoted), string literals left out. */
    public static Set<String> identifiers(String text) {
        Set<String> names = new TreeSet<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                i = SqlText.endOfQuoted(text, i);
            } else if (c == '"') {
                int end = SqlText.endOfQuoted(text, i);
                names.add(Identifiers.fold(text.substring(i, end)));
                i = end;
            } else if (isWordStart(c)) {
                int end = endOfWord(text, i);
                names.add(text.substring(i, end).toLowerCase(Locale.ROOT));
                i = end;
            } else if (isWordChar(c)) {
                i = endOfWord(text, i); // a number such as 1e5 holds no identifier
            } else {
                i++;
            }
        }
        return names;
    }

    /**
     * The text with every reference to column {@code from} renamed to {@code to}, as PostgreSQL
     * does for the expressions it stores. A word followed by {@code (} is a function and one
     * followed by {@code .} is a qualifier; neither is touched, nor is anything inside a literal.
     */
    public static String renameIdentifier(String text, String from, String to) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end;
            String name;
            if (c == '\'') {
                end = SqlText.endOfQuoted(text, i);
                out.append(text, i, end);
                i = end;
                continue;
            } else if (c == '"') {
                end = SqlText.endOfQuoted(text, i);
                name = Identifiers.fold(text.substring(i, end));
            } else if (isWordStart(c) && (i == 0 || !isWordChar(text.charAt(i - 1)))) {
                end = endOfWord(text, i);
                name = text.substring(i, end).toLowerCase(Locale.ROOT);
            } else {
                out.append(c);
                i++;
                continue;
            }
            int next = end;
            while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
                next++;
            }
            boolean qualifierOrCall = next < text.length() && (text.charAt(next) == '(' || text.charAt(next) == '.');
            out.append(name.equals(from) && !qualifierOrCall ? Identifiers.quote(to) : text.substring(i, end));
            i = end;
        }
        return out.toString();
    }

    private static int endOfWord(String s, int start) {
        int i = start;
        while (i < s.length() && isWordChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
