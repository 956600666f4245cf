package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.QualifiedName;

/**
 * The plain statement a change runs as when nobody stages it: its label for messages and the lock
 * it takes (EVOLUTION.md), kept in one switch so that every kind has an answer.
 */
final class PlainStatement {
    private PlainStatement() {}

    /**
     * The strongest lock the plain statement takes on the object it works on: the table for table
     * changes, otherwise the sequence or view itself. Enum types get {@link LockLevel#NONE} because
     * their type lock never blocks queries on tables.
     */
    static LockLevel lock(Change change, int pgVersion) {
        return switch (change.kind()) {
            // An extension's objects are its own: creating or dropping it locks no table
            // (measured).
            case CREATE_TABLE,
                    CREATE_SEQUENCE,
                    CREATE_ENUM,
                    DROP_ENUM,
                    ADD_ENUM_VALUE,
                    CREATE_EXTENSION,
                    DROP_EXTENSION ->
                    LockLevel.NONE;
            case CREATE_VIEW -> LockLevel.ACCESS_SHARE;
            case SET_TABLE_COMMENT, SET_COLUMN_COMMENT, VALIDATE_CHECK, VALIDATE_FOREIGN_KEY ->
                    LockLevel.SHARE_UPDATE_EXCLUSIVE;
            case CREATE_INDEX -> LockLevel.SHARE;
            case ADD_FOREIGN_KEY, ALTER_SEQUENCE -> LockLevel.SHARE_ROW_EXCLUSIVE;
            case DATA_CHANGE -> LockLevel.ROW_EXCLUSIVE;
            // Before 12 ALTER INDEX ... RENAME took ACCESS EXCLUSIVE on the index.
            case RENAME_INDEX ->
                    pgVersion >= 12 ? LockLevel.SHARE_UPDATE_EXCLUSIVE : LockLevel.ACCESS_EXCLUSIVE;
            case DROP_TABLE,
                    RENAME_TABLE,
                    ADD_COLUMN,
                    DROP_COLUMN,
                    RENAME_COLUMN,
                    ALTER_COLUMN_TYPE,
                    SET_NOT_NULL,
                    DROP_NOT_NULL,
                    SET_DEFAULT,
                    DROP_DEFAULT,
                    ALTER_IDENTITY,
                    ADD_PRIMARY_KEY,
                    DROP_PRIMARY_KEY,
                    ADD_UNIQUE,
                    DROP_UNIQUE,
                    ADD_CHECK,
                    DROP_CHECK,
                    DROP_FOREIGN_KEY,
                    DROP_INDEX,
                    DROP_SEQUENCE,
                    RENAME_SEQUENCE,
                    DROP_VIEW,
                    RENAME_VIEW ->
                    LockLevel.ACCESS_EXCLUSIVE;
            case REPLACE_VIEW -> replaceViewLock((Change.ReplaceView) change);
            case MAINTENANCE -> maintenanceLock((Change.Maintenance) change);
            case CREATE_OBJECT, ALTER_OBJECT, DROP_OBJECT ->
                    Change.objectOf(change).kind()
                                    == dev.evoplan.model.SchemaObject.Kind.TABLE_GRANT
                            ? tableGrantLock(pgVersion)
                            : objectLock(change);
            // A named schema created or dropped (empty) locks no table; any other opaque change is
            // unreadable SQL: assume the worst lock rather than hide one.
            case OPAQUE ->
                    ((Change.Opaque) change).schema() != null
                            ? LockLevel.NONE
                            : LockLevel.ACCESS_EXCLUSIVE;
        };
    }

    /**
     * A short SQL-like label: {@code CREATE INDEX orders_created_idx}, {@code ADD COLUMN
     * orders.note}.
     */
    static String label(Change change) {
        return switch (change.kind()) {
            case CREATE_TABLE -> "CREATE TABLE " + change.table();
            case DROP_TABLE -> "DROP TABLE " + change.table();
            case RENAME_TABLE ->
                    "RENAME TABLE "
                            + change.table()
                            + " TO "
                            + ((Change.RenameTable) change).to().name();
            case SET_TABLE_COMMENT -> "COMMENT ON TABLE " + change.table();
            case ADD_COLUMN ->
                    "ADD COLUMN "
                            + change.table()
                            + "."
                            + ((Change.AddColumn) change).column().name();
            case DROP_COLUMN ->
                    "DROP COLUMN "
                            + change.table()
                            + "."
                            + ((Change.DropColumn) change).column().name();
            case RENAME_COLUMN -> {
                Change.RenameColumn r = (Change.RenameColumn) change;
                yield "RENAME COLUMN " + r.table() + "." + r.from() + " TO " + r.to();
            }
            case ALTER_COLUMN_TYPE -> {
                Change.AlterColumnType t = (Change.AlterColumnType) change;
                yield "ALTER COLUMN " + t.table() + "." + t.column() + " TYPE " + t.to().sql();
            }
            case SET_NOT_NULL ->
                    "SET NOT NULL on "
                            + change.table()
                            + "."
                            + ((Change.SetNotNull) change).column();
            case DROP_NOT_NULL ->
                    "DROP NOT NULL on "
                            + change.table()
                            + "."
                            + ((Change.DropNotNull) change).column();
            case SET_DEFAULT ->
                    "SET DEFAULT on "
                            + change.table()
                            + "."
                            + ((Change.SetDefault) change).column();
            case DROP_DEFAULT ->
                    "DROP DEFAULT on "
                            + change.table()
                            + "."
                            + ((Change.DropDefault) change).column();
            case ALTER_IDENTITY ->
                    "identity change on "
                            + change.table()
                            + "."
                            + ((Change.AlterIdentity) change).column();
            case SET_COLUMN_COMMENT ->
                    "COMMENT ON COLUMN "
                            + change.table()
                            + "."
                            + ((Change.SetColumnComment) change).column();
            case ADD_PRIMARY_KEY ->
                    "ADD PRIMARY KEY " + ((Change.AddPrimaryKey) change).primaryKey().name();
            case DROP_PRIMARY_KEY ->
                    "DROP CONSTRAINT " + ((Change.DropPrimaryKey) change).primaryKey().name();
            case ADD_UNIQUE ->
                    "ADD CONSTRAINT " + ((Change.AddUnique) change).constraint().name() + " UNIQUE";
            case DROP_UNIQUE ->
                    "DROP CONSTRAINT " + ((Change.DropUnique) change).constraint().name();
            case ADD_CHECK ->
                    "ADD CONSTRAINT " + ((Change.AddCheck) change).constraint().name() + " CHECK";
            case DROP_CHECK -> "DROP CONSTRAINT " + ((Change.DropCheck) change).constraint().name();
            case VALIDATE_CHECK ->
                    "VALIDATE CONSTRAINT " + ((Change.ValidateCheck) change).constraint().name();
            case ADD_FOREIGN_KEY ->
                    "ADD CONSTRAINT "
                            + ((Change.AddForeignKey) change).foreignKey().name()
                            + " FOREIGN KEY";
            case DROP_FOREIGN_KEY ->
                    "DROP CONSTRAINT " + ((Change.DropForeignKey) change).foreignKey().name();
            case VALIDATE_FOREIGN_KEY ->
                    "VALIDATE CONSTRAINT "
                            + ((Change.ValidateForeignKey) change).foreignKey().name();
            case CREATE_INDEX -> {
                Change.CreateIndex c = (Change.CreateIndex) change;
                yield "CREATE "
                        + (c.index().unique() ? "UNIQUE " : "")
                        + "INDEX "
                        + c.index().name();
            }
            case DROP_INDEX -> "DROP INDEX " + ((Change.DropIndex) change).index().name();
            case RENAME_INDEX -> {
                Change.RenameIndex r = (Change.RenameIndex) change;
                yield "ALTER INDEX " + r.from() + " RENAME TO " + r.to();
            }
            case CREATE_SEQUENCE ->
                    "CREATE SEQUENCE " + ((Change.CreateSequence) change).sequence().name();
            case DROP_SEQUENCE ->
                    "DROP SEQUENCE " + ((Change.DropSequence) change).sequence().name();
            case ALTER_SEQUENCE -> "ALTER SEQUENCE " + ((Change.AlterSequence) change).to().name();
            case RENAME_SEQUENCE -> {
                Change.RenameSequence r = (Change.RenameSequence) change;
                yield "ALTER SEQUENCE " + r.from() + " RENAME TO " + r.to().name();
            }
            case CREATE_ENUM ->
                    "CREATE TYPE " + ((Change.CreateEnum) change).type().name() + " AS ENUM";
            case DROP_ENUM -> "DROP TYPE " + ((Change.DropEnum) change).type().name();
            case ADD_ENUM_VALUE -> {
                Change.AddEnumValue a = (Change.AddEnumValue) change;
                yield "ALTER TYPE " + a.type() + " ADD VALUE '" + a.value() + "'";
            }
            case CREATE_VIEW ->
                    "CREATE "
                            + materialized(((Change.CreateView) change).view().materialized())
                            + "VIEW "
                            + ((Change.CreateView) change).view().name();
            case DROP_VIEW ->
                    "DROP "
                            + materialized(((Change.DropView) change).view().materialized())
                            + "VIEW "
                            + ((Change.DropView) change).view().name();
            case REPLACE_VIEW ->
                    "CREATE OR REPLACE VIEW " + ((Change.ReplaceView) change).to().name();
            case RENAME_VIEW -> {
                Change.RenameView r = (Change.RenameView) change;
                yield "ALTER VIEW " + r.from() + " RENAME TO " + r.to().name();
            }
            case DATA_CHANGE -> {
                Change.DataChange d = (Change.DataChange) change;
                yield d.operation() + (d.table() == null ? "" : " on " + d.table());
            }
            case CREATE_EXTENSION ->
                    "CREATE EXTENSION " + ((Change.CreateExtension) change).extension().name();
            case DROP_EXTENSION ->
                    "DROP EXTENSION " + ((Change.DropExtension) change).extension().name();
            case MAINTENANCE, CREATE_OBJECT, ALTER_OBJECT, DROP_OBJECT -> change.summary();
            case OPAQUE -> {
                Change.Opaque opaque = (Change.Opaque) change;
                yield opaque.schema() == null
                        ? opaque.changeType() + " change"
                        : (opaque.schema().dropped() ? "DROP SCHEMA " : "CREATE SCHEMA ")
                                + opaque.schema().name();
            }
        };
    }

    /**
     * What the lock of {@link #lock} is taken on, for messages: {@code orders}, {@code the view v}.
     */
    static String target(Change change) {
        QualifiedName table = change.table();
        if (table != null) {
            return table.toString();
        }
        if (change instanceof Change.Opaque opaque && opaque.schema() != null) {
            return "any table";
        }
        return switch (change.kind()) {
            case CREATE_SEQUENCE, DROP_SEQUENCE, ALTER_SEQUENCE, RENAME_SEQUENCE -> "the sequence";
            case CREATE_VIEW -> "the tables the view reads";
            case DROP_VIEW, REPLACE_VIEW, RENAME_VIEW -> "the view";
            case CREATE_ENUM, DROP_ENUM, ADD_ENUM_VALUE -> "the type";
            case CREATE_EXTENSION, DROP_EXTENSION -> "the extension";
            // A trigger, policy or row-security switch is its table's (named above); a routine
            // locks no table.
            case CREATE_OBJECT, ALTER_OBJECT, DROP_OBJECT -> "no table";
            case CREATE_TABLE,
                    DROP_TABLE,
                    RENAME_TABLE,
                    SET_TABLE_COMMENT,
                    ADD_COLUMN,
                    DROP_COLUMN,
                    RENAME_COLUMN,
                    ALTER_COLUMN_TYPE,
                    SET_NOT_NULL,
                    DROP_NOT_NULL,
                    SET_DEFAULT,
                    DROP_DEFAULT,
                    ALTER_IDENTITY,
                    SET_COLUMN_COMMENT,
                    ADD_PRIMARY_KEY,
                    DROP_PRIMARY_KEY,
                    ADD_UNIQUE,
                    DROP_UNIQUE,
                    ADD_CHECK,
                    DROP_CHECK,
                    VALIDATE_CHECK,
                    ADD_FOREIGN_KEY,
                    DROP_FOREIGN_KEY,
                    VALIDATE_FOREIGN_KEY,
                    CREATE_INDEX,
                    DROP_INDEX,
                    RENAME_INDEX,
                    DATA_CHANGE,
                    MAINTENANCE,
                    OPAQUE ->
                    "its table";
        };
    }

    /**
     * A routine, trigger, policy or row-security change runs as the statements of the same
     * operations as written ({@link #maintenanceLock}); replacing a trigger or policy drops and
     * creates it, under the stronger of the two.
     */
    static LockLevel objectLock(Change change) {
        dev.evoplan.model.SchemaObject o = Change.objectOf(change);
        Change.Kind kind = change.kind();
        return switch (o.kind()) {
            case ROUTINE ->
                    operationLock(
                            kind == Change.Kind.DROP_OBJECT
                                    ? Change.Maintenance.Operation.DROP_FUNCTION
                                    : Change.Maintenance.Operation.CREATE_FUNCTION);
            case TRIGGER ->
                    switch (kind) {
                        case CREATE_OBJECT ->
                                operationLock(Change.Maintenance.Operation.CREATE_TRIGGER);
                        case DROP_OBJECT ->
                                operationLock(Change.Maintenance.Operation.DROP_TRIGGER);
                        default ->
                                LockLevel.strongest(
                                        operationLock(Change.Maintenance.Operation.CREATE_TRIGGER),
                                        operationLock(Change.Maintenance.Operation.DROP_TRIGGER));
                    };
            case POLICY ->
                    operationLock(
                            kind == Change.Kind.DROP_OBJECT
                                    ? Change.Maintenance.Operation.DROP_POLICY
                                    : Change.Maintenance.Operation.CREATE_POLICY);
            case ROW_SECURITY -> operationLock(Change.Maintenance.Operation.ROW_LEVEL_SECURITY);
            case TABLE_GRANT -> tableGrantLock(18);
            // Planned as index changes (CONCURRENTLY); these are the plain statements' locks.
            case MATERIALIZED_VIEW_INDEX ->
                    kind == Change.Kind.CREATE_OBJECT
                            ? operationLock(Change.Maintenance.Operation.INDEX_MATERIALIZED_VIEW)
                            : LockLevel.ACCESS_EXCLUSIVE;
            // Dropping a partition and detaching one (a bound changed) take ACCESS EXCLUSIVE
            // on the parent and the partition (measured: PartitionLocksOnPostgresTest).
            case PARTITION ->
                    kind == Change.Kind.CREATE_OBJECT
                            ? operationLock(Change.Maintenance.Operation.CREATE_PARTITION)
                            : LockLevel.ACCESS_EXCLUSIVE;
            case REPLICA_IDENTITY -> operationLock(Change.Maintenance.Operation.REPLICA_IDENTITY);
            case STORAGE_PARAMETERS -> storageParametersLock(change);
        };
    }

    /**
     * A view replaced (CREATE OR REPLACE, or drop and create) takes ACCESS EXCLUSIVE on it; one
     * whose options alone change is altered in place, under the lock of those options
     * (docs/lock-facts.md): SHARE UPDATE EXCLUSIVE for a materialized view's fillfactor or
     * autovacuum_* ones, ACCESS EXCLUSIVE for a view's security_barrier, security_invoker and
     * check_option.
     */
    static LockLevel replaceViewLock(Change.ReplaceView change) {
        return change.from().sameQueryAs(change.to())
                        && dev.evoplan.model.StorageParameters.weakChange(
                                change.from().options(), change.to().options())
                ? LockLevel.SHARE_UPDATE_EXCLUSIVE
                : LockLevel.ACCESS_EXCLUSIVE;
    }

    /**
     * Setting or resetting storage parameters: SHARE UPDATE EXCLUSIVE when every one changed is of
     * the weak kind ({@link dev.evoplan.model.StorageParameters#takesWeakLock}), else ACCESS
     * EXCLUSIVE.
     */
    private static LockLevel storageParametersLock(Change change) {
        java.util.Map<String, String> from = java.util.Map.of();
        java.util.Map<String, String> to = java.util.Map.of();
        if (change instanceof Change.CreateObject c) {
            to = ((dev.evoplan.model.StorageParameters) c.object()).parameters();
        } else if (change instanceof Change.DropObject d) {
            from = ((dev.evoplan.model.StorageParameters) d.object()).parameters();
        } else if (change instanceof Change.AlterObject a) {
            from = ((dev.evoplan.model.StorageParameters) a.from()).parameters();
            to = ((dev.evoplan.model.StorageParameters) a.to()).parameters();
        }
        return dev.evoplan.model.StorageParameters.weakChange(from, to)
                ? operationLock(Change.Maintenance.Operation.SET_PARAMETERS)
                : LockLevel.ACCESS_EXCLUSIVE;
    }

    /**
     * GRANT and REVOKE on a table (measured, TableGrantLocksOnPostgresTest): no lock on it up to
     * PostgreSQL 17, ACCESS SHARE from 18. Either way only its pg_class row changes.
     */
    static LockLevel tableGrantLock(int pgVersion) {
        return pgVersion >= 18 ? LockLevel.ACCESS_SHARE : LockLevel.NONE;
    }

    /** The lock the statement of {@code operation} takes (for one with no written mode). */
    static LockLevel operationLock(Change.Maintenance.Operation operation) {
        return maintenanceLock(new Change.Maintenance(null, operation, false, ""));
    }

    /**
     * REINDEX takes SHARE on the table (and ACCESS EXCLUSIVE on each index it rebuilds), its
     * concurrent form SHARE UPDATE EXCLUSIVE; REFRESH takes ACCESS EXCLUSIVE on the view, its
     * concurrent form EXCLUSIVE (reads go on); the others rewrite under ACCESS EXCLUSIVE.
     */
    static LockLevel maintenanceLock(Change.Maintenance m) {
        return switch (m.operation()) {
            case REINDEX -> m.concurrently() ? LockLevel.SHARE_UPDATE_EXCLUSIVE : LockLevel.SHARE;
            case REFRESH_MATERIALIZED_VIEW ->
                    m.concurrently() ? LockLevel.EXCLUSIVE : LockLevel.ACCESS_EXCLUSIVE;
            case VACUUM_FULL, CLUSTER, SET_LOGGED, SET_UNLOGGED, SET_ACCESS_METHOD ->
                    LockLevel.ACCESS_EXCLUSIVE;
            // Measured (LintLocksOnPostgresTest): settings are catalog updates under these locks.
            case VACUUM,
                    ANALYZE,
                    SET_STATISTICS,
                    SET_ATTRIBUTE_OPTIONS,
                    CLUSTER_ON,
                    SET_WITHOUT_CLUSTER,
                    SET_PARAMETERS ->
                    LockLevel.SHARE_UPDATE_EXCLUSIVE;
            case TRIGGER_STATE, SEQUENCE_RESTART -> LockLevel.SHARE_ROW_EXCLUSIVE;
            case SET_STORAGE, SET_COMPRESSION, SET_WITHOUT_OIDS, REPLICA_IDENTITY, OWNER_TO ->
                    LockLevel.ACCESS_EXCLUSIVE;
            // Measured (LintLocksOnPostgresTest): the table exclusively, the identity's sequence
            // SHARE ROW EXCLUSIVE.
            case IDENTITY_RESTART -> LockLevel.ACCESS_EXCLUSIVE;
            case ALTER_CONSTRAINT, DROP_TRIGGER -> LockLevel.ACCESS_EXCLUSIVE;
            case CREATE_TRIGGER -> LockLevel.SHARE_ROW_EXCLUSIVE;
            case CREATE_FUNCTION, CREATE_PROCEDURE -> LockLevel.NONE;
            // Measured (LintLocksOnPostgresTest): a routine's DROP or ALTER locks no table; a
            // trigger's rename, a policy and the row-security switches lock the table exclusively.
            case DROP_FUNCTION, DROP_PROCEDURE, ALTER_FUNCTION, RENAME_ROUTINE -> LockLevel.NONE;
            case RENAME_TRIGGER, CREATE_POLICY, ALTER_POLICY, DROP_POLICY, ROW_LEVEL_SECURITY ->
                    LockLevel.ACCESS_EXCLUSIVE;
            case CREATE_STATISTICS, DROP_STATISTICS -> LockLevel.SHARE_UPDATE_EXCLUSIVE;
            // Measured (LintLocksOnPostgresTest): SHARE UPDATE EXCLUSIVE on the relation it names;
            // a constraint, trigger, rule or policy is locked as an object and its table read
            // under ACCESS SHARE; a type, a function, a schema is locked as an object, no table.
            case COMMENT ->
                    m.table() == null
                            ? LockLevel.NONE
                            : onItsTable(m) ? LockLevel.ACCESS_SHARE : COMMENT_OBJECT_LOCK;
            // Nothing writes a materialized view but REFRESH, so only a refresh waits for the
            // build.
            case INDEX_MATERIALIZED_VIEW ->
                    m.concurrently() ? LockLevel.SHARE_UPDATE_EXCLUSIVE : LockLevel.SHARE;
            // Checks every column of the domain under SHARE on each table; NOT VALID checks none.
            case ADD_DOMAIN_CONSTRAINT -> notValid(m.text()) ? LockLevel.NONE : LockLevel.SHARE;
            case LOCK_TABLE -> writtenLockMode(m.text());
            // Measured: the new table is nobody else's yet; AS reads its query's tables and LIKE
            // reads the definition of its source under ACCESS SHARE; PARTITION OF takes ACCESS
            // EXCLUSIVE on the parent (ATTACH PARTITION takes less).
            case CREATE_TABLE_AS, CREATE_TABLE_LIKE -> LockLevel.ACCESS_SHARE;
            case CREATE_PARTITION -> LockLevel.ACCESS_EXCLUSIVE;
            // On a partitioned table: the parent's own index, empty, no partition read; attaching a
            // partition's index takes ACCESS SHARE on both tables.
            case CREATE_INDEX_ON_ONLY -> LockLevel.SHARE;
            case ATTACH_INDEX_PARTITION -> LockLevel.ACCESS_SHARE;
            // setval writes the sequence (ROW EXCLUSIVE on it); a new domain, foreign table or
            // label
            // locks only itself or its type; DROP DATABASE locks another database.
            case SETVAL,
                    CREATE_DOMAIN,
                    DROP_DOMAIN_CONSTRAINT,
                    DROP_DOMAIN,
                    DROP_SCHEMA,
                    CREATE_FOREIGN_TABLE,
                    DROP_DATABASE,
                    RENAME_ENUM_VALUE ->
                    LockLevel.NONE;
        };
    }

    /**
     * What COMMENT ON locks the object it names with (measured, LintLocksOnPostgresTest): the
     * relation itself, or a constraint, trigger, type, function, ... as an object.
     */
    static final LockLevel COMMENT_OBJECT_LOCK = LockLevel.SHARE_UPDATE_EXCLUSIVE;

    private static final java.util.regex.Pattern COMMENT_ON_TABLE_OBJECT =
            java.util.regex.Pattern.compile(
                    "(?is)^\\s*COMMENT\\s+ON\\s+(?:CONSTRAINT|TRIGGER|RULE|POLICY)\\b");

    /**
     * A COMMENT ON an object named {@code name ON table} (a constraint, trigger, rule or policy):
     * the object is locked, its table only read.
     */
    static boolean onItsTable(Change.Maintenance m) {
        return COMMENT_ON_TABLE_OBJECT.matcher(m.text()).find();
    }

    private static final java.util.regex.Pattern LOCK_MODE =
            java.util.regex.Pattern.compile("(?is)\\bIN\\s+([A-Z ]+?)\\s+MODE\\b");

    /**
     * The mode a LOCK TABLE statement names; ACCESS EXCLUSIVE, PostgreSQL's default, when it names
     * none.
     */
    static LockLevel writtenLockMode(String text) {
        java.util.regex.Matcher m = LOCK_MODE.matcher(text);
        if (!m.find()) {
            return LockLevel.ACCESS_EXCLUSIVE;
        }
        String mode = m.group(1).strip().replaceAll("\\s+", "_").toUpperCase(java.util.Locale.ROOT);
        try {
            return LockLevel.valueOf(mode);
        } catch (IllegalArgumentException unknown) {
            return LockLevel.ACCESS_EXCLUSIVE;
        }
    }

    /** The statement ends in NOT VALID (ALTER DOMAIN ... ADD CONSTRAINT ... NOT VALID). */
    static boolean notValid(String text) {
        return text.strip()
                .replaceAll(";\\s*$", "")
                .replaceAll("\\s+", " ")
                .toUpperCase(java.util.Locale.ROOT)
                .endsWith("NOT VALID");
    }

    private static String materialized(boolean materialized) {
        return materialized ? "MATERIALIZED " : "";
    }
}
