package dev.evoplan.source.sql;

import dev.evoplan.model.Identifiers;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.TableGrant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A GRANT or REVOKE of table privileges that the model holds ({@link TableGrant}): privileges
 * SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES or TRIGGER, on a list of named tables, to
 * roles or PUBLIC. Any other form (ALL, which means MAINTAIN too from PostgreSQL 17, column lists,
 * schemas, sequences, functions, ALL TABLES IN SCHEMA, GRANTED BY, CURRENT_USER, role grants) is
 * not one: {@link #read} gives null and the statement stays an unmodelled object.
 */
record TableGrantStatement(
        boolean revoke,
        boolean optionOnly,
        boolean withGrantOption,
        List<String> privileges,
        List<QualifiedName> tables,
        List<String> grantees) {

    private static final String IDENT = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern NAME = Pattern.compile(IDENT + "(?:\\s*\\.\\s*" + IDENT + ")?");
    private static final Pattern ROLE = Pattern.compile("(?i)(?:GROUP\\s+)?(" + IDENT + ")");

    static TableGrantStatement read(SqlStatement.Grant g) {
        return read(g, QualifiedName::of);
    }

    /**
     * The statement read with {@code unqualified} giving a table named without its schema its
     * schema (the search_path's).
     */
    static TableGrantStatement read(
            SqlStatement.Grant g, java.util.function.Function<String, QualifiedName> unqualified) {
        if (g.objects() == null) {
            return null;
        }
        String privileges = g.privileges().strip();
        boolean optionOnly = false;
        if (g.revoke() && startsWithWords(privileges, "GRANT OPTION FOR")) {
            optionOnly = true;
            privileges = privileges.substring("GRANT OPTION FOR".length()).strip();
        }
        List<String> privs = privileges(privileges);
        List<QualifiedName> tables = tables(g.objects(), unqualified);
        String grantees = g.grantees().strip();
        boolean withGrantOption = false;
        if (g.revoke()) {
            grantees = grantees.replaceFirst("(?i)\\s+(CASCADE|RESTRICT)\\s*;?\\s*$", "");
        } else if (grantees.matches("(?is).*\\s+WITH\\s+GRANT\\s+OPTION\\s*;?\\s*$")) {
            withGrantOption = true;
            grantees = grantees.replaceFirst("(?is)\\s+WITH\\s+GRANT\\s+OPTION\\s*;?\\s*$", "");
        }
        grantees = grantees.replaceFirst("\\s*;\\s*$", "");
        List<String> roles = grantees(grantees);
        if (privs == null || tables == null || roles == null) {
            return null;
        }
        return new TableGrantStatement(
                g.revoke(), optionOnly, withGrantOption, privs, tables, roles);
    }

    private static boolean startsWithWords(String text, String words) {
        return text.replaceAll("\\s+", " ").toUpperCase(Locale.ROOT).startsWith(words + " ");
    }

    private static List<String> privileges(String text) {
        String folded = text.replaceAll("\\s+", " ").strip().toUpperCase(Locale.ROOT);
        if (folded.equals("ALL") || folded.equals("ALL PRIVILEGES")) {
            // From PostgreSQL 17 ALL also grants MAINTAIN: what it grants depends on the server,
            // so it stays for review rather than be read as the seven privileges of older ones.
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String p : folded.split(",")) {
            String word = p.strip();
            if (!TableGrant.isTablePrivilege(word)) {
                return null; // a column list, or a privilege of another object kind
            }
            out.add(word);
        }
        return out;
    }

    private static List<QualifiedName> tables(
            String text, java.util.function.Function<String, QualifiedName> unqualified) {
        String rest = text.strip();
        if (rest.regionMatches(true, 0, "TABLE ", 0, 6)) {
            rest = rest.substring(6).strip();
        }
        List<QualifiedName> out = new ArrayList<>();
        for (String part : rest.split(",")) {
            String name = part.strip();
            if (!NAME.matcher(name).matches()) {
                return null; // SCHEMA s, SEQUENCE q, FUNCTION f(), ALL TABLES IN SCHEMA s, ...
            }
            QualifiedName parsed = QualifiedName.parse(name);
            out.add(
                    Identifiers.splitQualified(name).size() == 1
                            ? unqualified.apply(parsed.name())
                            : parsed);
        }
        return out;
    }

    private static List<String> grantees(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String role = part.strip();
            var m = ROLE.matcher(role);
            if (!m.matches()) {
                return null; // GRANTED BY, or a form not read
            }
            String name = m.group(1);
            String upper = name.toUpperCase(Locale.ROOT);
            if (upper.equals("PUBLIC")) {
                out.add(TableGrant.PUBLIC);
            } else if (List.of("CURRENT_USER", "SESSION_USER", "CURRENT_ROLE").contains(upper)) {
                return null; // which role it names depends on who runs it
            } else {
                out.add(Identifiers.fold(name));
            }
        }
        return out;
    }
}
