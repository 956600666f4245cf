package dev.evoplan.source.sql;

import dev.evoplan.model.SqlText;
import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.EnumType;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.Identifiers;
import dev.evoplan.model.Index;
import dev.evoplan.model.IndexElement;
import dev.evoplan.model.Origin;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Rename;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.Table;
import dev.evoplan.model.UniqueConstraint;
import dev.evoplan.model.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies parsed SQL statements, in order, to a {@link Schema} as PostgreSQL would, and records
 * each as a {@link SourceChange}. Statements it cannot apply (unknown objects, forms the model
 * does not hold, unreadable SQL) become opaque changes that need review; none is dropped.
 */
public final class SqlSchemaFolder {
    private static final Pattern CALLS_OR_WRITES = Pattern.compile("(?i)[a-z_][a-z0-9_$.\"]*\\s*\\(|\\bINTO\\b");
    private static final Pattern OWNED_BY = Pattern.compile("(?i)\\bOWNED\\s+BY\\s+(NONE|[^\\s;]+)");
    private static final Pattern RENAME_TO = Pattern.compile("(?i)^\\s*RENAME\\s+TO\\s+(\"(?:[^\"]|\"\")+\"|[^\\s;]+)\\s*$");

    private Schema schema;
    private final boolean assumeExisting;
    private final java.util.Set<QualifiedName> assumedTables = new java.util.TreeSet<>();

    public SqlSchemaFolder(Schema start) {
        this(start, false);
    }

    private SqlSchemaFolder(Schema start, boolean assumeExisting) {
        this.schema = Objects.requireNonNull(start, "start is null");
        this.assumeExisting = assumeExisting;
    }

    /**
     * A folder for migrations read on their own (lint): objects a statement works on that the
     * schema does not hold are taken to exist already (see {@link AssumedObjects}), instead of
     * making the statement unreadable.
     */
    public static SqlSchemaFolder assumingExisting(Schema start) {
        return new SqlSchemaFolder(start, true);
    }

    /** The tables taken to exist because a statement used them, sorted. */
    public java.util.Set<QualifiedName> assumedTables() {
        return java.util.Collections.unmodifiableSet(assumedTables);
    }

    /** The schema after every statement folded so far. */
    public Schema schema() {
        return schema;
    }

    /** Folds every statement of a script, in order. */
    public List<SourceChange> foldAll(SqlScript script) {
        List<SourceChange> out = new ArrayList<>();
        for (SqlStatement s : script.statements()) {
            out.add(fold(s));
        }
        return out;
    }

    /**
     * Folds one statement. A statement that cannot be applied to the current schema leaves it
     * unchanged and comes back OPAQUE with the reason in its description.
     */
    public SourceChange fold(SqlStatement statement) {
        if (assumeExisting) {
            AssumedObjects.Completed completed = AssumedObjects.complete(schema, statement, assumedTables);
            schema = completed.schema();
            assumedTables.addAll(completed.assumedTables());
        }
        Schema before = schema;
        Span span = statement.span();
        Origin origin = Origin.file(span.file(), span.line());
        Outcome outcome;
        try {
            outcome = apply(statement);
        } catch (Unfoldable e) {
            schema = before;
            outcome = Outcome.opaque(changeType(statement), e.getMessage());
        } catch (SequenceOptions.OutOfRange e) {
            throw new dev.evoplan.model.InputException(span.file(), span.line(), e.getMessage());
        }
        if (outcome.kind() == SourceChange.Kind.OPAQUE) {
            // What we could not fully apply must not half-change the model either.
            schema = before;
        }
        String description = outcome.description();
        if (outcome.kind() == SourceChange.Kind.OPAQUE) {
            description = description + ": " + oneLine(span.text());
        }
        return new SourceChange(outcome.kind(), outcome.changeType(), origin, List.of(span.text().strip()), before,
                schema, outcome.renames(), description, outcome.table());
    }

    /** Whether every statement of the script is one this folder applies or knows to be harmless. */
    public static boolean understands(SqlScript script) {
        return script.statements().stream().noneMatch(s -> s.kind() == SqlStatement.Kind.UNRECOGNIZED)
                && script.diagnostics().stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    /** What folding one statement amounted to. */
    private record Outcome(SourceChange.Kind kind, String changeType, List<Rename> renames, String description,
                           QualifiedName table) {
        static Outcome schema(String changeType, String description) {
            return new Outcome(SourceChange.Kind.SCHEMA, changeType, List.of(), description, null);
        }

        static Outcome none(String changeType, String description) {
            return new Outcome(SourceChange.Kind.NONE, changeType, List.of(), description, null);
        }

        static Outcome opaque(String changeType, String reason) {
            return new Outcome(SourceChange.Kind.OPAQUE, changeType, List.of(), reason, null);
        }
    }

    /** A statement that does not apply to the schema as it stands (a missing table, a taken name). */
    private static final class Unfoldable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unfoldable(String message) {
            super(message, null, false, false);
        }
    }

    private static String changeType(SqlStatement s) {
        return switch (s.kind()) {
            case CREATE_TABLE -> "CREATE TABLE";
            case ALTER_TABLE -> "ALTER TABLE";
            case DROP -> "DROP " + ((SqlStatement.Drop) s).target().name().replace('_', ' ');
            case CREATE_INDEX -> "CREATE INDEX";
            case REINDEX -> "REINDEX";
            case ALTER_INDEX -> "ALTER INDEX";
            case CREATE_TYPE -> "CREATE TYPE";
            case ALTER_TYPE -> "ALTER TYPE";
            case CREATE_SEQUENCE -> "CREATE SEQUENCE";
            case ALTER_SEQUENCE -> "ALTER SEQUENCE";
            case CREATE_VIEW -> ((SqlStatement.CreateView) s).materialized() ? "CREATE MATERIALIZED VIEW" : "CREATE VIEW";
            case REFRESH_MATERIALIZED_VIEW -> "REFRESH MATERIALIZED VIEW";
            case COMMENT -> "COMMENT ON " + ((SqlStatement.Comment) s).objectType();
            case CREATE_TRIGGER -> "CREATE TRIGGER";
            case CREATE_FUNCTION -> ((SqlStatement.CreateFunction) s).procedure() ? "CREATE PROCEDURE" : "CREATE FUNCTION";
            case TRUNCATE -> "TRUNCATE";
            case VACUUM -> "VACUUM";
            case ANALYZE -> "ANALYZE";
            case CLUSTER -> "CLUSTER";
            case SET -> "SET";
            case RESET -> "RESET";
            case TRANSACTION -> ((SqlStatement.Transaction) s).action().name().replace('_', ' ');
            case DML -> ((SqlStatement.Dml) s).verb().name();
            case SELECT -> "SELECT";
            case CREATE_EXTENSION -> "CREATE EXTENSION";
            case CREATE_SCHEMA -> "CREATE SCHEMA";
            case DO -> "DO";
            case GRANT -> ((SqlStatement.Grant) s).revoke() ? "REVOKE" : "GRANT";
            // Only an unrecognized statement is named by its text: normalising every statement's
            // text (function bodies included) cost time on large folders for nothing.
            case UNRECOGNIZED -> firstWords(s.span().text().strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT));
        };
    }

    /**
     * A session setting. Most change nothing a migration's safety depends on; two change what the
     * statements after them mean, which evoplan does not follow, so they are for a reviewer:
     * a {@code search_path} that does not start at public (unqualified names after it are read
     * here as public's) and {@code session_replication_role} (replica turns off triggers and
     * foreign-key checks for the session).
     */
    private static Outcome sessionSetting(SqlStatement.SetParameter set, String type) {
        String parameter = set.parameter().toLowerCase(Locale.ROOT);
        String value = set.value().strip();
        if (parameter.equals("search_path") && !startsAtPublic(value)) {
            return Outcome.opaque(type, "search_path no longer starts at public, and evoplan does not follow it: unqualified"
                    + " names in the statements after this are read as public's but may be another schema's");
        }
        if (parameter.equals("session_replication_role") && !value.replace("'", "").equalsIgnoreCase("origin")
                && !value.equalsIgnoreCase("default")) {
            return Outcome.opaque(type, "triggers and foreign-key checks do not fire for the rest of the session, so rows"
                    + " written after this are not checked");
        }
        return Outcome.none(type, type.toLowerCase(Locale.ROOT));
    }

    /** A search_path whose first schema (after {@code "$user"}, which names no schema in a migration) is public. */
    private static boolean startsAtPublic(String value) {
        for (String part : value.split(",")) {
            String schema = part.strip().replace("'", "").replace("\"", "").toLowerCase(Locale.ROOT);
            if (schema.equals("$user")) {
                continue;
            }
            return schema.equals("public") || schema.equals("default");
        }
        return false;
    }

    private static String firstWords(String text) {
        String[] words = text.split(" ");
        String first = words.length > 0 && !words[0].isEmpty() ? words[0] : "SQL";
        if (words.length > 1 && (first.equals("CREATE") || first.equals("ALTER") || first.equals("DROP"))) {
            return (first + " " + words[1]).replaceAll("[^A-Z _]", "");
        }
        return first.replaceAll("[^A-Z_]", "").isEmpty() ? "SQL" : first.replaceAll("[^A-Z_]", "");
    }

    private Outcome apply(SqlStatement s) {
        String type = changeType(s);
        return switch (s.kind()) {
            case CREATE_TABLE -> createTable((SqlStatement.CreateTable) s);
            case ALTER_TABLE -> alterTable((SqlStatement.AlterTable) s);
            case DROP -> drop((SqlStatement.Drop) s, type);
            case CREATE_INDEX -> createIndex((SqlStatement.CreateIndex) s);
            case ALTER_INDEX -> alterIndex((SqlStatement.AlterIndex) s);
            case CREATE_TYPE -> createType((SqlStatement.CreateType) s);
            case ALTER_TYPE -> alterType((SqlStatement.AlterType) s);
            case CREATE_SEQUENCE -> createSequence((SqlStatement.CreateSequence) s);
            case ALTER_SEQUENCE -> alterSequence((SqlStatement.AlterSequence) s);
            case CREATE_VIEW -> createView((SqlStatement.CreateView) s, type);
            case COMMENT -> comment((SqlStatement.Comment) s, type);
            case DML -> {
                SqlStatement.Dml d = (SqlStatement.Dml) s;
                yield new Outcome(SourceChange.Kind.DATA, type, List.of(), dmlDescription(d), d.table());
            }
            case TRUNCATE -> {
                SqlStatement.Truncate t = (SqlStatement.Truncate) s;
                QualifiedName first = t.tables().isEmpty() ? null : t.tables().get(0);
                yield new Outcome(SourceChange.Kind.DATA, type, List.of(), "truncate " + t.tables().stream()
                        .map(QualifiedName::toString).reduce((a, b) -> a + ", " + b).orElse(""), first);
            }
            case SET -> sessionSetting((SqlStatement.SetParameter) s, type);
            case RESET, TRANSACTION, ANALYZE, GRANT -> Outcome.none(type, type.toLowerCase(Locale.ROOT));
            // A SELECT that calls a function (setval, a migration helper) or writes a table (SELECT
            // INTO) can change anything: review it rather than pass it as a no-op.
            case SELECT -> CALLS_OR_WRITES.matcher(s.span().text()).find()
                    ? Outcome.opaque(type, "a SELECT that calls a function or writes a table can change anything")
                    : Outcome.none(type, "select");
            // VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock: not a harmless no-op.
            case VACUUM -> {
                SqlStatement.Vacuum v = (SqlStatement.Vacuum) s;
                yield v.full() ? maintenance("VACUUM FULL", v.tables().isEmpty() ? null : v.tables().get(0),
                        "vacuum full " + (v.tables().isEmpty() ? "every table" : names(v.tables())))
                        : Outcome.none(type, "vacuum");
            }
            case CREATE_SCHEMA -> Outcome.none(type, "create schema " + ((SqlStatement.CreateSchema) s).name());
            case REINDEX -> {
                SqlStatement.Reindex r = (SqlStatement.Reindex) s;
                yield maintenance("REINDEX", reindexTable(r), "reindex " + r.target().toLowerCase(Locale.ROOT)
                        + (r.name() == null ? "" : " " + r.name()));
            }
            case CLUSTER -> {
                SqlStatement.Cluster c = (SqlStatement.Cluster) s;
                yield maintenance("CLUSTER", c.table(), "cluster " + (c.table() == null ? "every clustered table" : c.table()));
            }
            case REFRESH_MATERIALIZED_VIEW -> {
                SqlStatement.RefreshMaterializedView r = (SqlStatement.RefreshMaterializedView) s;
                yield maintenance("REFRESH MATERIALIZED VIEW", r.name(), "refresh materialized view " + r.name());
            }
            case CREATE_TRIGGER, CREATE_FUNCTION, CREATE_EXTENSION, DO ->
                    Outcome.opaque(type, "its effect is code evoplan does not read");
            case UNRECOGNIZED -> Outcome.opaque(type, "not understood (" + ((SqlStatement.Unrecognized) s).reason() + ")");
        };
    }

    private static Outcome maintenance(String operation, QualifiedName table, String description) {
        return new Outcome(SourceChange.Kind.MAINTENANCE, operation, List.of(), description, table);
    }

    /** {@code update orders, every row (no WHERE)}: rules tell a whole-table statement by it. */
    static String dmlDescription(SqlStatement.Dml d) {
        String verb = d.verb().name().toLowerCase(Locale.ROOT);
        if (d.verb() == SqlStatement.DmlVerb.INSERT) {
            return verb + " " + d.table();
        }
        return verb + " " + d.table() + (d.hasWhere() ? ", " + ROWS_MATCHING_WHERE : ", " + EVERY_ROW);
    }

    /** Marks a data change description whose statement has no WHERE clause. */
    public static final String EVERY_ROW = "every row (no WHERE)";
    /** Marks a data change description whose statement selects rows with a WHERE clause. */
    public static final String ROWS_MATCHING_WHERE = "rows matching a WHERE clause";

    /** The table a REINDEX works on: the table itself, or the table of the index it names. */
    private QualifiedName reindexTable(SqlStatement.Reindex r) {
        if (r.name() == null) {
            return null;
        }
        if (r.target().equalsIgnoreCase("TABLE")) {
            return r.name();
        }
        if (r.target().equalsIgnoreCase("INDEX")) {
            for (Table t : schema.tables().values()) {
                if (t.name().schema().equals(r.name().schema())
                        && t.indexes().stream().anyMatch(i -> i.name().equals(r.name().name()))) {
                    return t.name();
                }
            }
        }
        return null;
    }

    private static String names(List<QualifiedName> names) {
        return String.join(", ", names.stream().map(QualifiedName::toString).toList());
    }

    // ---- tables ---------------------------------------------------------------------------

    private Outcome createTable(SqlStatement.CreateTable c) {
        if (schema.tables().containsKey(c.name()) || relationExists(c.name())) {
            if (c.ifNotExists()) {
                return Outcome.none("CREATE TABLE", "create table if not exists " + c.name() + " (exists)");
            }
            throw new Unfoldable("relation " + c.name() + " already exists");
        }
        if (c.asQuery() || !c.likes().isEmpty() || !c.inherits().isEmpty() || c.partitionOf() != null
                || c.persistence() == SqlStatement.Persistence.TEMPORARY) {
            return Outcome.opaque("CREATE TABLE", "CREATE TABLE with AS, LIKE, INHERITS, PARTITION OF or TEMP is not modelled");
        }
        schema = schema.withTable(Table.empty(c.name()));
        for (ColumnDefinition d : c.columns()) {
            addColumn(c.name(), d);
        }
        for (TableConstraint tc : c.constraints()) {
            addConstraint(c.name(), tc);
        }
        return Outcome.schema("CREATE TABLE", "create table " + c.name());
    }

    private void addColumn(QualifiedName tableName, ColumnDefinition d) {
        Table t = table(tableName);
        if (t.hasColumn(d.name())) {
            throw new Unfoldable("column " + d.name() + " of " + tableName + " already exists");
        }
        Column column = new Column(d.name(), d.type(), !d.notNull(), d.defaultValue(), IdentityKind.NONE,
                d.generated(), null);
        if (SqlType.isSerialSpelling(d.typeWritten())) {
            QualifiedName seq = tableName.sibling(dev.evoplan.model.PostgresNames.choose(tableName.name(), d.name(), "seq",
                    n -> relationExists(tableName.sibling(n))));
            schema = schema.withSequence(new Sequence(seq, d.type().name(), null, null, null, null, null, false,
                    owner(tableName, d.name())).normalized());
            column = column.withNullable(false)
                    .withDefault(DefaultValue.of("nextval(" + Identifiers.literal(seq.sql()) + "::regclass)"));
        }
        if (d.identity() != IdentityKind.NONE) {
            column = column.withIdentity(d.identity());
        }
        schema = schema.withTable(table(tableName).withColumn(column));
        for (TableConstraint tc : d.constraints()) {
            addConstraint(tableName, tc.columns().isEmpty() ? withColumns(tc, List.of(d.name())) : tc);
        }
    }

    private static TableConstraint withColumns(TableConstraint tc, List<String> columns) {
        return new TableConstraint(tc.name(), tc.type(), columns, tc.expression(), tc.references(),
                tc.referencedColumns(), tc.onDelete(), tc.onUpdate(), tc.usingIndex(), tc.include(), tc.deferrable(),
                tc.initiallyDeferred(), tc.notValid());
    }

    private void addConstraint(QualifiedName tableName, TableConstraint tc) {
        Table t = table(tableName);
        String table = tableName.name();
        for (String col : tc.columns()) {
            column(t, col);
        }
        switch (tc.type()) {
            case PRIMARY_KEY -> {
                if (t.primaryKey() != null) {
                    throw new Unfoldable("multiple primary keys for table " + tableName + " are not allowed");
                }
                List<String> cols = tc.columns();
                String name = tc.name();
                if (tc.usingIndex() != null) {
                    Index index = takeIndex(tableName, tc.usingIndex());
                    cols = index.columnNames();
                    name = name == null ? index.name() : name;
                    t = table(tableName);
                }
                if (name == null) {
                    name = dev.evoplan.model.PostgresNames.choose(table, null, "pkey", n -> relationExists(tableName.sibling(n)));
                } else {
                    requireFreeRelation(tableName.sibling(name));
                }
                Table edited = t.withPrimaryKey(new PrimaryKey(name, cols));
                for (String col : cols) {
                    edited = edited.mapColumn(col, x -> x.withNullable(false));
                }
                schema = schema.withTable(edited);
            }
            case UNIQUE -> {
                List<String> cols = tc.columns();
                String name = tc.name();
                if (tc.usingIndex() != null) {
                    Index index = takeIndex(tableName, tc.usingIndex());
                    cols = index.columnNames();
                    name = name == null ? index.name() : name;
                    t = table(tableName);
                }
                if (!tc.include().isEmpty()) {
                    throw new Unfoldable("UNIQUE ... INCLUDE is not modelled");
                }
                if (name == null) {
                    name = dev.evoplan.model.PostgresNames.choose(table, String.join("_", cols), "key", n -> relationExists(tableName.sibling(n)));
                } else {
                    requireFreeRelation(tableName.sibling(name));
                }
                List<UniqueConstraint> uniques = new ArrayList<>(t.uniques());
                uniques.add(new UniqueConstraint(name, cols, tc.deferrable()));
                schema = schema.withTable(t.withUniques(uniques));
            }
            case CHECK -> {
                String name = tc.name();
                if (name == null) {
                    List<String> read = SqlText.identifiers(tc.expression()).stream().filter(t::hasColumn).toList();
                    name = dev.evoplan.model.PostgresNames.choose(table, read.size() == 1 ? read.get(0) : null, "check",
                            n -> constraintExists(tableName.schema(), n));
                } else {
                    requireFreeConstraint(t, name);
                }
                List<CheckConstraint> checks = new ArrayList<>(t.checks());
                checks.add(new CheckConstraint(name, tc.expression(), !tc.notValid()));
                schema = schema.withTable(t.withChecks(checks));
            }
            case FOREIGN_KEY -> {
                Table target = tc.references().equals(tableName) ? t : table(tc.references());
                List<String> targetColumns = tc.referencedColumns();
                if (targetColumns.isEmpty()) {
                    if (target.primaryKey() == null) {
                        throw new Unfoldable("there is no primary key for referenced table " + target.name());
                    }
                    targetColumns = target.primaryKey().columns();
                }
                for (String col : targetColumns) {
                    column(target, col);
                }
                String name = tc.name();
                if (name == null) {
                    name = dev.evoplan.model.PostgresNames.choose(table, String.join("_", tc.columns()), "fkey",
                            n -> constraintExists(tableName.schema(), n));
                } else {
                    requireFreeConstraint(t, name);
                }
                List<ForeignKey> fks = new ArrayList<>(t.foreignKeys());
                fks.add(new ForeignKey(name, tc.columns(), target.name(), targetColumns, tc.onDelete(), tc.onUpdate(),
                        tc.deferrable(), tc.initiallyDeferred(), !tc.notValid()));
                schema = schema.withTable(table(tableName).withForeignKeys(fks));
            }
            case EXCLUDE -> throw new Unfoldable("EXCLUDE constraints are not modelled");
        }
    }

    /** Removes an index that becomes a constraint's ({@code ADD PRIMARY KEY USING INDEX}). */
    private Index takeIndex(QualifiedName tableName, String indexName) {
        Table t = table(tableName);
        Index index = t.indexes().stream().filter(i -> i.name().equals(indexName)).findFirst()
                .orElseThrow(() -> new Unfoldable("index " + indexName + " does not exist on " + tableName));
        schema = schema.withTable(t.withIndexes(t.indexes().stream().filter(i -> i != index).toList()));
        return index;
    }

    private Outcome alterTable(SqlStatement.AlterTable a) {
        if (!schema.tables().containsKey(a.table())) {
            if (a.ifExists()) {
                return Outcome.none("ALTER TABLE", "alter table if exists " + a.table() + " (missing)");
            }
            throw new Unfoldable("table " + a.table() + " does not exist");
        }
        QualifiedName name = a.table();
        List<Rename> renames = new ArrayList<>();
        List<String> done = new ArrayList<>();
        boolean changed = false;
        for (AlterAction action : a.actions()) {
            String unsupported = null;
            switch (action.kind()) {
                case ADD_COLUMN -> {
                    AlterAction.AddColumn add = (AlterAction.AddColumn) action;
                    if (add.ifNotExists() && table(name).hasColumn(add.column().name())) {
                        done.add("column " + add.column().name() + " exists");
                    } else {
                        addColumn(name, add.column());
                        done.add("add column " + add.column().name());
                        changed = true;
                    }
                }
                case DROP_COLUMN -> {
                    AlterAction.DropColumn drop = (AlterAction.DropColumn) action;
                    if (drop.ifExists() && !table(name).hasColumn(drop.column())) {
                        done.add("column " + drop.column() + " missing");
                    } else {
                        dropColumn(name, drop.column(), drop.cascade());
                        done.add("drop column " + drop.column());
                        changed = true;
                    }
                }
                case ALTER_COLUMN_TYPE -> {
                    AlterAction.AlterColumnType t = (AlterAction.AlterColumnType) action;
                    editColumn(name, t.column(), c -> c.withType(t.type()));
                    done.add("alter column " + t.column() + " type " + t.type().sql());
                    changed = true;
                }
                case SET_DEFAULT -> {
                    AlterAction.SetDefault d = (AlterAction.SetDefault) action;
                    editColumn(name, d.column(), c -> c.withDefault(d.value()));
                    done.add("set default " + d.column());
                    changed = true;
                }
                case DROP_DEFAULT -> {
                    AlterAction.DropDefault d = (AlterAction.DropDefault) action;
                    editColumn(name, d.column(), c -> c.withDefault(null));
                    done.add("drop default " + d.column());
                    changed = true;
                }
                case SET_NOT_NULL -> {
                    AlterAction.SetNotNull n = (AlterAction.SetNotNull) action;
                    editColumn(name, n.column(), c -> c.withNullable(false));
                    done.add("set not null " + n.column());
                    changed = true;
                }
                case DROP_NOT_NULL -> {
                    AlterAction.DropNotNull n = (AlterAction.DropNotNull) action;
                    Table t = table(name);
                    if (t.primaryKey() != null && t.primaryKey().columns().contains(n.column())) {
                        throw new Unfoldable("column " + n.column() + " is in a primary key");
                    }
                    editColumn(name, n.column(), c -> c.withNullable(true));
                    done.add("drop not null " + n.column());
                    changed = true;
                }
                case ADD_IDENTITY -> {
                    AlterAction.AddIdentity i = (AlterAction.AddIdentity) action;
                    editColumn(name, i.column(), c -> c.withIdentity(i.identity()));
                    done.add("add identity " + i.column());
                    changed = true;
                }
                case DROP_IDENTITY -> {
                    AlterAction.DropIdentity i = (AlterAction.DropIdentity) action;
                    Column c = column(table(name), i.column());
                    if (c.identity() == IdentityKind.NONE && !i.ifExists()) {
                        throw new Unfoldable("column " + i.column() + " is not an identity column");
                    }
                    editColumn(name, i.column(), x -> new Column(x.name(), x.type(), x.nullable(), x.defaultValue(),
                            IdentityKind.NONE, x.generatedExpression(), x.comment()));
                    done.add("drop identity " + i.column());
                    changed = true;
                }
                case ADD_CONSTRAINT -> {
                    TableConstraint tc = ((AlterAction.AddConstraint) action).constraint();
                    addConstraint(name, tc);
                    done.add("add " + tc.type().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + (tc.notValid() ? " not valid" : ""));
                    changed = true;
                }
                case VALIDATE_CONSTRAINT -> {
                    validate(name, ((AlterAction.ValidateConstraint) action).name());
                    done.add("validate constraint " + ((AlterAction.ValidateConstraint) action).name());
                    changed = true;
                }
                case DROP_CONSTRAINT -> {
                    AlterAction.DropConstraint d = (AlterAction.DropConstraint) action;
                    if (d.ifExists() && !table(name).constraintNames().contains(d.name())) {
                        done.add("constraint " + d.name() + " missing");
                    } else {
                        dropConstraint(name, d.name(), d.cascade());
                        done.add("drop constraint " + d.name());
                        changed = true;
                    }
                }
                case RENAME_TABLE -> {
                    String to = ((AlterAction.RenameTable) action).newName();
                    QualifiedName newName = name.sibling(to);
                    renameTable(name, newName);
                    renames.add(new Rename(Rename.Kind.TABLE, name, name.name(), to));
                    done.add("rename to " + to);
                    name = newName;
                    changed = true;
                }
                case RENAME_COLUMN -> {
                    AlterAction.RenameColumn r = (AlterAction.RenameColumn) action;
                    renameColumn(name, r.column(), r.newName());
                    renames.add(new Rename(Rename.Kind.COLUMN, name, r.column(), r.newName()));
                    done.add("rename column " + r.column() + " to " + r.newName());
                    changed = true;
                }
                case RENAME_CONSTRAINT -> {
                    AlterAction.RenameConstraint r = (AlterAction.RenameConstraint) action;
                    renameConstraint(name, r.name(), r.newName());
                    done.add("rename constraint " + r.name() + " to " + r.newName());
                    changed = true;
                }
                // Settings the model does not hold: they change no schema fact evoplan compares.
                case SET_STATISTICS, SET_STORAGE, SET_OPTIONS, REPLICA_IDENTITY, TRIGGER_STATE, OWNER_TO ->
                        done.add(action.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
                case SET_LOGGED -> {
                    // The model has no persistence: alone, it is a rewrite to judge; mixed, review it.
                    if (a.actions().size() == 1) {
                        String op = ((AlterAction.SetLogged) action).logged() ? "SET LOGGED" : "SET UNLOGGED";
                        return maintenance(op, a.table(), "alter table " + a.table() + " " + op.toLowerCase(Locale.ROOT));
                    }
                    unsupported = "SET LOGGED/UNLOGGED rewrites the table";
                }
                case ATTACH_PARTITION, DETACH_PARTITION -> unsupported = "partitions are not modelled";
                case SET_SCHEMA -> unsupported = "SET SCHEMA is not modelled";
                case OTHER -> unsupported = "action not modelled: " + ((AlterAction.Other) action).text();
            }
            if (unsupported != null) {
                return Outcome.opaque("ALTER TABLE", unsupported);
            }
        }
        SourceChange.Kind kind = changed ? SourceChange.Kind.SCHEMA : SourceChange.Kind.NONE;
        return new Outcome(kind, "ALTER TABLE", renames, "alter table " + a.table() + ": " + String.join(", ", done), null);
    }

    private void dropColumn(QualifiedName name, String col, boolean cascade) {
        Table t = table(name);
        column(t, col);
        for (Table other : schema.tables().values()) {
            for (ForeignKey fk : other.foreignKeys()) {
                if (fk.target().equals(name) && fk.targetColumns().contains(col) && !other.name().equals(name) && !cascade) {
                    throw new Unfoldable("foreign key " + fk.name() + " on " + other.name() + " depends on column " + col);
                }
            }
        }
        // PostgreSQL drops every index and constraint that uses the column along with it.
        t = t.withoutColumn(col);
        if (t.primaryKey() != null && t.primaryKey().columns().contains(col)) {
            t = t.withPrimaryKey(null);
        }
        t = t.withUniques(t.uniques().stream().filter(u -> !u.columns().contains(col)).toList())
                .withForeignKeys(t.foreignKeys().stream().filter(f -> !f.columns().contains(col)).toList())
                .withChecks(t.checks().stream().filter(c -> !SqlText.identifiers(c.expression()).contains(col)).toList())
                .withIndexes(t.indexes().stream().filter(i -> !usesColumn(i, col)).toList());
        schema = schema.withTable(t);
        for (Table other : List.copyOf(schema.tables().values())) {
            List<ForeignKey> kept = other.foreignKeys().stream()
                    .filter(f -> !(f.target().equals(name) && f.targetColumns().contains(col))).toList();
            if (kept.size() != other.foreignKeys().size()) {
                schema = schema.withTable(other.withForeignKeys(kept));
            }
        }
        String owner = owner(name, col);
        for (Sequence s : List.copyOf(schema.sequences().values())) {
            if (owner.equals(s.ownedBy())) {
                schema = schema.withoutSequence(s.name());
            }
        }
    }

    private static boolean usesColumn(Index i, String col) {
        if (i.include().contains(col)) {
            return true;
        }
        for (IndexElement e : i.elements()) {
            if (e.expression() ? SqlText.identifiers(e.columnOrExpression()).contains(col)
                    : e.columnOrExpression().equals(col)) {
                return true;
            }
        }
        return i.predicate() != null && SqlText.identifiers(i.predicate()).contains(col);
    }

    private void editColumn(QualifiedName name, String col, java.util.function.UnaryOperator<Column> edit) {
        Table t = table(name);
        column(t, col);
        schema = schema.withTable(t.mapColumn(col, edit));
    }

    private void validate(QualifiedName name, String constraint) {
        Table t = table(name);
        if (t.checks().stream().anyMatch(c -> c.name().equals(constraint))) {
            schema = schema.withTable(t.withChecks(t.checks().stream()
                    .map(c -> c.name().equals(constraint) ? new CheckConstraint(c.name(), c.expression(), true) : c).toList()));
        } else if (t.foreignKeys().stream().anyMatch(f -> f.name().equals(constraint))) {
            schema = schema.withTable(t.withForeignKeys(t.foreignKeys().stream()
                    .map(f -> f.name().equals(constraint) ? new ForeignKey(f.name(), f.columns(), f.target(), f.targetColumns(),
                            f.onDelete(), f.onUpdate(), f.deferrable(), f.initiallyDeferred(), true) : f).toList()));
        } else if (!t.constraintNames().contains(constraint)) {
            throw new Unfoldable("constraint " + constraint + " of " + name + " does not exist");
        }
    }

    private void dropConstraint(QualifiedName name, String constraint, boolean cascade) {
        Table t = table(name);
        if (t.primaryKey() != null && t.primaryKey().name().equals(constraint)) {
            requireNoReferences(name, t.primaryKey().columns(), cascade);
            schema = schema.withTable(t.withPrimaryKey(null));
        } else if (t.uniques().stream().anyMatch(u -> u.name().equals(constraint))) {
            t.uniques().stream().filter(u -> u.name().equals(constraint))
                    .forEach(u -> requireNoReferences(name, u.columns(), cascade));
            schema = schema.withTable(t.withUniques(t.uniques().stream().filter(u -> !u.name().equals(constraint)).toList()));
        } else if (t.checks().stream().anyMatch(c -> c.name().equals(constraint))) {
            schema = schema.withTable(t.withChecks(t.checks().stream().filter(c -> !c.name().equals(constraint)).toList()));
        } else if (t.foreignKeys().stream().anyMatch(f -> f.name().equals(constraint))) {
            schema = schema.withTable(t.withForeignKeys(t.foreignKeys().stream()
                    .filter(f -> !f.name().equals(constraint)).toList()));
        } else {
            throw new Unfoldable("constraint " + constraint + " of " + name + " does not exist");
        }
    }

    /** A key other tables' foreign keys point at cannot go without CASCADE (which drops them too). */
    private void requireNoReferences(QualifiedName name, List<String> keyColumns, boolean cascade) {
        for (Table other : List.copyOf(schema.tables().values())) {
            List<ForeignKey> kept = new ArrayList<>();
            for (ForeignKey fk : other.foreignKeys()) {
                boolean dependent = fk.target().equals(name) && fk.targetColumns().equals(keyColumns);
                if (dependent && !cascade) {
                    throw new Unfoldable("foreign key " + fk.name() + " on " + other.name() + " depends on the key");
                }
                if (!dependent) {
                    kept.add(fk);
                }
            }
            if (kept.size() != other.foreignKeys().size()) {
                schema = schema.withTable(table(other.name()).withForeignKeys(kept));
            }
        }
    }

    private void renameTable(QualifiedName from, QualifiedName to) {
        if (relationExists(to)) {
            throw new Unfoldable("relation " + to + " already exists");
        }
        Table t = table(from);
        schema = schema.withoutTable(from).withTable(t.withName(to));
        for (Table other : List.copyOf(schema.tables().values())) {
            if (other.foreignKeys().stream().anyMatch(f -> f.target().equals(from))) {
                schema = schema.withTable(other.withForeignKeys(other.foreignKeys().stream()
                        .map(f -> f.target().equals(from) ? new ForeignKey(f.name(), f.columns(), to, f.targetColumns(),
                                f.onDelete(), f.onUpdate(), f.deferrable(), f.initiallyDeferred(), f.validated()) : f)
                        .toList()));
            }
        }
        for (Sequence s : List.copyOf(schema.sequences().values())) {
            if (s.ownedBy() != null && s.ownedBy().startsWith(from + ".")) {
                schema = schema.withSequence(withOwner(s, to + s.ownedBy().substring(from.toString().length())));
            }
        }
    }

    private void renameColumn(QualifiedName name, String from, String to) {
        Table t = table(name);
        column(t, from);
        if (t.hasColumn(to)) {
            throw new Unfoldable("column " + to + " of " + name + " already exists");
        }
        t = t.mapColumn(from, c -> c.withName(to));
        if (t.primaryKey() != null) {
            t = t.withPrimaryKey(new PrimaryKey(t.primaryKey().name(), swap(t.primaryKey().columns(), from, to)));
        }
        t = t.withUniques(t.uniques().stream()
                        .map(u -> new UniqueConstraint(u.name(), swap(u.columns(), from, to), u.deferrable())).toList())
                .withChecks(t.checks().stream().map(c -> new CheckConstraint(c.name(),
                        SqlText.renameIdentifier(c.expression(), from, to), c.validated())).toList())
                .withForeignKeys(t.foreignKeys().stream().map(f -> new ForeignKey(f.name(), swap(f.columns(), from, to),
                        f.target(), f.target().equals(name) ? swap(f.targetColumns(), from, to) : f.targetColumns(),
                        f.onDelete(), f.onUpdate(), f.deferrable(), f.initiallyDeferred(), f.validated())).toList())
                .withIndexes(t.indexes().stream().map(i -> new Index(i.name(), i.table(), i.unique(), i.method(),
                        i.elements().stream().map(e -> e.expression()
                                ? new IndexElement(SqlText.renameIdentifier(e.columnOrExpression(), from, to), true,
                                        e.descending(), e.nullsFirst(), e.opclass())
                                : e.columnOrExpression().equals(from)
                                        ? new IndexElement(to, false, e.descending(), e.nullsFirst(), e.opclass()) : e).toList(),
                        swap(i.include(), from, to), SqlText.renameIdentifier(i.predicate(), from, to))).toList());
        schema = schema.withTable(t);
        for (Table other : List.copyOf(schema.tables().values())) {
            if (other.name().equals(name)) {
                continue;
            }
            if (other.foreignKeys().stream().anyMatch(f -> f.target().equals(name) && f.targetColumns().contains(from))) {
                schema = schema.withTable(other.withForeignKeys(other.foreignKeys().stream()
                        .map(f -> f.target().equals(name) ? new ForeignKey(f.name(), f.columns(), f.target(),
                                swap(f.targetColumns(), from, to), f.onDelete(), f.onUpdate(), f.deferrable(),
                                f.initiallyDeferred(), f.validated()) : f).toList()));
            }
        }
        String owner = owner(name, from);
        for (Sequence s : List.copyOf(schema.sequences().values())) {
            if (owner.equals(s.ownedBy())) {
                schema = schema.withSequence(withOwner(s, owner(name, to)));
            }
        }
    }

    private static List<String> swap(List<String> names, String from, String to) {
        return names.stream().map(n -> n.equals(from) ? to : n).toList();
    }

    private void renameConstraint(QualifiedName name, String from, String to) {
        Table t = table(name);
        if (!t.constraintNames().contains(from)) {
            throw new Unfoldable("constraint " + from + " of " + name + " does not exist");
        }
        requireFreeConstraint(t, to);
        if (t.primaryKey() != null && t.primaryKey().name().equals(from)) {
            // A key constraint's index is renamed with it, so the new name must be a free relation name.
            requireFreeRelation(name.sibling(to));
            t = t.withPrimaryKey(new PrimaryKey(to, t.primaryKey().columns()));
        } else if (t.uniques().stream().anyMatch(u -> u.name().equals(from))) {
            requireFreeRelation(name.sibling(to));
            t = t.withUniques(t.uniques().stream()
                    .map(u -> u.name().equals(from) ? new UniqueConstraint(to, u.columns(), u.deferrable()) : u).toList());
        }
        t = t.withChecks(t.checks().stream()
                        .map(c -> c.name().equals(from) ? new CheckConstraint(to, c.expression(), c.validated()) : c).toList())
                .withForeignKeys(t.foreignKeys().stream().map(f -> f.name().equals(from) ? new ForeignKey(to, f.columns(),
                        f.target(), f.targetColumns(), f.onDelete(), f.onUpdate(), f.deferrable(), f.initiallyDeferred(),
                        f.validated()) : f).toList());
        schema = schema.withTable(t);
    }

    // ---- indexes --------------------------------------------------------------------------

    private Outcome createIndex(SqlStatement.CreateIndex c) {
        Table t = table(c.table());
        for (IndexElement e : c.elements()) {
            if (!e.expression()) {
                column(t, e.columnOrExpression());
            }
        }
        String name = c.name();
        if (name == null) {
            String keys = String.join("_", dev.evoplan.model.PostgresNames.indexKeyNames(c.elements()));
            name = dev.evoplan.model.PostgresNames.choose(c.table().name(), keys, "idx", n -> relationExists(c.table().sibling(n)));
        } else if (relationExists(c.table().sibling(name))) {
            if (c.ifNotExists()) {
                return Outcome.none("CREATE INDEX", "create index if not exists " + name + " (exists)");
            }
            throw new Unfoldable("relation " + name + " already exists");
        }
        List<Index> indexes = new ArrayList<>(t.indexes());
        indexes.add(new Index(name, c.table(), c.unique(), c.method(), c.elements(), c.include(), c.predicate()));
        schema = schema.withTable(t.withIndexes(indexes));
        return Outcome.schema("CREATE INDEX", "create " + (c.unique() ? "unique " : "") + "index "
                + (c.concurrently() ? "concurrently " : "") + name + " on " + c.table());
    }

    private Outcome alterIndex(SqlStatement.AlterIndex a) {
        if (a.renameTo() == null) {
            return Outcome.opaque("ALTER INDEX", "only ALTER INDEX ... RENAME TO is modelled");
        }
        QualifiedName target = a.name().sibling(a.renameTo());
        java.util.Optional<Index> index = indexNamed(a.name());
        if (index.isPresent()) {
            requireFreeRelation(target);
            Index i = index.get();
            Table t = table(i.table());
            schema = schema.withTable(t.withIndexes(t.indexes().stream().map(x -> x.name().equals(i.name())
                    ? new Index(a.renameTo(), x.table(), x.unique(), x.method(), x.elements(), x.include(), x.predicate())
                    : x).toList()));
            return new Outcome(SourceChange.Kind.SCHEMA, "ALTER INDEX",
                    List.of(new Rename(Rename.Kind.INDEX, i.table(), i.name(), a.renameTo())),
                    "rename index " + a.name() + " to " + a.renameTo(), null);
        }
        // Renaming a key constraint's index renames the constraint too.
        for (Table t : schema.tables().values()) {
            if (!t.name().schema().equals(a.name().schema())) {
                continue;
            }
            boolean pk = t.primaryKey() != null && t.primaryKey().name().equals(a.name().name());
            boolean unique = t.uniques().stream().anyMatch(u -> u.name().equals(a.name().name()));
            if (pk || unique) {
                renameConstraint(t.name(), a.name().name(), a.renameTo());
                return Outcome.schema("ALTER INDEX", "rename index " + a.name() + " to " + a.renameTo());
            }
        }
        if (a.ifExists()) {
            return Outcome.none("ALTER INDEX", "alter index if exists " + a.name() + " (missing)");
        }
        throw new Unfoldable("index " + a.name() + " does not exist");
    }

    // ---- drops ----------------------------------------------------------------------------

    private Outcome drop(SqlStatement.Drop d, String type) {
        List<String> dropped = new ArrayList<>();
        for (QualifiedName name : d.names()) {
            boolean exists = switch (d.target()) {
                case TABLE -> schema.tables().containsKey(name);
                case INDEX -> indexNamed(name).isPresent();
                case VIEW -> schema.views().containsKey(name) && !schema.views().get(name).materialized();
                case MATERIALIZED_VIEW -> schema.views().containsKey(name) && schema.views().get(name).materialized();
                case SEQUENCE -> schema.sequences().containsKey(name);
                case TYPE -> schema.enums().containsKey(name);
                case DOMAIN, TRIGGER, FUNCTION, PROCEDURE, EXTENSION, SCHEMA -> true;
            };
            if (!exists) {
                if (d.ifExists()) {
                    continue;
                }
                throw new Unfoldable(d.target().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + name
                        + " does not exist");
            }
            switch (d.target()) {
                case TABLE -> dropTable(name, d.cascade());
                case INDEX -> {
                    Index i = indexNamed(name).orElseThrow();
                    Table t = table(i.table());
                    schema = schema.withTable(t.withIndexes(t.indexes().stream().filter(x -> x != i).toList()));
                }
                case VIEW, MATERIALIZED_VIEW -> schema = schema.withoutView(name);
                case SEQUENCE -> dropSequence(name, d.cascade());
                case TYPE -> dropType(name, d.cascade());
                case DOMAIN, TRIGGER, FUNCTION, PROCEDURE, EXTENSION, SCHEMA -> {
                    return Outcome.opaque(type, "its effect is on objects evoplan does not model");
                }
            }
            dropped.add(name.toString());
        }
        return dropped.isEmpty() ? Outcome.none(type, type.toLowerCase(Locale.ROOT) + " if exists (nothing to drop)")
                : Outcome.schema(type, type.toLowerCase(Locale.ROOT) + " " + String.join(", ", dropped));
    }

    private void dropTable(QualifiedName name, boolean cascade) {
        for (Table other : schema.tables().values()) {
            if (!other.name().equals(name) && other.foreignKeys().stream().anyMatch(f -> f.target().equals(name)) && !cascade) {
                throw new Unfoldable("table " + other.name() + " has a foreign key to " + name);
            }
        }
        schema = schema.withoutTable(name);
        for (Table other : List.copyOf(schema.tables().values())) {
            List<ForeignKey> kept = other.foreignKeys().stream().filter(f -> !f.target().equals(name)).toList();
            if (kept.size() != other.foreignKeys().size()) {
                schema = schema.withTable(other.withForeignKeys(kept));
            }
        }
        for (Sequence s : List.copyOf(schema.sequences().values())) {
            if (s.ownedBy() != null && s.ownedBy().startsWith(name + ".")) {
                schema = schema.withoutSequence(s.name());
            }
        }
    }

    private void dropSequence(QualifiedName name, boolean cascade) {
        String nextval = "nextval(" + Identifiers.literal(name.sql()) + "::regclass)";
        for (Table t : List.copyOf(schema.tables().values())) {
            for (Column c : t.columns()) {
                if (c.defaultValue() != null && c.defaultValue().expression().equals(nextval)) {
                    if (!cascade) {
                        throw new Unfoldable("default of " + t.name() + "." + c.name() + " depends on sequence " + name);
                    }
                    schema = schema.withTable(table(t.name()).mapColumn(c.name(), x -> x.withDefault(null)));
                }
            }
        }
        schema = schema.withoutSequence(name);
    }

    private void dropType(QualifiedName name, boolean cascade) {
        for (Table t : schema.tables().values()) {
            for (Column c : t.columns()) {
                if (usesType(c.type(), name)) {
                    throw new Unfoldable("column " + t.name() + "." + c.name() + " depends on type " + name
                            + (cascade ? " (DROP TYPE CASCADE drops columns: not modelled)" : ""));
                }
            }
        }
        schema = schema.withoutEnum(name);
    }

    private static boolean usesType(SqlType type, QualifiedName enumName) {
        return type.name().equals(enumName.name()) || type.name().equals(enumName.schema() + "." + enumName.name())
                || type.name().equals(enumName.sql());
    }

    // ---- types, sequences, views, comments -------------------------------------------------

    private Outcome createType(SqlStatement.CreateType c) {
        if (c.form() != SqlStatement.TypeForm.ENUM) {
            return Outcome.opaque("CREATE TYPE", c.form().name().toLowerCase(Locale.ROOT) + " types are not modelled");
        }
        if (schema.enums().containsKey(c.name())) {
            throw new Unfoldable("type " + c.name() + " already exists");
        }
        schema = schema.withEnum(new EnumType(c.name(), c.labels()));
        return Outcome.schema("CREATE TYPE", "create type " + c.name() + " as enum");
    }

    private Outcome alterType(SqlStatement.AlterType a) {
        EnumType e = schema.enums().get(a.name());
        if (e == null) {
            throw new Unfoldable("enum type " + a.name() + " does not exist");
        }
        List<String> values = new ArrayList<>(e.values());
        switch (a.action()) {
            case ADD_VALUE -> {
                if (values.contains(a.value())) {
                    if (a.ifNotExists()) {
                        return Outcome.none("ALTER TYPE", "add value if not exists " + a.value() + " (exists)");
                    }
                    throw new Unfoldable("enum label " + a.value() + " already exists");
                }
                if (a.neighbor() == null) {
                    values.add(a.value());
                } else {
                    int at = values.indexOf(a.neighbor());
                    if (at < 0) {
                        throw new Unfoldable(a.neighbor() + " is not an existing enum label");
                    }
                    values.add(a.before() ? at : at + 1, a.value());
                }
                schema = schema.withEnum(new EnumType(e.name(), values));
                return Outcome.schema("ALTER TYPE", "add value " + a.value() + " to " + a.name());
            }
            case RENAME_VALUE -> {
                int at = values.indexOf(a.value());
                if (at < 0 || values.contains(a.neighbor())) {
                    throw new Unfoldable("cannot rename enum label " + a.value() + " to " + a.neighbor());
                }
                values.set(at, a.neighbor());
                schema = schema.withEnum(new EnumType(e.name(), values));
                return Outcome.schema("ALTER TYPE", "rename value " + a.value() + " of " + a.name());
            }
            case RENAME_TO -> {
                QualifiedName to = a.name().sibling(a.newName());
                if (schema.enums().containsKey(to)) {
                    throw new Unfoldable("type " + to + " already exists");
                }
                schema = schema.withoutEnum(a.name()).withEnum(new EnumType(to, values));
                for (Table t : List.copyOf(schema.tables().values())) {
                    Table edited = t;
                    for (Column c : t.columns()) {
                        if (usesType(c.type(), a.name())) {
                            SqlType renamed = new SqlType(to.name(), c.type().modifiers(), c.type().arrayDimensions());
                            edited = edited.mapColumn(c.name(), x -> x.withType(renamed));
                        }
                    }
                    schema = schema.withTable(edited);
                }
                return Outcome.schema("ALTER TYPE", "rename type " + a.name() + " to " + a.newName());
            }
            case OTHER -> {
                return Outcome.opaque("ALTER TYPE", "this ALTER TYPE form is not modelled");
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private Outcome createSequence(SqlStatement.CreateSequence c) {
        if (relationExists(c.name())) {
            if (c.ifNotExists()) {
                return Outcome.none("CREATE SEQUENCE", "create sequence if not exists " + c.name() + " (exists)");
            }
            throw new Unfoldable("relation " + c.name() + " already exists");
        }
        Sequence s = SequenceOptions.apply(Sequence.of(c.name()), c.options());
        schema = schema.withSequence(withOwner(s, ownedBy(c.name(), c.options(), null)).normalized());
        return Outcome.schema("CREATE SEQUENCE", "create sequence " + c.name());
    }

    private Outcome alterSequence(SqlStatement.AlterSequence a) {
        Sequence s = schema.sequences().get(a.name());
        if (s == null) {
            if (a.ifExists()) {
                return Outcome.none("ALTER SEQUENCE", "alter sequence if exists " + a.name() + " (missing)");
            }
            throw new Unfoldable("sequence " + a.name() + " does not exist");
        }
        Matcher rename = RENAME_TO.matcher(a.options());
        if (rename.find()) {
            QualifiedName to = a.name().sibling(Identifiers.fold(rename.group(1)));
            requireFreeRelation(to);
            schema = schema.withoutSequence(a.name()).withSequence(s.withName(to));
            return new Outcome(SourceChange.Kind.SCHEMA, "ALTER SEQUENCE",
                    List.of(new Rename(Rename.Kind.SEQUENCE, a.name(), a.name().name(), to.name())),
                    "rename sequence " + a.name() + " to " + to.name(), null);
        }
        Sequence changed = SequenceOptions.apply(s, a.options());
        schema = schema.withSequence(withOwner(changed, ownedBy(a.name(), a.options(), s.ownedBy())).normalized());
        return Outcome.schema("ALTER SEQUENCE", "alter sequence " + a.name());
    }

    /** The owner an {@code OWNED BY t.c} option names (the table checked), else {@code current}. */
    private String ownedBy(QualifiedName sequence, String options, String current) {
        Matcher m = OWNED_BY.matcher(options);
        if (!m.find()) {
            return current;
        }
        if (m.group(1).equalsIgnoreCase("none")) {
            return null;
        }
        String written = m.group(1);
        int dot = written.lastIndexOf('.');
        if (dot < 0) {
            throw new Unfoldable("OWNED BY needs table.column");
        }
        QualifiedName table = QualifiedName.parse(written.substring(0, dot));
        String col = Identifiers.fold(written.substring(dot + 1));
        column(table(table), col);
        if (!table.schema().equals(sequence.schema())) {
            throw new Unfoldable("sequence must be in the same schema as the table it is linked to");
        }
        return owner(table, col);
    }

    private Outcome createView(SqlStatement.CreateView c, String type) {
        View existing = schema.views().get(c.name());
        if (existing != null || relationExists(c.name())) {
            if (c.ifNotExists()) {
                return Outcome.none(type, type.toLowerCase(Locale.ROOT) + " if not exists " + c.name() + " (exists)");
            }
            if (!c.orReplace() || existing == null || existing.materialized() != c.materialized()) {
                throw new Unfoldable("relation " + c.name() + " already exists");
            }
        }
        schema = schema.withView(new View(c.name(), c.query().strip(), c.materialized()));
        return Outcome.schema(type, type.toLowerCase(Locale.ROOT) + " " + c.name());
    }

    private Outcome comment(SqlStatement.Comment c, String type) {
        String comment = c.comment();
        switch (c.objectType()) {
            case "TABLE" -> {
                QualifiedName name = QualifiedName.parse(c.target());
                schema = schema.withTable(table(name).withComment(comment));
                return Outcome.schema(type, "comment on table " + name);
            }
            case "COLUMN" -> {
                int dot = c.target().lastIndexOf('.');
                if (dot < 0) {
                    throw new Unfoldable("COMMENT ON COLUMN needs table.column");
                }
                QualifiedName name = QualifiedName.parse(c.target().substring(0, dot));
                String col = c.target().substring(dot + 1);
                editColumn(name, col, x -> x.withComment(comment));
                return Outcome.schema(type, "comment on column " + name + "." + col);
            }
            default -> {
                // Comments on indexes, views, types, ... are not part of the model.
                return Outcome.none(type, type.toLowerCase(Locale.ROOT) + " " + c.target());
            }
        }
    }

    // ---- lookups --------------------------------------------------------------------------

    private Table table(QualifiedName name) {
        Table t = schema.tables().get(name);
        if (t == null) {
            throw new Unfoldable("table " + name + " does not exist");
        }
        return t;
    }

    private static Column column(Table t, String col) {
        return t.column(col).orElseThrow(() -> new Unfoldable("column " + col + " of " + t.name() + " does not exist"));
    }

    /** Tables, views, sequences, indexes and key constraints (whose index has their name) share one namespace. */
    private boolean relationExists(QualifiedName name) {
        if (schema.tables().containsKey(name) || schema.views().containsKey(name) || schema.sequences().containsKey(name)) {
            return true;
        }
        return names().relations.containsKey(name);
    }

    private java.util.Optional<Index> indexNamed(QualifiedName name) {
        return java.util.Optional.ofNullable(names().indexes.get(name));
    }

    private boolean constraintExists(String schemaName, String name) {
        return names().constraints.containsKey(QualifiedName.of(schemaName, name));
    }

    /**
     * The index, key and constraint names of the current schema, brought up to date with the
     * tables that changed since it was last asked: a large migration folder asks many times per
     * statement (choosing default names), and gathering every table's names each time made
     * reading thousands of files quadratic.
     */
    private Names names() {
        if (names.of != schema) {
            Schema.forEachChangedTable(names.of, schema, names::replace);
            names.of = schema;
        }
        return names;
    }

    private final Names names = new Names();

    /** Name counts (a constraint name may repeat on different tables) and the index of each index name. */
    private static final class Names {
        Schema of = Schema.EMPTY;
        final java.util.Map<QualifiedName, Integer> relations = new java.util.HashMap<>();
        final java.util.Map<QualifiedName, Index> indexes = new java.util.HashMap<>();
        final java.util.Map<QualifiedName, Integer> constraints = new java.util.HashMap<>();

        /**
         * Brings the names up to date with a table that changed ({@code was} null: created;
         * {@code now} null: dropped). A table edit keeps the lists it did not touch as the same
         * objects, so only the kinds of name whose list changed are gathered again: adding a
         * column touches none, adding an index only the relation and index names.
         */
        void replace(Table was, Table now) {
            if (was == null || now == null || !was.name().equals(now.name())) {
                if (was != null) {
                    remove(was);
                }
                if (now != null) {
                    add(now);
                }
                return;
            }
            boolean keys = !java.util.Objects.equals(was.primaryKey(), now.primaryKey()) || was.uniques() != now.uniques();
            if (keys || was.indexes() != now.indexes()) {
                for (QualifiedName n : relationNames(was)) {
                    relations.computeIfPresent(n, (k, v) -> v == 1 ? null : v - 1);
                }
                for (QualifiedName n : relationNames(now)) {
                    relations.merge(n, 1, Integer::sum);
                }
            }
            if (was.indexes() != now.indexes()) {
                for (Index i : was.indexes()) {
                    indexes.remove(was.name().sibling(i.name()), i);
                }
                for (Index i : now.indexes()) {
                    indexes.put(now.name().sibling(i.name()), i);
                }
            }
            if (keys || was.checks() != now.checks() || was.foreignKeys() != now.foreignKeys()) {
                for (String c : was.constraintNames()) {
                    constraints.computeIfPresent(was.name().sibling(c), (k, v) -> v == 1 ? null : v - 1);
                }
                for (String c : now.constraintNames()) {
                    constraints.merge(now.name().sibling(c), 1, Integer::sum);
                }
            }
        }

        void add(Table t) {
            for (QualifiedName n : relationNames(t)) {
                relations.merge(n, 1, Integer::sum);
            }
            for (Index i : t.indexes()) {
                indexes.put(t.name().sibling(i.name()), i);
            }
            for (String c : t.constraintNames()) {
                constraints.merge(t.name().sibling(c), 1, Integer::sum);
            }
        }

        void remove(Table t) {
            for (QualifiedName n : relationNames(t)) {
                relations.computeIfPresent(n, (k, v) -> v == 1 ? null : v - 1);
            }
            for (Index i : t.indexes()) {
                indexes.remove(t.name().sibling(i.name()), i);
            }
            for (String c : t.constraintNames()) {
                constraints.computeIfPresent(t.name().sibling(c), (k, v) -> v == 1 ? null : v - 1);
            }
        }

        private static List<QualifiedName> relationNames(Table t) {
            List<QualifiedName> out = new ArrayList<>();
            if (t.primaryKey() != null) {
                out.add(t.name().sibling(t.primaryKey().name()));
            }
            t.uniques().forEach(u -> out.add(t.name().sibling(u.name())));
            t.indexes().forEach(i -> out.add(t.name().sibling(i.name())));
            return out;
        }
    }

    private void requireFreeRelation(QualifiedName name) {
        if (relationExists(name)) {
            throw new Unfoldable("relation " + name + " already exists");
        }
    }

    /** PostgreSQL picks default constraint names unique within the schema. */

    private static void requireFreeConstraint(Table t, String name) {
        if (t.constraintNames().contains(name)) {
            throw new Unfoldable("constraint " + name + " for relation " + t.name() + " already exists");
        }
    }

    private static String owner(QualifiedName table, String column) {
        return table + "." + column;
    }

    private static Sequence withOwner(Sequence s, String owner) {
        return new Sequence(s.name(), s.dataType(), s.start(), s.increment(), s.minValue(), s.maxValue(), s.cache(),
                s.cycle(), owner);
    }

    /** A statement on one line, cut at 120 characters, as notes and findings quote it. */
    static String oneLine(String text) {
        String s = text.strip().replaceAll("\\s+", " ");
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
