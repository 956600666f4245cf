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
 * The identifiers an expression kept as text names, and renaming one of them: how a check is
 * named after its column, and how a column rename reaches checks and index expressions.
 */
final class ExpressionNames {
    private static final Pattern IDENTIFIER = Pattern.compile("\"((?:[^\"]|\"\")+)\"|([A-Za-z_][A-Za-z0-9_$]*)");

    private ExpressionNames() {}

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
}
