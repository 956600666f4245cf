package dev.evoplan.source.sql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names PostgreSQL makes up for unnamed constraints, indexes and serial sequences
 * (makeObjectName, ChooseRelationName, ChooseConstraintName): {@code t_pkey}, {@code t_a_b_key},
 * {@code t_a_fkey}, {@code t_a_check}, {@code t_a_idx}, {@code t_a_seq}, shortened to 63 bytes
 * and numbered while the name is taken.
 */
final class PostgresNames {
    static final int MAX_IDENTIFIER_BYTES = 63;
    private static final Pattern CALL = Pattern.compile(
            "^\\s*\"?([A-Za-z_][A-Za-z0-9_$]*)\"?(?:\\s*\\.\\s*\"?([A-Za-z_][A-Za-z0-9_$]*)\"?)?\\s*\\(");
    private static final Pattern BARE = Pattern.compile("^\\s*\"?([A-Za-z_][A-Za-z0-9_$]*)\"?\\s*$");
    private static final Pattern IDENTIFIER = Pattern.compile("\"((?:[^\"]|\"\")+)\"|([A-Za-z_][A-Za-z0-9_$]*)");

    private PostgresNames() {}

    /** {@code name1_name2_label}, the longer of the two names shortened first until it fits. */
    static String makeObjectName(String name1, String name2, String label) {
        int overhead = (name2 == null ? 0 : 1) + (label == null ? 0 : bytes(label) + 1);
        int available = MAX_IDENTIFIER_BYTES - overhead;
        int c1 = bytes(name1);
        int c2 = name2 == null ? 0 : bytes(name2);
        while (c1 + c2 > available) {
            if (c1 > c2) {
                c1--;
            } else {
                c2--;
            }
        }
        StringBuilder sb = new StringBuilder(clip(name1, c1));
        if (name2 != null) {
            sb.append('_').append(clip(name2, c2));
        }
        if (label != null) {
            sb.append('_').append(label);
        }
        return sb.toString();
    }

    /** The first of {@code label}, {@code label1}, {@code label2}, ... that is not taken. */
    static String choose(String name1, String name2, String label, Predicate<String> taken) {
        String name = makeObjectName(name1, name2, label);
        for (int pass = 1; taken.test(name); pass++) {
            name = makeObjectName(name1, name2, label + pass);
        }
        return name;
    }

    /** The key names PostgreSQL puts in an index name: a column, a function's name, or {@code expr}. */
    static List<String> indexKeyNames(List<dev.evoplan.model.IndexElement> elements) {
        List<String> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (dev.evoplan.model.IndexElement e : elements) {
            String base = e.expression() ? expressionName(e.columnOrExpression()) : e.columnOrExpression();
            String name = base;
            for (int n = 1; used.contains(name); n++) {
                name = base + n;
            }
            used.add(name);
            out.add(name);
        }
        return out;
    }

    private static String expressionName(String expression) {
        Matcher call = CALL.matcher(expression);
        if (call.find()) {
            return (call.group(2) != null ? call.group(2) : call.group(1)).toLowerCase(Locale.ROOT);
        }
        Matcher bare = BARE.matcher(expression);
        return bare.find() ? bare.group(1).toLowerCase(Locale.ROOT) : "expr";
    }

    /**
     * The distinct identifiers an expression names, folded, in order of appearance, skipping
     * string literals: PostgreSQL names a check after its column only when it reads exactly one.
     */
    static List<String> identifiers(String expression) {
        List<String> out = new ArrayList<>();
        String s = expression;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                i = dev.evoplan.model.SqlText.endOfQuoted(s, i);
                continue;
            }
            Matcher m = IDENTIFIER.matcher(s).region(i, s.length());
            if (m.lookingAt() && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)) && s.charAt(i - 1) != '_')) {
                String name = m.group(1) != null ? m.group(1).replace("\"\"", "\"") : m.group(2).toLowerCase(Locale.ROOT);
                if (!out.contains(name)) {
                    out.add(name);
                }
                i = m.end();
                continue;
            }
            i++;
        }
        return out;
    }

    /** The expression with the identifier {@code from} (bare or quoted) written as {@code to}. */
    static String renameIdentifier(String expression, String from, String to) {
        if (expression == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        String s = expression;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                int end = dev.evoplan.model.SqlText.endOfQuoted(s, i);
                sb.append(s, i, end);
                i = end;
                continue;
            }
            Matcher m = IDENTIFIER.matcher(s).region(i, s.length());
            if (m.lookingAt()) {
                String name = m.group(1) != null ? m.group(1).replace("\"\"", "\"") : m.group(2).toLowerCase(Locale.ROOT);
                sb.append(name.equals(from) ? dev.evoplan.model.Identifiers.quote(to) : m.group());
                i = m.end();
                continue;
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String clip(String s, int maxBytes) {
        StringBuilder sb = new StringBuilder();
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = bytes(new String(Character.toChars(cp)));
            if (used + len > maxBytes) {
                break;
            }
            sb.appendCodePoint(cp);
            used += len;
            i += Character.charCount(cp);
        }
        return sb.toString();
    }
}
