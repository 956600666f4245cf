package dev.evoplan.model;

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
 * The names PostgreSQL makes up for unnamed constraints, indexes and serial sequences (its
 * makeObjectName / ChooseRelationName): {@code t_pkey}, {@code t_a_b_key}, {@code t_a_fkey}, {@code
 * t_a_check}, {@code t_a_idx}, {@code t_a_seq}, shortened to 63 bytes and numbered while the name
 * is taken. Every source that leaves names out must agree with the server on them.
 */
public final class PostgresNames {
    /** NAMEDATALEN - 1: PostgreSQL cuts longer identifiers silently. */
    public static final int MAX_IDENTIFIER_BYTES = 63;

    private static final Pattern CALL =
            Pattern.compile(
                    "^\\s*\"?([A-Za-z_][A-Za-z0-9_$]*)\"?(?:\\s*\\.\\s*\"?([A-Za-z_][A-Za-z0-9_$]*)\"?)?\\s*\\(");
    private static final Pattern BARE =
            Pattern.compile("^\\s*\"?([A-Za-z_][A-Za-z0-9_$]*)\"?\\s*$");

    private PostgresNames() {}

    /** {@code name1_name2_label}, the longer of the two names shortened first until it fits. */
    public static String makeObjectName(String name1, String name2, String label) {
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
    public static String choose(String name1, String name2, String label, Predicate<String> taken) {
        String name = makeObjectName(name1, name2, label);
        for (int pass = 1; taken.test(name); pass++) {
            name = makeObjectName(name1, name2, label + pass);
        }
        return name;
    }

    /** Column names joined by {@code _}, as PostgreSQL builds the middle of a name. */
    public static String columnsPart(List<String> columns) {
        return String.join("_", columns);
    }

    /**
     * The key names PostgreSQL puts in an index name: a column's own name, a function call's
     * function name, {@code expr} for anything else; repeats get a number.
     */
    public static List<String> indexKeyNames(List<IndexElement> elements) {
        List<String> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (IndexElement e : elements) {
            String base =
                    e.expression()
                            ? expressionName(e.columnOrExpression())
                            : e.columnOrExpression();
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
     * The longest prefix of {@code s} that fits in {@code maxBytes} of UTF-8, whole characters
     * only.
     */
    public static String clip(String s, int maxBytes) {
        // Counted, not encoded: this runs for every long name of every statement linted.
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = utf8Bytes(cp);
            if (used + len > maxBytes) {
                return s.substring(0, i);
            }
            used += len;
            i += Character.charCount(cp);
        }
        return s;
    }

    /** A code point's length in UTF-8 as Java encodes it: a lone surrogate becomes one '?'. */
    private static int utf8Bytes(int cp) {
        if (cp < 0x80 || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
            return 1;
        }
        return cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
