package dev.evoplan.source.liquibase;

import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.Identifiers;
import dev.evoplan.model.Index;
import dev.evoplan.model.PreconditionRead;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SqlText;
import dev.evoplan.model.Table;
import dev.evoplan.model.UniqueConstraint;
import dev.evoplan.source.sql.SqlParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import liquibase.database.DatabaseList;
import liquibase.precondition.CustomPreconditionWrapper;
import liquibase.precondition.Precondition;
import liquibase.precondition.core.AndPrecondition;
import liquibase.precondition.core.ChangeLogPropertyDefinedPrecondition;
import liquibase.precondition.core.ChangeSetExecutedPrecondition;
import liquibase.precondition.core.ColumnExistsPrecondition;
import liquibase.precondition.core.DBMSPrecondition;
import liquibase.precondition.core.ForeignKeyExistsPrecondition;
import liquibase.precondition.core.IndexExistsPrecondition;
import liquibase.precondition.core.NotPrecondition;
import liquibase.precondition.core.ObjectQuotingStrategyPrecondition;
import liquibase.precondition.core.OrPrecondition;
import liquibase.precondition.core.PreconditionContainer;
import liquibase.precondition.core.PrimaryKeyExistsPrecondition;
import liquibase.precondition.core.RowCountPrecondition;
import liquibase.precondition.core.RunningAsPrecondition;
import liquibase.precondition.core.SequenceExistsPrecondition;
import liquibase.precondition.core.SqlPrecondition;
import liquibase.precondition.core.TableExistsPrecondition;
import liquibase.precondition.core.TableIsEmptyPrecondition;
import liquibase.precondition.core.UniqueConstraintExistsPrecondition;
import liquibase.precondition.core.ViewExistsPrecondition;

/**
 * Evaluates Liquibase {@code preConditions} offline, against the schema folded so far and the
 * changesets run so far, as {@code liquibase update} would on a fresh PostgreSQL database. What the
 * model cannot answer (rows a {@code sqlCheck} counts, the user {@code runningAs} names, project
 * code) is unknown; then the precondition is assumed to hold, and the load says so.
 */
final class Preconditions {
    /** What Liquibase does with the changeset (or changelog) the preconditions guard. */
    enum Action {
        RUN,
        SKIP,
        HALT
    }

    /**
     * The outcome: the action, and in words what failed (for HALT) or what was assumed (when a part
     * could not be decided); {@code note} is null when everything was decided and passed.
     */
    record Outcome(Action action, String note) {
        static final Outcome RUN = new Outcome(Action.RUN, null);
    }

    /** Three-valued: true, false, or unknown with the reason. */
    private record Truth(Boolean value, String why) {
        static Truth of(boolean b, String why) {
            return new Truth(b, why);
        }

        static Truth unknown(String why) {
            return new Truth(null, why);
        }

        boolean known() {
            return value != null;
        }
    }

    private final OfflinePostgres pg;

    Preconditions(OfflinePostgres pg) {
        this.pg = pg;
    }

    /**
     * Evaluates a container. Liquibase's onFail: HALT stops the update, CONTINUE skips the
     * changeset (it runs again next time), MARK_RAN records it as ran without running it, WARN runs
     * it anyway. onError (a check that could not run) is met only where evoplan cannot decide, and
     * then the precondition is assumed to hold.
     *
     * @param ran identities ({@code path::id::author}) of the changesets run so far
     */
    Outcome evaluate(PreconditionContainer container, Schema schema, Set<String> ran) {
        if (container == null || container.getNestedPreconditions().isEmpty()) {
            return Outcome.RUN;
        }
        Truth truth = all(container.getNestedPreconditions(), schema, ran);
        if (!truth.known()) {
            return new Outcome(
                    Action.RUN,
                    "assumed the preconditions hold (the changeset runs): " + truth.why());
        }
        if (truth.value()) {
            return Outcome.RUN;
        }
        PreconditionContainer.FailOption onFail =
                container.getOnFail() == null
                        ? PreconditionContainer.FailOption.HALT
                        : container.getOnFail();
        String failed = "precondition failed: " + truth.why();
        return switch (onFail) {
            case HALT ->
                    new Outcome(
                            Action.HALT, failed + " (onFail HALT: liquibase update stops here)");
            case CONTINUE, MARK_RAN ->
                    new Outcome(Action.SKIP, failed + " (onFail " + onFail + ": not run)");
            case WARN -> new Outcome(Action.RUN, failed + " (onFail WARN: runs anyway)");
        };
    }

    /**
     * What the containers' preconditions read, whatever they decide, sorted: whether they pass
     * depends on what ran before them. A check of whether an object exists (or its columns, keys,
     * indexes) reads its definition; a {@code sqlCheck} that only asks the catalog about one table
     * reads its definition, one that queries tables reads their rows; one whose query evoplan
     * cannot read, {@code changeSetExecuted} and project code may read anything. {@code dbms},
     * {@code runningAs}, {@code changeLogPropertyDefined} and the quoting strategy read nothing a
     * changeset changes. {@code schema} tells a view a query names from a table.
     */
    static List<PreconditionRead> reads(Schema schema, PreconditionContainer... containers) {
        Set<PreconditionRead> out = null;
        for (PreconditionContainer container : containers) {
            if (container != null && !container.getNestedPreconditions().isEmpty()) {
                out = out == null ? new TreeSet<>(READ_ORDER) : out;
                reads(container.getNestedPreconditions(), schema, out);
            }
        }
        return out == null ? List.of() : List.copyOf(out);
    }

    private static final Comparator<PreconditionRead> READ_ORDER =
            Comparator.comparing(
                            PreconditionRead::kind,
                            Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(
                            PreconditionRead::name,
                            Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(PreconditionRead::anySchema)
                    .thenComparing(
                            PreconditionRead::column,
                            Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(PreconditionRead::rows)
                    .thenComparing(PreconditionRead::check);

    private static void reads(List<Precondition> nested, Schema schema, Set<PreconditionRead> out) {
        for (Precondition p : nested) {
            if (p instanceof OrPrecondition or) {
                reads(or.getNestedPreconditions(), schema, out);
            } else if (p instanceof NotPrecondition not) {
                reads(not.getNestedPreconditions(), schema, out);
            } else if (p instanceof AndPrecondition and) {
                reads(and.getNestedPreconditions(), schema, out);
            } else if (p instanceof DBMSPrecondition
                    || p instanceof RunningAsPrecondition
                    || p instanceof ChangeLogPropertyDefinedPrecondition
                    || p instanceof ObjectQuotingStrategyPrecondition) {
                continue;
            } else if (p instanceof TableExistsPrecondition c) {
                out.add(definition("table", c.getSchemaName(), c.getTableName(), null, p));
            } else if (p instanceof ColumnExistsPrecondition c) {
                out.add(
                        definition(
                                "table",
                                c.getSchemaName(),
                                c.getTableName(),
                                Identifiers.fold(c.getColumnName()),
                                p));
            } else if (p instanceof ViewExistsPrecondition c) {
                out.add(definition("view", c.getSchemaName(), c.getViewName(), null, p));
            } else if (p instanceof SequenceExistsPrecondition c) {
                out.add(definition("sequence", c.getSchemaName(), c.getSequenceName(), null, p));
            } else if (p instanceof IndexExistsPrecondition c) {
                out.add(definition("table", c.getSchemaName(), c.getTableName(), null, p));
            } else if (p instanceof PrimaryKeyExistsPrecondition c) {
                out.add(definition("table", c.getSchemaName(), c.getTableName(), null, p));
            } else if (p instanceof ForeignKeyExistsPrecondition c) {
                out.add(
                        definition(
                                "table", c.getSchemaName(), c.getForeignKeyTableName(), null, p));
            } else if (p instanceof UniqueConstraintExistsPrecondition c) {
                out.add(definition("table", c.getSchemaName(), c.getTableName(), null, p));
            } else if (p instanceof TableIsEmptyPrecondition c) {
                out.add(rows(c.getSchemaName(), c.getTableName(), p));
            } else if (p instanceof RowCountPrecondition c) {
                out.add(rows(c.getSchemaName(), c.getTableName(), p));
            } else if (p instanceof SqlPrecondition c) {
                out.addAll(sqlCheckReads(c.getSql(), schema));
            } else {
                out.add(PreconditionRead.anything(written(p)));
            }
        }
    }

    /**
     * A check of an object's definition; of any object where it names none (an index by its name
     * alone may be on any table).
     */
    private static PreconditionRead definition(
            String kind, String schemaName, String name, String column, Precondition p) {
        String check = written(p);
        return name == null || name.isBlank()
                ? PreconditionRead.anything(check)
                : PreconditionRead.definition(
                        kind, QualifiedName.of(schemaName, name), column, check);
    }

    private static PreconditionRead rows(String schemaName, String table, Precondition p) {
        return table == null || table.isBlank()
                ? PreconditionRead.anything(written(p))
                : PreconditionRead.rowsOf(QualifiedName.of(schemaName, table), written(p));
    }

    /**
     * What a {@code sqlCheck} reads: the table a catalog query asks about ({@link
     * CatalogSqlCheck#reads}), the rows of the tables a query names after FROM and JOIN, or
     * anything (a query of a view or the catalog, schema-qualified or not, one that names no table,
     * one evoplan cannot read). A query that reads tables also reads the functions it calls, as
     * {@link SqlText#functionsCalled} finds them: what it finds depends on their definitions.
     */
    private static List<PreconditionRead> sqlCheckReads(String sql, Schema schema) {
        String check = "sqlCheck '" + LiquibaseChangeApplier.oneLine(sql == null ? "" : sql) + "'";
        List<PreconditionRead> catalog = CatalogSqlCheck.reads(sql, check);
        if (!catalog.isEmpty()) {
            return catalog;
        }
        Optional<List<QualifiedName>> relations =
                sql == null ? Optional.empty() : SqlParser.queryRelations(sql);
        if (relations.isEmpty() || relations.get().isEmpty()) {
            return List.of(PreconditionRead.anything(check));
        }
        List<PreconditionRead> out = new ArrayList<>();
        for (QualifiedName relation : relations.get()) {
            if (schema.views().containsKey(relation)
                    || relation.schema().equals("information_schema")
                    || relation.schema().startsWith("pg_")
                    || relation.name().startsWith("pg_")
                            && relation.schema().equals(QualifiedName.DEFAULT_SCHEMA)) {
                // A view's rows are its tables', a catalog's every object's. PostgreSQL looks in
                // pg_catalog before the search path: pg_tables written bare is the catalog's.
                return List.of(PreconditionRead.anything(check));
            }
            out.add(PreconditionRead.rowsOf(relation, check));
        }
        for (QualifiedName function : SqlText.functionsCalled(sql)) {
            out.add(PreconditionRead.called(function, check));
        }
        return out;
    }

    /** A precondition as a reader finds it: its tag and what it names. */
    private static String written(Precondition p) {
        String named = null;
        if (p instanceof TableExistsPrecondition c) {
            named = c.getTableName();
        } else if (p instanceof ColumnExistsPrecondition c) {
            named = c.getTableName() + "." + c.getColumnName();
        } else if (p instanceof ViewExistsPrecondition c) {
            named = c.getViewName();
        } else if (p instanceof SequenceExistsPrecondition c) {
            named = c.getSequenceName();
        } else if (p instanceof IndexExistsPrecondition c) {
            named = described(c.getIndexName(), c.getTableName(), c.getColumnNames());
        } else if (p instanceof PrimaryKeyExistsPrecondition c) {
            named = described(c.getPrimaryKeyName(), c.getTableName(), null);
        } else if (p instanceof ForeignKeyExistsPrecondition c) {
            named = c.getForeignKeyName();
        } else if (p instanceof UniqueConstraintExistsPrecondition c) {
            named = described(c.getConstraintName(), c.getTableName(), c.getColumnNames());
        } else if (p instanceof TableIsEmptyPrecondition c) {
            named = c.getTableName();
        } else if (p instanceof RowCountPrecondition c) {
            named = c.getTableName();
        } else if (p instanceof ChangeSetExecutedPrecondition c) {
            named = identity(c.getChangeLogFile(), c.getId(), c.getAuthor());
        } else if (p instanceof CustomPreconditionWrapper c) {
            named = c.getClassName();
        }
        return named == null || named.isBlank() ? p.getName() : p.getName() + " " + named;
    }

    private Truth all(List<Precondition> nested, Schema schema, Set<String> ran) {
        Truth unknown = null;
        List<String> held = new ArrayList<>();
        for (Precondition p : nested) {
            Truth t = check(p, schema, ran);
            if (t.known() && !t.value()) {
                return t;
            }
            if (!t.known() && unknown == null) {
                unknown = t;
            }
            held.add(t.why());
        }
        return unknown != null ? unknown : Truth.of(true, String.join(" and ", held));
    }

    private Truth any(List<Precondition> nested, Schema schema, Set<String> ran) {
        Truth unknown = null;
        List<String> failed = new ArrayList<>();
        for (Precondition p : nested) {
            Truth t = check(p, schema, ran);
            if (t.known() && t.value()) {
                return t;
            }
            if (!t.known() && unknown == null) {
                unknown = t;
            }
            failed.add(t.why());
        }
        return unknown != null ? unknown : Truth.of(false, String.join(" and ", failed));
    }

    private Truth check(Precondition p, Schema schema, Set<String> ran) {
        if (p instanceof OrPrecondition or) {
            return any(or.getNestedPreconditions(), schema, ran);
        } else if (p instanceof NotPrecondition not) {
            Truth t = all(not.getNestedPreconditions(), schema, ran);
            return t.known() ? Truth.of(!t.value(), "not (" + t.why() + ")") : t;
        } else if (p instanceof AndPrecondition and) {
            return all(and.getNestedPreconditions(), schema, ran);
        } else if (p instanceof DBMSPrecondition dbms) {
            boolean matches = DatabaseList.definitionMatches(dbms.getType(), pg.database(), false);
            return Truth.of(
                    matches,
                    "dbms " + dbms.getType() + (matches ? " is" : " is not") + " postgresql");
        } else if (p instanceof ChangeSetExecutedPrecondition c) {
            String identity =
                    normalPath(c.getChangeLogFile()) + "::" + c.getId() + "::" + c.getAuthor();
            boolean executed = ran.contains(identity);
            return Truth.of(
                    executed, "changeset " + identity + (executed ? " ran" : " did not run"));
        } else if (p instanceof TableExistsPrecondition c) {
            return exists(
                    "table " + c.getTableName(),
                    table(schema, c.getSchemaName(), c.getTableName()).isPresent());
        } else if (p instanceof ColumnExistsPrecondition c) {
            boolean found =
                    table(schema, c.getSchemaName(), c.getTableName())
                            .map(
                                    t ->
                                            t.columns().stream()
                                                    .anyMatch(
                                                            col ->
                                                                    same(
                                                                            col.name(),
                                                                            c.getColumnName())))
                            .orElse(false);
            return exists("column " + c.getTableName() + "." + c.getColumnName(), found);
        } else if (p instanceof ViewExistsPrecondition c) {
            boolean found =
                    schema.views().values().stream()
                            .anyMatch(
                                    v ->
                                            inSchema(v.name(), c.getSchemaName())
                                                    && same(v.name().name(), c.getViewName()));
            return exists("view " + c.getViewName(), found);
        } else if (p instanceof SequenceExistsPrecondition c) {
            boolean found =
                    schema.sequences().values().stream()
                            .anyMatch(
                                    s ->
                                            inSchema(s.name(), c.getSchemaName())
                                                    && same(s.name().name(), c.getSequenceName()));
            return exists("sequence " + c.getSequenceName(), found);
        } else if (p instanceof IndexExistsPrecondition c) {
            return exists(
                    "index " + described(c.getIndexName(), c.getTableName(), c.getColumnNames()),
                    indexExists(schema, c));
        } else if (p instanceof PrimaryKeyExistsPrecondition c) {
            boolean found =
                    tables(schema, c.getSchemaName(), c.getTableName()).stream()
                            .anyMatch(
                                    t ->
                                            t.primaryKey() != null
                                                    && (c.getPrimaryKeyName() == null
                                                            || same(
                                                                    t.primaryKey().name(),
                                                                    c.getPrimaryKeyName())));
            return exists(
                    "primary key " + described(c.getPrimaryKeyName(), c.getTableName(), null),
                    found);
        } else if (p instanceof ForeignKeyExistsPrecondition c) {
            boolean found =
                    tables(schema, c.getSchemaName(), c.getForeignKeyTableName()).stream()
                            .flatMap(t -> t.foreignKeys().stream())
                            .map(ForeignKey::name)
                            .anyMatch(n -> same(n, c.getForeignKeyName()));
            return exists("foreign key " + c.getForeignKeyName(), found);
        } else if (p instanceof UniqueConstraintExistsPrecondition c) {
            boolean found =
                    tables(schema, c.getSchemaName(), c.getTableName()).stream()
                            .flatMap(t -> t.uniques().stream())
                            .anyMatch(
                                    u ->
                                            (c.getConstraintName() == null
                                                            || same(
                                                                    u.name(),
                                                                    c.getConstraintName()))
                                                    && (c.getColumnNames() == null
                                                            || sameColumns(
                                                                    u.columns(),
                                                                    c.getColumnNames())));
            return exists(
                    "unique constraint "
                            + described(
                                    c.getConstraintName(), c.getTableName(), c.getColumnNames()),
                    found);
        } else if (p instanceof ChangeLogPropertyDefinedPrecondition c) {
            return Truth.unknown(
                    "changeLogPropertyDefined " + c.getProperty() + " is not evaluated offline");
        } else if (p instanceof SqlPrecondition c) {
            Optional<String> answer = CatalogSqlCheck.result(c.getSql(), schema);
            if (answer.isPresent()) {
                String expected =
                        c.getExpectedResult() == null ? "" : c.getExpectedResult().strip();
                boolean holds = answer.get().equals(expected);
                return Truth.of(
                        holds,
                        "sqlCheck '"
                                + LiquibaseChangeApplier.oneLine(c.getSql())
                                + "' gives "
                                + (answer.get().isEmpty() ? "no row" : answer.get())
                                + " on the schema so far (expected "
                                + expected
                                + ")");
            }
            return Truth.unknown(
                    "sqlCheck '"
                            + LiquibaseChangeApplier.oneLine(c.getSql())
                            + "' (expected "
                            + c.getExpectedResult()
                            + ") reads the database, which evoplan does not have");
        } else if (p instanceof RunningAsPrecondition c) {
            return Truth.unknown(
                    "runningAs "
                            + c.getUsername()
                            + " names the user liquibase connects as, which evoplan does not know");
        } else if (p instanceof CustomPreconditionWrapper c) {
            return Truth.unknown(
                    "customPrecondition "
                            + c.getClassName()
                            + " is project code, which evoplan does not run");
        }
        return Truth.unknown(p.getName() + " is not evaluated offline");
    }

    private boolean indexExists(Schema schema, IndexExistsPrecondition c) {
        for (Table t : tables(schema, c.getSchemaName(), c.getTableName())) {
            for (Index i : t.indexes()) {
                if ((c.getIndexName() == null || same(i.name(), c.getIndexName()))
                        && (c.getColumnNames() == null
                                || sameColumns(i.columnNames(), c.getColumnNames()))) {
                    return true;
                }
            }
            // A snapshot lists the index behind a primary key or unique constraint too.
            if (t.primaryKey() != null
                    && (c.getIndexName() == null || same(t.primaryKey().name(), c.getIndexName()))
                    && (c.getColumnNames() == null
                            || sameColumns(t.primaryKey().columns(), c.getColumnNames()))) {
                return true;
            }
            for (UniqueConstraint u : t.uniques()) {
                if ((c.getIndexName() == null || same(u.name(), c.getIndexName()))
                        && (c.getColumnNames() == null
                                || sameColumns(u.columns(), c.getColumnNames()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Truth exists(String what, boolean found) {
        return Truth.of(found, what + (found ? " exists" : " does not exist"));
    }

    private static String described(String name, String table, String columns) {
        String s = name != null ? name : "";
        if (table != null) {
            s += (s.isEmpty() ? "" : " ") + "on " + table;
        }
        if (columns != null) {
            s += " (" + columns + ")";
        }
        return s;
    }

    private static Optional<Table> table(Schema schema, String schemaName, String table) {
        if (table == null) {
            return Optional.empty();
        }
        return tables(schema, schemaName, table).stream().findFirst();
    }

    /**
     * The named table, or every table when the check names none (indexExists by index name alone).
     */
    private static List<Table> tables(Schema schema, String schemaName, String table) {
        Predicate<QualifiedName> match =
                name -> inSchema(name, schemaName) && (table == null || same(name.name(), table));
        // Liquibase made its own tables before the first changeset ran.
        return Stream.concat(
                        schema.tables().values().stream().filter(t -> match.test(t.name())),
                        Bookkeeping.absentFrom(schema, match))
                .toList();
    }

    private static boolean inSchema(QualifiedName name, String schemaName) {
        return schemaName == null || schemaName.isBlank()
                ? name.schema().equals(QualifiedName.DEFAULT_SCHEMA)
                : same(name.schema(), schemaName);
    }

    /**
     * Liquibase reads a snapshot of PostgreSQL with names folded to lower case unless quoted, so a
     * precondition's unquoted name matches regardless of case.
     */
    private static boolean same(String modelName, String written) {
        if (written == null) {
            return false;
        }
        String w = written.strip();
        if (w.length() > 1 && w.startsWith("\"") && w.endsWith("\"")) {
            return modelName.equals(w.substring(1, w.length() - 1));
        }
        return modelName.toLowerCase(Locale.ROOT).equals(w.toLowerCase(Locale.ROOT));
    }

    private static boolean sameColumns(List<String> modelColumns, String written) {
        List<String> wanted =
                Arrays.stream(written.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
        if (wanted.size() != modelColumns.size()) {
            return false;
        }
        for (int i = 0; i < wanted.size(); i++) {
            if (!same(modelColumns.get(i), wanted.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** A changelog path as changeSetExecuted and a changeset identity both spell it. */
    static String normalPath(String path) {
        if (path == null) {
            return "";
        }
        String p = path.replace('\\', '/');
        if (p.startsWith("classpath:")) {
            p = p.substring("classpath:".length());
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p;
    }

    static String identity(String path, String id, String author) {
        return normalPath(path) + "::" + id + "::" + author;
    }
}
