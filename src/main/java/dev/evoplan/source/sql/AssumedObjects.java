package dev.evoplan.source.sql;

import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import dev.evoplan.model.EnumType;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.Index;
import dev.evoplan.model.IndexElement;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.Table;
import dev.evoplan.model.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Completes a schema with the objects a migration statement takes for granted. A migration file
 * linted on its own works on tables that earlier migrations (or production) created: {@code ALTER
 * TABLE orders ALTER COLUMN total TYPE numeric} says that {@code orders} and its column {@code
 * total} exist. Each such object is added as it is known to be, nothing more: a table of unknown
 * size and contents, a column of unknown type ({@link #UNKNOWN_TYPE}, which no rule takes for
 * binary-compatible), so the verdicts stay on the cautious side.
 */
final class AssumedObjects {
    /**
     * The type of a column the migration uses but does not define; nothing is compatible with it.
     */
    static final SqlType UNKNOWN_TYPE = SqlType.of("unknown");

    private Schema schema;
    private final Set<QualifiedName> earlier;
    private final Set<QualifiedName> tables = new TreeSet<>();

    /** The columns the ALTER TABLE being completed adds, by earlier actions of its own. */
    private final Set<String> addedByStatement = new java.util.HashSet<>();

    private AssumedObjects(Schema schema, Set<QualifiedName> earlier) {
        this.schema = schema;
        this.earlier = earlier;
    }

    /**
     * The schema with what {@code statement} assumes added, and the names of the tables added;
     * {@code earlier} are the tables assumed for earlier statements (their shape is as unknown).
     */
    static Completed complete(Schema schema, SqlStatement statement, Set<QualifiedName> earlier) {
        AssumedObjects a = new AssumedObjects(schema, earlier);
        a.assume(statement);
        return new Completed(a.schema, Set.copyOf(a.tables));
    }

    /** A completed schema and the tables it had to assume. */
    record Completed(Schema schema, Set<QualifiedName> assumedTables) {}

    private void assume(SqlStatement s) {
        switch (s.kind()) {
            case ALTER_TABLE -> alterTable((SqlStatement.AlterTable) s);
            case CREATE_INDEX -> {
                SqlStatement.CreateIndex c = (SqlStatement.CreateIndex) s;
                table(c.table());
                for (IndexElement e : c.elements()) {
                    if (!e.expression()) {
                        column(c.table(), e.columnOrExpression(), false);
                    }
                }
                c.include().forEach(col -> column(c.table(), col, false));
            }
            case DROP -> {
                SqlStatement.Drop d = (SqlStatement.Drop) s;
                for (QualifiedName name : d.names()) {
                    // IF EXISTS of an index or table not seen: an earlier migration (or production)
                    // may hold it, and then the drop locks as any other; assume it, as the rest.
                    if (d.ifExists()
                            && d.target() != SqlStatement.DropTarget.INDEX
                            && d.target() != SqlStatement.DropTarget.TABLE) {
                        continue;
                    }
                    switch (d.target()) {
                        case TABLE -> table(name);
                        case INDEX -> index(name);
                        case VIEW, MATERIALIZED_VIEW -> {
                            if (!schema.views().containsKey(name)
                                    && !schema.tables().containsKey(name)) {
                                schema =
                                        schema.withView(
                                                new View(
                                                        name,
                                                        "SELECT 1",
                                                        d.target()
                                                                == SqlStatement.DropTarget
                                                                        .MATERIALIZED_VIEW));
                            }
                        }
                        case SEQUENCE -> sequence(name);
                        case TYPE -> enumType(name, List.of());
                        case DOMAIN,
                                TRIGGER,
                                FUNCTION,
                                PROCEDURE,
                                EXTENSION,
                                SCHEMA,
                                STATISTICS,
                                DATABASE,
                                POLICY -> {}
                    }
                }
            }
            case ALTER_INDEX -> {
                SqlStatement.AlterIndex a = (SqlStatement.AlterIndex) s;
                if (!a.ifExists()) {
                    index(a.name());
                }
            }
            case ALTER_TYPE -> {
                SqlStatement.AlterType a = (SqlStatement.AlterType) s;
                List<String> labels = new ArrayList<>();
                if (a.action() == SqlStatement.TypeAction.ADD_VALUE && a.neighbor() != null) {
                    labels.add(a.neighbor());
                }
                if (a.action() == SqlStatement.TypeAction.RENAME_VALUE && a.value() != null) {
                    labels.add(a.value());
                }
                enumType(a.name(), labels);
            }
            case ALTER_SEQUENCE -> {
                SqlStatement.AlterSequence a = (SqlStatement.AlterSequence) s;
                // An identity's own sequence belongs to its column: not assumed as a sequence.
                if (!a.ifExists()
                        && dev.evoplan.model.SchemaEdits.identityWithSequence(schema, a.name())
                                == null) {
                    sequence(a.name());
                }
            }
            case COMMENT -> {
                SqlStatement.Comment c = (SqlStatement.Comment) s;
                if (c.objectType().equalsIgnoreCase("TABLE")) {
                    table(QualifiedName.parse(c.target()));
                } else if (c.objectType().equalsIgnoreCase("COLUMN")) {
                    int dot = c.target().lastIndexOf('.');
                    if (dot > 0) {
                        QualifiedName t = QualifiedName.parse(c.target().substring(0, dot));
                        table(t);
                        column(
                                t,
                                dev.evoplan.model.Identifiers.fold(c.target().substring(dot + 1)),
                                false);
                    }
                }
            }
            case CREATE_TABLE -> {
                SqlStatement.CreateTable c = (SqlStatement.CreateTable) s;
                for (ColumnDefinition d : c.columns()) {
                    d.constraints().forEach(tc -> references(c.name(), tc, d.name()));
                }
                c.constraints().forEach(tc -> references(c.name(), tc, null));
            }
            case REINDEX,
                    CLUSTER,
                    VACUUM,
                    REFRESH_MATERIALIZED_VIEW,
                    CREATE_TYPE,
                    CREATE_SEQUENCE,
                    CREATE_VIEW,
                    CREATE_TRIGGER,
                    CREATE_FUNCTION,
                    TRUNCATE,
                    ANALYZE,
                    SET,
                    RESET,
                    TRANSACTION,
                    DML,
                    SELECT,
                    CREATE_EXTENSION,
                    CREATE_SCHEMA,
                    DO,
                    GRANT,
                    UNRECOGNIZED,
                    DOMAIN,
                    CREATE_FOREIGN_TABLE,
                    ALTER_ROUTINE -> {}
            case ALTER_TRIGGER -> table(((SqlStatement.AlterTrigger) s).table());
            // A view the file does not create: its query is unknown, so nothing is assumed.
            case ALTER_VIEW -> {}
            case POLICY -> table(((SqlStatement.Policy) s).table());
            case CREATE_STATISTICS -> table(((SqlStatement.CreateStatistics) s).table());
            case LOCK_TABLE -> ((SqlStatement.LockTable) s).tables().forEach(this::table);
        }
    }

    private void alterTable(SqlStatement.AlterTable a) {
        QualifiedName name = a.table();
        table(name);
        // A column an earlier action of the statement adds is not assumed: its own foreign key or
        // default names it, and assuming it made the ADD COLUMN fail as "already exists".
        addedByStatement.clear();
        for (AlterAction action : a.actions()) {
            switch (action.kind()) {
                case DROP_COLUMN -> {
                    AlterAction.DropColumn d = (AlterAction.DropColumn) action;
                    // IF EXISTS on a table not seen (whose columns are unknown): assumed there, so
                    // the drop is judged rather than read as a no-op; on a table the migrations
                    // made, a missing column is known to be missing.
                    if (!d.ifExists() || tables.contains(name) || earlier.contains(name)) {
                        column(name, d.column(), false);
                    }
                }
                case ALTER_COLUMN_TYPE ->
                        column(name, ((AlterAction.AlterColumnType) action).column(), false);
                case SET_DEFAULT -> column(name, ((AlterAction.SetDefault) action).column(), false);
                case DROP_DEFAULT ->
                        column(name, ((AlterAction.DropDefault) action).column(), false);
                case SET_NOT_NULL ->
                        column(name, ((AlterAction.SetNotNull) action).column(), false);
                // DROP NOT NULL says the column is NOT NULL now.
                case DROP_NOT_NULL ->
                        column(name, ((AlterAction.DropNotNull) action).column(), true);
                case ADD_IDENTITY ->
                        column(name, ((AlterAction.AddIdentity) action).column(), true);
                case DROP_IDENTITY -> {
                    AlterAction.DropIdentity d = (AlterAction.DropIdentity) action;
                    if (!d.ifExists() && column(name, d.column(), true)) {
                        schema =
                                schema.withTable(
                                        schema.tables()
                                                .get(name)
                                                .mapColumn(
                                                        d.column(),
                                                        c ->
                                                                c.withIdentity(
                                                                        IdentityKind.BY_DEFAULT)));
                    }
                }
                case ALTER_IDENTITY -> {
                    // An identity column not seen: of the other kind than SET GENERATED makes it
                    // (so ALWAYS is judged as the change that refuses explicit values), with the
                    // default options (so a raised MINVALUE or lowered MAXVALUE is judged too).
                    AlterAction.AlterIdentity i = (AlterAction.AlterIdentity) action;
                    IdentityKind was =
                            i.generated() == IdentityKind.ALWAYS
                                    ? IdentityKind.BY_DEFAULT
                                    : i.generated() == IdentityKind.BY_DEFAULT
                                            ? IdentityKind.ALWAYS
                                            : IdentityKind.BY_DEFAULT;
                    if (column(name, i.column(), true)) {
                        schema =
                                schema.withTable(
                                        schema.tables()
                                                .get(name)
                                                .mapColumn(i.column(), c -> c.withIdentity(was)));
                    }
                }
                case SET_STATISTICS ->
                        column(name, ((AlterAction.SetStatistics) action).column(), false);
                case SET_STORAGE -> column(name, ((AlterAction.SetStorage) action).column(), false);
                case SET_COLUMN_OPTIONS ->
                        column(name, ((AlterAction.SetColumnOptions) action).column(), false);
                case SET_COMPRESSION ->
                        column(name, ((AlterAction.SetCompression) action).column(), false);
                case RENAME_COLUMN ->
                        column(name, ((AlterAction.RenameColumn) action).column(), false);
                case ADD_CONSTRAINT ->
                        references(name, ((AlterAction.AddConstraint) action).constraint(), null);
                case VALIDATE_CONSTRAINT ->
                        constraint(name, ((AlterAction.ValidateConstraint) action).name(), false);
                // IF EXISTS of a constraint not seen: assumed to exist, as without it.
                case DROP_CONSTRAINT ->
                        constraint(name, ((AlterAction.DropConstraint) action).name(), true);
                case RENAME_CONSTRAINT ->
                        constraint(name, ((AlterAction.RenameConstraint) action).name(), true);
                case RENAME_TABLE -> {
                    // Later actions of the statement work on the new name; the folder handles that.
                    return;
                }
                case ADD_COLUMN ->
                        addedByStatement.add(((AlterAction.AddColumn) action).column().name());
                case ATTACH_PARTITION,
                        DETACH_PARTITION,
                        SET_LOGGED,
                        SET_ACCESS_METHOD,
                        CLUSTER_ON,
                        SET_WITHOUT_OIDS,
                        SET_OPTIONS,
                        REPLICA_IDENTITY,
                        TRIGGER_STATE,
                        OWNER_TO,
                        SET_SCHEMA,
                        ALTER_CONSTRAINT,
                        ROW_SECURITY,
                        OTHER -> {}
            }
        }
    }

    /** The columns a constraint names on its table, and the table and key it references. */
    private void references(QualifiedName owner, TableConstraint tc, String columnOfDefinition) {
        boolean ownerIsNew = !schema.tables().containsKey(owner);
        if (!ownerIsNew && tc.usingIndex() != null) {
            usingIndex(owner, tc.usingIndex());
        }
        if (!ownerIsNew) {
            for (String col : tc.columns()) {
                column(owner, col, false);
            }
        }
        if (tc.type() != TableConstraint.Type.FOREIGN_KEY
                || tc.references() == null
                || tc.references().equals(owner)) {
            return;
        }
        QualifiedName target = tc.references();
        table(target);
        List<String> targetColumns = tc.referencedColumns();
        if (targetColumns.isEmpty()) {
            Table t = schema.tables().get(target);
            if (t.primaryKey() == null && (tables.contains(target) || earlier.contains(target))) {
                // REFERENCES t without columns means t's primary key; assume the usual single id.
                column(target, "id", true);
                schema =
                        schema.withTable(
                                schema.tables()
                                        .get(target)
                                        .withPrimaryKey(
                                                new PrimaryKey(
                                                        target.name() + "_pkey", List.of("id"))));
            }
            return;
        }
        for (String col : targetColumns) {
            column(target, col, false);
        }
    }

    private void table(QualifiedName name) {
        if (name == null || schema.tables().containsKey(name) || schema.views().containsKey(name)) {
            return;
        }
        schema = schema.withTable(Table.empty(name));
        tables.add(name);
    }

    /** Adds the column when missing; true when it was assumed (so the caller may shape it). */
    private boolean column(QualifiedName tableName, String col, boolean notNull) {
        Table t = schema.tables().get(tableName);
        if (t == null || col == null || t.hasColumn(col) || addedByStatement.contains(col)) {
            return false;
        }
        schema =
                schema.withTable(
                        t.withColumn(
                                new Column(
                                        col,
                                        UNKNOWN_TYPE,
                                        !notNull,
                                        null,
                                        IdentityKind.NONE,
                                        null,
                                        null)));
        return true;
    }

    /**
     * A constraint the statement names on an existing table: assumed a check, the kind that locks
     * least widely.
     */
    private void constraint(QualifiedName tableName, String constraint, boolean validated) {
        Table t = schema.tables().get(tableName);
        if (t == null || constraint == null || t.constraintNames().contains(constraint)) {
            return;
        }
        List<CheckConstraint> checks = new ArrayList<>(t.checks());
        checks.add(new CheckConstraint(constraint, "true", validated));
        schema = schema.withTable(t.withChecks(checks));
    }

    /**
     * An index the statement names; its table is unknown, so it gets a table of its own, named
     * after it, that running code is assumed to use.
     */
    private void index(QualifiedName name) {
        if (schema.index(name).isPresent()
                || schema.objects()
                        .containsKey(dev.evoplan.model.MaterializedViewIndex.key(name))) {
            return;
        }
        QualifiedName owner = name.sibling("table of " + name.name());
        table(owner);
        Table t = schema.tables().get(owner);
        List<Index> indexes = new ArrayList<>(t.indexes());
        indexes.add(
                new Index(
                        name.name(),
                        owner,
                        false,
                        "btree",
                        List.of(IndexElement.column("?")),
                        List.of(),
                        null));
        schema = schema.withTable(t.withIndexes(indexes));
    }

    /**
     * The unique index a {@code USING INDEX} attaches, made by an earlier migration: on the table,
     * over a column of unknown type and nullability ({@code ?}), so the verdict stays cautious (a
     * primary key may still have to prove the column NOT NULL).
     */
    private void usingIndex(QualifiedName tableName, String indexName) {
        Table t = schema.tables().get(tableName);
        if (t.indexes().stream().anyMatch(i -> i.name().equals(indexName))
                || schema.index(tableName.sibling(indexName)).isPresent()) {
            return;
        }
        column(tableName, "?", false);
        t = schema.tables().get(tableName);
        List<Index> indexes = new ArrayList<>(t.indexes());
        indexes.add(
                new Index(
                        indexName,
                        tableName,
                        true,
                        "btree",
                        List.of(IndexElement.column("?")),
                        List.of(),
                        null));
        schema = schema.withTable(t.withIndexes(indexes));
    }

    private void sequence(QualifiedName name) {
        if (!schema.sequences().containsKey(name)) {
            schema =
                    schema.withSequence(
                            new Sequence(name, "bigint", null, null, null, null, null, false, null)
                                    .normalized());
        }
    }

    private void enumType(QualifiedName name, List<String> labels) {
        if (!schema.enums().containsKey(name)) {
            schema = schema.withEnum(new EnumType(name, labels));
        }
    }
}
