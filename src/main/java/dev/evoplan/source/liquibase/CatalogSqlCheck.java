package dev.evoplan.source.liquibase;

import dev.evoplan.model.Column;
import dev.evoplan.model.PreconditionRead;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Table;
import dev.evoplan.model.View;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code sqlCheck} that asks PostgreSQL's catalog whether a table or column exists (Fineract:
 * {@code SELECT 1 FROM information_schema.columns WHERE table_name='t' and column_name='c'}),
 * answered from the schema folded so far. Only {@code information_schema.tables} and {@code
 * .columns}, filtered by equalities on {@code table_schema}, {@code table_name} and {@code
 * column_name} joined by AND, counted or selected as {@code 1}; anything else is not answered.
 */
final class CatalogSqlCheck {
    private static final Pattern QUERY =
            Pattern.compile(
                    "(?is)^\\s*select\\s+(1|count\\s*\\(\\s*(?:\\*|1|[a-z_]+)\\s*\\))\\s+"
                            + "from\\s+information_schema\\.(columns|tables)\\s+"
                            + "where\\s+(.+?)\\s*;?\\s*$");
    private static final Pattern EQUALS =
            Pattern.compile(
                    "(?is)^\\(?\\s*(table_schema|table_name|column_name)\\s*=\\s*'([^']*)'\\s*\\)?$");
    private static final Pattern AND = Pattern.compile("(?i)\\s+and\\s+");

    private CatalogSqlCheck() {}

    /**
     * What the query returns on a database holding {@code schema}: a count, {@code "1"}, or an
     * empty string for no row (Liquibase fails the check then); empty when not answered.
     */
    static Optional<String> result(String sql, Schema schema) {
        Query q = query(sql);
        if (q == null) {
            return Optional.empty();
        }
        boolean columns = q.columns();
        Map<String, String> wanted = q.wanted();
        long rows = 0;
        for (Table t : schema.tables().values()) {
            if (!matches(t.name(), wanted)) {
                continue;
            }
            if (!columns) {
                rows++;
                continue;
            }
            for (Column c : t.columns()) {
                String name = wanted.get("column_name");
                if (name == null || name.equals(c.name())) {
                    rows++;
                }
            }
        }
        if (!columns) {
            for (View v : schema.views().values()) {
                if (matches(v.name(), wanted)) {
                    rows++;
                }
            }
        } else if (rows == 0 && anyView(schema, wanted)) {
            // A view's columns are in information_schema.columns too; the model does not list
            // them, so a check that may be about one is not answered.
            return Optional.empty();
        }
        boolean counted = q.counted();
        return Optional.of(counted ? Long.toString(rows) : rows > 0 ? "1" : "");
    }

    /**
     * What the query reads when it is one this class answers: the definition of the relation it
     * asks about (the catalog lists views beside tables, and their columns too), as {@link
     * PreconditionRead}s written as {@code check}; any object when it names none. Without {@code
     * table_schema} the catalog answers for a relation of that name in any schema, as {@link
     * #result} counts it. Empty when the query is not one answered here.
     */
    static List<PreconditionRead> reads(String sql, String check) {
        Query q = query(sql);
        if (q == null) {
            return List.of();
        }
        String table = q.wanted().get("table_name");
        if (table == null) {
            return List.of(PreconditionRead.anything(check));
        }
        String schemaName = q.wanted().get("table_schema");
        String column = q.wanted().get("column_name");
        if (schemaName == null) {
            return List.of(
                    PreconditionRead.definitionInAnySchema("table", table, column, check),
                    PreconditionRead.definitionInAnySchema("view", table, column, check));
        }
        QualifiedName name = new QualifiedName(schemaName, table);
        return List.of(
                PreconditionRead.definition("table", name, column, check),
                PreconditionRead.definition("view", name, column, check));
    }

    /**
     * A query this class answers: whether it reads {@code information_schema.columns} (else {@code
     * .tables}) and the column each equality filters on, with its value.
     */
    private record Query(boolean columns, boolean counted, Map<String, String> wanted) {}

    /** The query {@code sql} is, or null when it is not one answered here. */
    private static Query query(String sql) {
        if (sql == null) {
            return null;
        }
        Matcher m = QUERY.matcher(sql);
        if (!m.matches()) {
            return null;
        }
        boolean columns = m.group(2).equalsIgnoreCase("columns");
        Map<String, String> wanted = new HashMap<>();
        for (String part : AND.split(m.group(3).strip())) {
            Matcher eq = EQUALS.matcher(part.strip());
            if (!eq.matches()
                    || wanted.put(eq.group(1).toLowerCase(Locale.ROOT), eq.group(2)) != null) {
                return null;
            }
        }
        if (!columns && wanted.containsKey("column_name")) {
            return null;
        }
        return new Query(columns, !m.group(1).equals("1"), wanted);
    }

    /** The catalog holds names as PostgreSQL stores them: compared exactly, as the query does. */
    private static boolean matches(QualifiedName name, Map<String, String> wanted) {
        String schemaName = wanted.get("table_schema");
        String table = wanted.get("table_name");
        return (schemaName == null || schemaName.equals(name.schema()))
                && (table == null || table.equals(name.name()));
    }

    private static boolean anyView(Schema schema, Map<String, String> wanted) {
        return schema.views().values().stream().anyMatch(v -> matches(v.name(), wanted));
    }
}
