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
     * Words written before {@code (} that are SQL syntax, not a call: {@code IN (...)}, {@code
     * EXISTS (SELECT ...)}, {@code CAST(x AS t)}, {@code ARRAY(...)}, {@code ROW(...)}, {@code OVER
     * (...)}, a subquery after FROM.
     */
    private static final Set<String> NOT_CALLS =
            Set.of(
                    "all",
                    "and",
                    "any",
                    "array",
                    "as",
                    "between",
                    "by",
                    "case",
                    "cast",
                    "distinct",
                    "else",
                    "exists",
                    "filter",
                    "from",
                    "in",
                    "is",
                    "join",
                    "lateral",
                    "not",
                    "on",
                    "or",
                    "over",
                    "row",
                    "select",
                    "some",
                    "then",
                    "using",
                    "values",
                    "when",
                    "where",
                    "with",
                    "within");

    /** Type names whose modifiers look like a call: {@code numeric(10,2)}, {@code varchar(20)}. */
    private static final Set<String> MODIFIED_TYPES =
            Set.of(
                    "numeric",
                    "decimal",
                    "varchar",
                    "varying",
                    "character",
                    "char",
                    "timestamp",
                    "time",
                    "interval",
                    "bit");

    /**
     * The functions an expression or query calls, in the order written without repeats: a name
     * (quoted or not, qualified or not) followed by {@code (}, other than a type after {@code ::}
     * or one with modifiers, and SQL syntax ({@code IN (...)}). Names are folded; an unqualified
     * one is in the default schema, as a routine of the project would be found. String literals and
     * comments call nothing.
     */
    public static java.util.List<QualifiedName> functionsCalled(String text) {
        java.util.List<QualifiedName> out = new java.util.ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                i = endOfQuoted(text, i);
            } else if (text.startsWith("--", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
            } else if (c == '"' || isWordStart(c)) {
                int start = i;
                java.util.List<String> parts = new java.util.ArrayList<>();
                boolean quoted = false;
                while (true) {
                    int end = text.charAt(i) == '"' ? endOfQuoted(text, i) : endOfWord(text, i);
                    quoted |= text.charAt(i) == '"';
                    parts.add(Identifiers.fold(text.substring(i, end)));
                    i = end;
                    if (i + 1 < text.length()
                            && text.charAt(i) == '.'
                            && (text.charAt(i + 1) == '"' || isWordStart(text.charAt(i + 1)))) {
                        i++;
                    } else {
                        break;
                    }
                }
                int next = i;
                while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
                    next++;
                }
                if (next < text.length()
                        && text.charAt(next) == '('
                        && !isTypeName(text, start)
                        && (quoted
                                || parts.size() > 1
                                || !NOT_CALLS.contains(parts.get(0))
                                        && !MODIFIED_TYPES.contains(parts.get(0)))) {
                    int n = parts.size();
                    QualifiedName name =
                            n == 1
                                    ? QualifiedName.of(parts.get(0))
                                    : new QualifiedName(parts.get(n - 2), parts.get(n - 1));
                    if (!out.contains(name)) {
                        out.add(name);
                    }
                }
            } else if (isWordChar(c)) {
                i = endOfWord(text, i); // a number, or $1, calls nothing
            } else {
                i++;
            }
        }
        return out;
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
