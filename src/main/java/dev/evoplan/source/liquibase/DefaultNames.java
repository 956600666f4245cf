package dev.evoplan.source.liquibase;

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
 * The names PostgreSQL gives constraints, indexes and serial sequences that the changelog
 * leaves unnamed (PostgreSQL's makeObjectName and ChooseRelationName): {@code users_pkey},
 * {@code users_email_key}, {@code users_team_id_fkey}, {@code users_email_idx}, shortened to fit
 * 63 bytes and numbered when the name is taken.
 */
final class DefaultNames {
    private static final Pattern CALL = Pattern.compile("^\\s*\"?([A-Za-z_][A-Za-z0-9_$]*)\"?(?:\\s*\\.\\s*\"?([A-Za-z_][A-Za-z0-9_$]*)\"?)?\\s*\\(");
    private static final Pattern BARE = Pattern.compile("^\\s*\"?([A-Za-z_][A-Za-z0-9_$]*)\"?\\s*$");

    private DefaultNames() {}

    /** {@code name1_name2_label}, each part shortened (the longer first) until it fits. */
    static String makeObjectName(String name1, String name2, String label) {
        int overhead = 0;
        byte[] n1 = name1.getBytes(StandardCharsets.UTF_8);
        byte[] n2 = name2 == null ? new byte[0] : name2.getBytes(StandardCharsets.UTF_8);
        if (name2 != null) {
            overhead++;
        }
        if (label != null) {
            overhead += label.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        int available = OfflinePostgres.MAX_IDENTIFIER_BYTES - overhead;
        int c1 = n1.length;
        int c2 = n2.length;
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

    /** The first of {@code label}, {@code label1}, {@code label2}, ... whose name is free. */
    static String choose(String name1, String name2, String label, Predicate<String> taken) {
        String name = makeObjectName(name1, name2, label);
        for (int pass = 1; taken.test(name); pass++) {
            name = makeObjectName(name1, name2, label + pass);
        }
        return name;
    }

    /** Column names joined by {@code _}, as PostgreSQL builds the middle of an index name. */
    static String columnsPart(List<String> columns) {
        return String.join("_", columns);
    }

    /**
     * The names PostgreSQL derives from index keys: a column's own name, a function call's
     * function name, {@code expr} for anything else; repeats get a number.
     */
    static List<String> indexKeyNames(List<String> keys, List<Boolean> expressions) {
        List<String> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            String base = expressions.get(i) ? expressionName(keys.get(i)) : keys.get(i);
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
            String fn = call.group(2) != null ? call.group(2) : call.group(1);
            return fn.toLowerCase(Locale.ROOT);
        }
        Matcher bare = BARE.matcher(expression);
        if (bare.find()) {
            return bare.group(1).toLowerCase(Locale.ROOT);
        }
        return "expr";
    }

    static String clip(String s, int bytes) {
        StringBuilder sb = new StringBuilder();
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + len > bytes) {
                break;
            }
            sb.appendCodePoint(cp);
            used += len;
            i += Character.charCount(cp);
        }
        return sb.toString();
    }
}
