package dev.evoplan.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Every object of a database's own schemas, one line each, in PostgreSQL's own words ({@code
 * pg_get_indexdef}, {@code pg_get_viewdef}, {@code pg_get_functiondef}, {@code pg_get_triggerdef},
 * {@code pg_get_constraintdef}, {@code format_type}): schemas, extensions, relations of every kind,
 * columns, constraints, indexes, views, sequences, functions and procedures, triggers, rules,
 * enums, domains and composite types, policies and comments. Two databases built from different
 * statements hold the same schema exactly when their snapshots are equal, whatever evoplan's model
 * knows of them: this is verify's end-state check and the corpus benchmark's oracle.
 *
 * <p>Left out on purpose: column order (a column swapped in by a plan comes last), a sequence's
 * current value and table statistics (data, not schema), owners and the oids behind names.
 * Liquibase's bookkeeping tables are not the user's schema and are left out too.
 */
public final class CatalogSnapshot {
    private static final String USER_SCHEMA =
            "n.nspname NOT IN ('pg_catalog','information_schema','pg_toast')"
                    + " AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'";
    private static final String NOT_BOOKKEEPING =
            " AND c.relname NOT IN ('databasechangelog', 'databasechangeloglock')";

    /**
     * Objects an extension created belong to the extension, which is compared by name and version.
     */
    private static final String NOT_FROM_EXTENSION =
            " NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = %s"
                    + " AND dep.objid = %s AND dep.deptype = 'e')";

    /**
     * A default of NULL is no default: {@code DEFAULT NULL} stores {@code NULL::type}, omitting it
     * stores nothing.
     */
    private static final Pattern NULL_DEFAULT =
            Pattern.compile(" default=NULL(::[^ ]+(?: [^ =]+)*?)?(?= identity=)");

    private static final List<String> QUERIES =
            List.of(
                    "SELECT 'schema ' || n.nspname || ' comment=' || coalesce(obj_description(n.oid, 'pg_namespace'), '')"
                            + " FROM pg_namespace n WHERE "
                            + USER_SCHEMA
                            + " AND n.nspname <> 'public'",
                    "SELECT 'extension ' || e.extname || ' ' || e.extversion || ' in ' || n.nspname FROM pg_extension e"
                            + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql'",
                    "SELECT 'relation ' || n.nspname || '.' || c.relname || ' kind=' || c.relkind::text"
                            + " || ' persistence=' || c.relpersistence::text"
                            + " || ' options=' || coalesce(array_to_string(c.reloptions, ','), '')"
                            + " || ' bound=' || coalesce(pg_get_expr(c.relpartbound, c.oid), '')"
                            + " || ' key=' || coalesce(pg_get_partkeydef(c.oid), '')"
                            + " || ' rls=' || c.relrowsecurity || ' force_rls=' || c.relforcerowsecurity"
                            + " || ' replica_identity=' || c.relreplident::text"
                            + " || ' inherits=' || coalesce((SELECT string_agg(p.oid::regclass::text, ',' ORDER BY i.inhseqno)"
                            + "    FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE i.inhrelid = c.oid), '')"
                            // No ACL is the owner's default one: what REVOKE of the last grant
                            // leaves (PostgreSQL never sets relacl back to NULL) is the same.
                            + " || ' acl=' || coalesce(c.relacl, acldefault(CASE WHEN c.relkind = 'S'"
                            + " THEN 's'::\"char\" ELSE 'r'::\"char\" END, c.relowner))::text"
                            + " || ' comment=' || coalesce(obj_description(c.oid, 'pg_class'), '')"
                            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                            + USER_SCHEMA
                            + NOT_BOOKKEEPING
                            + " AND c.relkind IN ('r','p','v','m','S','f','c','i','I')"
                            + " AND"
                            + String.format(NOT_FROM_EXTENSION, "'pg_class'::regclass", "c.oid"),
                    "SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
                            + " || ' notnull=' || a.attnotnull || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')"
                            + " || ' identity=' || a.attidentity::text || ' generated=' || a.attgenerated::text"
                            + " || ' collation=' || coalesce((SELECT collname FROM pg_collation WHERE oid = a.attcollation"
                            + "    AND a.attcollation <> t.typcollation), '')"
                            + " || ' storage=' || CASE WHEN a.attstorage = t.typstorage THEN '' ELSE a.attstorage::text END"
                            + " || ' stats=' || coalesce(nullif(a.attstattarget::text, '-1'), '')"
                            + " || ' acl=' || coalesce(a.attacl::text, '')"
                            + " || ' comment=' || coalesce(col_description(c.oid, a.attnum), '')"
                            + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " JOIN pg_type t ON t.oid = a.atttypid"
                            + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                            + " WHERE "
                            + USER_SCHEMA
                            + NOT_BOOKKEEPING
                            + " AND a.attnum > 0 AND NOT a.attisdropped"
                            + " AND c.relkind IN ('r','p','v','m','f','c')"
                            + " AND"
                            + String.format(NOT_FROM_EXTENSION, "'pg_class'::regclass", "c.oid"),
                    // PostgreSQL 18 names NOT NULL constraints after the column they were made for,
                    // and a
                    // renamed column keeps the old name: compared by column, not by name.
                    "SELECT 'constraint ' || n.nspname || '.' || coalesce(c.relname, ty.typname) || '.'"
                            + " || CASE WHEN k.contype = 'n' AND c.oid IS NOT NULL THEN (SELECT 'NOT NULL ' || a.attname"
                            + "    FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum = k.conkey[1])"
                            + "    || ' no_inherit=' || k.connoinherit ELSE k.conname || ' ' || pg_get_constraintdef(k.oid) END"
                            + " || ' validated=' || k.convalidated || ' comment=' || coalesce(obj_description(k.oid, 'pg_constraint'), '')"
                            + " FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace"
                            + " LEFT JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_type ty ON ty.oid = k.contypid"
                            + " WHERE "
                            + USER_SCHEMA
                            + " AND coalesce(c.relname, '') NOT IN ('databasechangelog', 'databasechangeloglock')"
                            + " AND"
                            + String.format(
                                    NOT_FROM_EXTENSION, "'pg_class'::regclass", "k.conrelid"),
                    "SELECT 'index ' || pg_get_indexdef(i.indexrelid) || ' valid=' || i.indisvalid"
                            + " || ' clustered=' || i.indisclustered || ' replica_identity=' || i.indisreplident"
                            + " || ' comment=' || coalesce(obj_description(i.indexrelid, 'pg_class'), '')"
                            + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " JOIN pg_class tbl ON tbl.oid = i.indrelid"
                            + " WHERE "
                            + USER_SCHEMA
                            + " AND tbl.relname NOT IN ('databasechangelog', 'databasechangeloglock')"
                            + " AND"
                            + String.format(
                                    NOT_FROM_EXTENSION, "'pg_class'::regclass", "i.indrelid"),
                    "SELECT 'sequence ' || s.schemaname || '.' || s.sequencename || ' ' || s.data_type || ' start=' || s.start_value"
                            + " || ' min=' || s.min_value || ' max=' || s.max_value || ' increment=' || s.increment_by"
                            + " || ' cycle=' || s.cycle || ' cache=' || s.cache_size"
                            + " || ' owned_by=' || coalesce((SELECT dc.relname || '.' || a.attname FROM pg_depend d"
                            + "    JOIN pg_class dc ON dc.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = d.refobjid"
                            + "    AND a.attnum = d.refobjsubid WHERE d.classid = 'pg_class'::regclass"
                            + "    AND d.objid = (quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename))::regclass"
                            + "    AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0 LIMIT 1), '')"
                            + " FROM pg_sequences s WHERE s.schemaname NOT IN ('pg_catalog','information_schema')",
                    "SELECT 'view ' || n.nspname || '.' || c.relname || ' ' || pg_get_viewdef(c.oid)"
                            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                            + USER_SCHEMA
                            + " AND c.relkind IN ('v','m')"
                            + " AND"
                            + String.format(NOT_FROM_EXTENSION, "'pg_class'::regclass", "c.oid"),
                    "SELECT 'function ' || pg_get_functiondef(p.oid) || ' acl=' || coalesce(p.proacl::text, '')"
                            + " || ' comment=' || coalesce(obj_description(p.oid, 'pg_proc'), '')"
                            + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                            + " WHERE "
                            + USER_SCHEMA
                            + " AND p.prokind IN ('f','p','w')"
                            + " AND"
                            + String.format(NOT_FROM_EXTENSION, "'pg_proc'::regclass", "p.oid"),
                    "SELECT 'trigger ' || pg_get_triggerdef(t.oid) || ' enabled=' || t.tgenabled::text"
                            + " || ' comment=' || coalesce(obj_description(t.oid, 'pg_trigger'), '')"
                            + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE NOT t.tgisinternal AND "
                            + USER_SCHEMA,
                    "SELECT 'rule ' || pg_get_ruledef(r.oid) FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class"
                            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE r.rulename <> '_RETURN' AND "
                            + USER_SCHEMA,
                    "SELECT 'type ' || n.nspname || '.' || t.typname || ' ' || t.typtype::text || ' '"
                            + " || coalesce((SELECT string_agg(quote_literal(enumlabel), ',' ORDER BY enumsortorder)"
                            + "    FROM pg_enum e WHERE e.enumtypid = t.oid), '')"
                            + " || coalesce(format_type(t.typbasetype, t.typtypmod), '')"
                            + " || CASE WHEN t.typtype = 'd' THEN ' notnull=' || t.typnotnull"
                            + "    || ' default=' || coalesce(t.typdefault, '') ELSE '' END"
                            + " || ' comment=' || coalesce(obj_description(t.oid, 'pg_type'), '')"
                            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE "
                            + USER_SCHEMA
                            + " AND (t.typtype IN ('e','d','r','m') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))"
                            + " AND"
                            + String.format(NOT_FROM_EXTENSION, "'pg_type'::regclass", "t.oid"),
                    "SELECT 'policy ' || schemaname || '.' || tablename || '.' || policyname || ' ' || permissive || ' '"
                            + " || array_to_string(roles, ',') || ' ' || cmd || ' ' || coalesce(qual, '') || ' ' || coalesce(with_check, '')"
                            + " FROM pg_policies");

    private CatalogSnapshot() {}

    /** The snapshot of the database {@code c} is connected to, sorted. */
    public static TreeSet<String> read(Connection c) throws SQLException {
        TreeSet<String> lines = new TreeSet<>();
        try (Statement st = c.createStatement()) {
            for (String q : QUERIES) {
                try (ResultSet rs = st.executeQuery(q)) {
                    while (rs.next()) {
                        lines.add(normalise(rs.getString(1)));
                    }
                }
            }
        }
        return lines;
    }

    /** A line as compared: a default of NULL (of any type) is no default. */
    static String normalise(String line) {
        if (line.startsWith("column ")) {
            return NULL_DEFAULT.matcher(line).replaceFirst(" default=");
        }
        return line;
    }

    /**
     * What {@code actual} holds that {@code expected} does not ("unexpected: ...") and the reverse
     * ("missing: ..."), one line per object, sorted; empty when they are equal.
     */
    public static List<String> differences(TreeSet<String> actual, TreeSet<String> expected) {
        List<String> out = new ArrayList<>();
        for (String line : expected) {
            if (!actual.contains(line)) {
                out.add("missing: " + oneLine(line));
            }
        }
        for (String line : actual) {
            if (!expected.contains(line)) {
                out.add("unexpected: " + oneLine(line));
            }
        }
        return out;
    }

    private static String oneLine(String line) {
        String flat = line.replaceAll("\\s+", " ").strip();
        return flat.length() > 400 ? flat.substring(0, 400) + "..." : flat;
    }

    /** True for the lines of an object kind, e.g. {@code kind(line).equals("trigger")}. */
    static String kind(String line) {
        int space = line.indexOf(' ');
        return (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
    }
}
