package dev.evoplan.model;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Small text operations on SQL expressions kept as source text (checks, predicates, index
 * expressions), aware of quoted strings and identifiers so that a parenthesis inside {@code 'a)b'}
 * is not taken for one that closes.
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

    /**
     * Index of the parenthesis closing the one at {@code open}, skipping quoted text; -1 if none.
     */
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

    /**
     * Index just past the quoted run starting at {@code start}; a doubled quote is an escaped one.
     */
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

    /**
     * {@link #identifiers} of a view's query, unmodifiable, tokenised once per definition: a DROP
     * of a table or column asks it of every view in the schema, statement after statement. Weak
     * keys (the definition, which the view holds): an entry lives as long as some view holds it.
     */
    public static Set<String> identifiersOfQuery(View view) {
        synchronized (QUERY_IDENTIFIERS) {
            Set<String> known = QUERY_IDENTIFIERS.get(view.definition());
            if (known != null) {
                return known;
            }
        }
        Set<String> words = java.util.Collections.unmodifiableSet(identifiers(view.query()));
        synchronized (QUERY_IDENTIFIERS) {
            QUERY_IDENTIFIERS.put(view.definition(), words);
        }
        return words;
    }

    private static final java.util.Map<String, Set<String>> QUERY_IDENTIFIERS =
            new java.util.WeakHashMap<>();

    /** Identifiers the text mentions (folded; quoted ones unquoted), string literals left out. */
    public static Set<String> identifiers(String text) {
        Set<String> names = new TreeSet<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                i = endOfQuoted(text, i);
            } else if (c == '"') {
                int end = endOfQuoted(text, i);
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
     * does for the expressions it stores. A word followed by {@code (} is a function, one followed
     * by {@code .} is a qualifier and one after {@code ::} is a type; none is touched, nor is
     * anything inside a literal.
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
                end = endOfQuoted(text, i);
                out.append(text, i, end);
                i = end;
                continue;
            } else if (c == '"') {
                end = endOfQuoted(text, i);
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
            boolean qualifierOrCall =
                    next < text.length() && (text.charAt(next) == '(' || text.charAt(next) == '.');
            out.append(
                    name.equals(from) && !qualifierOrCall && !isTypeName(text, i)
                            ? Identifiers.quote(to)
                            : text.substring(i, end));
            i = end;
        }
        return out.toString();
    }

    /** Whether the word at {@code start} follows {@code ::}: a type name, not a column. */
    private static boolean isTypeName(String s, int start) {
        int j = start - 1;
        while (j >= 0 && Character.isWhitespace(s.charAt(j))) {
            j--;
        }
        return j >= 1 && s.charAt(j) == ':' && s.charAt(j - 1) == ':';
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
