package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.SchemaEdits;
import java.util.List;

/**
 * EP001: the fallback for changes PostgreSQL carries out as a brief catalog update, once no rule
 * found a hazard in them. The judge calls it only when every other rule stayed silent.
 */
public final class MetadataOnlyChange implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                            "metadata-only-change",
                            "EP001",
                            "Brief catalog update with no rewrite and no scan: the lock is held for milliseconds",
                            Safety.SAFE,
                            LockLevel.ACCESS_EXCLUSIVE)
                    .as(RuleInfo.Role.FALLBACK_BRIEF)
                    .with(RuleInfo.Trait.VALIDATION_READS_ROWS);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /**
     * Kinds that are a catalog update whenever no other rule fires on them. Kinds missing here
     * (identity changes, and every kind a rule always judges) fall to unjudged-change instead.
     */
    @Override
    public boolean appliesTo(Change.Kind kind) {
        return switch (kind) {
            case CREATE_TABLE,
                    SET_TABLE_COMMENT,
                    ADD_COLUMN,
                    ALTER_COLUMN_TYPE,
                    SET_NOT_NULL,
                    DROP_NOT_NULL,
                    SET_DEFAULT,
                    DROP_DEFAULT,
                    SET_COLUMN_COMMENT,
                    DROP_PRIMARY_KEY,
                    DROP_UNIQUE,
                    ADD_CHECK,
                    DROP_CHECK,
                    VALIDATE_CHECK,
                    ADD_FOREIGN_KEY,
                    VALIDATE_FOREIGN_KEY,
                    RENAME_INDEX,
                    CREATE_SEQUENCE,
                    DROP_SEQUENCE,
                    ALTER_SEQUENCE,
                    RENAME_SEQUENCE,
                    CREATE_ENUM,
                    DROP_ENUM,
                    ADD_ENUM_VALUE,
                    CREATE_VIEW,
                    DROP_VIEW,
                    REPLACE_VIEW,
                    RENAME_VIEW,
                    MAINTENANCE,
                    CREATE_EXTENSION,
                    CREATE_OBJECT,
                    ALTER_OBJECT,
                    DROP_OBJECT,
                    ALTER_IDENTITY ->
                    true;
            case DROP_EXTENSION,
                    DROP_TABLE,
                    RENAME_TABLE,
                    DROP_COLUMN,
                    RENAME_COLUMN,
                    ADD_PRIMARY_KEY,
                    ADD_UNIQUE,
                    DROP_FOREIGN_KEY,
                    CREATE_INDEX,
                    DROP_INDEX,
                    DATA_CHANGE ->
                    false;
            // Only a named schema created or dropped (see brief).
            case OPAQUE -> true;
        };
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!appliesTo(change.kind()) || !brief(change, context)) {
            return List.of();
        }
        LockLevel lock = PlainStatement.lock(change, context.pgVersion());
        String what =
                PlainStatement.label(change) + " " + detail(change, lock, context.pgVersion());
        if (change instanceof Change.AlterColumnType alter
                && TypeChange.binaryCompatibleReason(alter.from(), alter.to(), alter.using())
                        == null) {
            what =
                    PlainStatement.label(change)
                            + " "
                            + LockPhrase.takes(
                                    lock, PlainStatement.target(change), LockPhrase.BRIEF)
                            + ": "
                            + TypeChange.utcReason(alter, context)
                            + ", so no row is rewritten or checked";
        }
        FindingBuilder finding = FindingBuilder.of(INFO, change, context);
        if (change instanceof Change.RenameIndex rename) {
            // ALTER INDEX ... RENAME locks the index itself; its table stays unlocked.
            finding.table(rename.table().sibling(rename.from()));
        }
        SchemaEdits.Owner newOwner = null;
        if (change instanceof Change.AlterSequence alter) {
            // ALTER SEQUENCE locks the sequence itself; OWNED BY also reads the owning table.
            finding.table(alter.to().name());
            newOwner = alter.ownerChanges() ? SchemaEdits.Owner.of(alter.to()) : null;
        }
        String fix =
                lock.blocksWrites()
                        ? "Nothing to stage: run it with a short lock_timeout and retry if the lock is not granted in time"
                        : "Nothing to stage: run it as is";
        Finding main = finding.lock(lock).what(what).why(why(change, lock)).fix(fix).build();
        if (newOwner == null) {
            return List.of(main);
        }
        // Measured on 14, 16, 18 (LintLocksOnPostgresTest): OWNED BY t.c takes ACCESS SHARE on
        // t while it records the dependency; it waits only behind an ACCESS EXCLUSIVE lock on t.
        Finding owner =
                FindingBuilder.of(INFO, change, context)
                        .table(newOwner.table())
                        .lock(LockLevel.ACCESS_SHARE)
                        .what(
                                PlainStatement.label(change)
                                        + " "
                                        + LockPhrase.takes(
                                                LockLevel.ACCESS_SHARE,
                                                newOwner.table().toString(),
                                                "while it records that "
                                                        + newOwner.table()
                                                        + "."
                                                        + newOwner.column()
                                                        + " owns the sequence")
                                        + ": it waits only behind an ACCESS EXCLUSIVE lock on "
                                        + newOwner.table())
                        .why("Only the catalog changes; reads and writes of the table go on")
                        .fix("Nothing to stage: run it as is")
                        .build();
        return List.of(main, owner);
    }

    /**
     * Whether this change of a kind that is usually brief really is: the same conditions under
     * which the hazard rules stay silent, repeated here so that this rule never calls a rewrite or
     * a scan safe even when it is asked directly.
     */
    private static boolean brief(Change change, JudgeContext context) {
        int pg = context.pgVersion();
        if (change instanceof Change.AddColumn add) {
            return !AddColumnVolatileDefaultRewrites.applies(add.column())
                    && !AddColumnDefaultRewritesBeforePg11.applies(add.column(), pg)
                    && !AddColumnNotNullWithoutDefaultFails.applies(add.column())
                    && !AddColumnIdentityOrGeneratedRewrites.applies(add.column());
        }
        if (change instanceof Change.AlterColumnType alter) {
            return (TypeChange.binaryCompatibleReason(alter.from(), alter.to(), alter.using())
                                    != null
                            || TypeChange.utcReason(alter, context) != null)
                    && ChangeColumnTypeRewrites.indexesRebuiltForCollation(alter, context)
                            .isEmpty();
        }
        if (change instanceof Change.AlterIdentity identity) {
            return identityBrief(identity);
        }
        if (change instanceof Change.SetNotNull set) {
            return pg >= 12
                    && SetNotNullScansTable.provenByCheck(
                            context.before().table(set.table()), set.column());
        }
        if (change instanceof Change.AddCheck check) {
            return !check.constraint().validated();
        }
        if (change instanceof Change.AddForeignKey fk) {
            return !fk.foreignKey().validated();
        }
        if (change instanceof Change.Maintenance m) {
            return setting(m.operation());
        }
        if (change instanceof Change.Opaque opaque) {
            // A schema created, or dropped once empty (PostgreSQL refuses DROP SCHEMA without
            // CASCADE while anything is in it); every other opaque change is unread SQL.
            return opaque.schema() != null;
        }
        if (change instanceof Change.AddEnumValue) {
            return pg >= 12 || context.mode() == Mode.AS_PLANNED || !context.inTransaction();
        }
        return true;
    }

    /**
     * The maintenance statements that are a catalog update (or, VACUUM and ANALYZE, a read of the
     * table under SHARE UPDATE EXCLUSIVE, which reads and writes pass); the others rebuild.
     */
    static boolean setting(Change.Maintenance.Operation op) {
        return switch (op) {
            case VACUUM,
                    ANALYZE,
                    SET_STATISTICS,
                    SET_STORAGE,
                    SET_ATTRIBUTE_OPTIONS,
                    SET_COMPRESSION,
                    CLUSTER_ON,
                    SET_WITHOUT_CLUSTER,
                    SET_WITHOUT_OIDS,
                    SET_PARAMETERS,
                    TRIGGER_STATE,
                    REPLICA_IDENTITY,
                    OWNER_TO,
                    SEQUENCE_RESTART,
                    IDENTITY_RESTART ->
                    true;
            // Statements with a known lock but no model fact are known-lock-statement's.
            case VACUUM_FULL,
                    CLUSTER,
                    SET_LOGGED,
                    SET_UNLOGGED,
                    SET_ACCESS_METHOD,
                    REINDEX,
                    REFRESH_MATERIALIZED_VIEW,
                    CREATE_STATISTICS,
                    DROP_STATISTICS,
                    ALTER_CONSTRAINT,
                    SETVAL,
                    LOCK_TABLE,
                    CREATE_DOMAIN,
                    ADD_DOMAIN_CONSTRAINT,
                    DROP_DOMAIN_CONSTRAINT,
                    DROP_DOMAIN,
                    DROP_SCHEMA,
                    CREATE_FOREIGN_TABLE,
                    CREATE_TABLE_AS,
                    CREATE_TABLE_LIKE,
                    CREATE_PARTITION,
                    CREATE_INDEX_ON_ONLY,
                    ATTACH_INDEX_PARTITION,
                    DROP_DATABASE,
                    RENAME_ENUM_VALUE,
                    INDEX_MATERIALIZED_VIEW,
                    CREATE_FUNCTION,
                    CREATE_PROCEDURE,
                    CREATE_TRIGGER,
                    DROP_TRIGGER,
                    DROP_FUNCTION,
                    DROP_PROCEDURE,
                    ALTER_FUNCTION,
                    RENAME_ROUTINE,
                    RENAME_TRIGGER,
                    CREATE_POLICY,
                    ALTER_POLICY,
                    DROP_POLICY,
                    ROW_LEVEL_SECURITY,
                    COMMENT ->
                    false;
        };
    }

    private static String maintenanceDetail(Change.Maintenance m, LockLevel lock) {
        String on = m.table() == null ? "every table" : m.table().toString();
        return switch (m.operation()) {
            case VACUUM ->
                    LockPhrase.takes(lock, on, LockPhrase.WHOLE_SCAN)
                            + ": it reclaims dead rows for reuse and"
                            + " ordinary reads and writes go on";
            case ANALYZE ->
                    LockPhrase.takes(lock, on, "while it samples rows")
                            + ": it refreshes the planner's"
                            + " statistics and ordinary reads and writes go on";
            // RESTART writes the sequence's one row into a new file (a new relfilenode): brief, but
            // a rewrite.
            case SEQUENCE_RESTART ->
                    LockPhrase.takes(
                                    lock,
                                    "the sequence " + on,
                                    "while it writes the sequence's one" + " row anew")
                            + ": nextval() on it (every insert that takes a value from it) waits meanwhile";
            // The table's rows stay as they are; the identity's sequence gets its one row anew
            // under SHARE ROW EXCLUSIVE (measured on 14, 16, 18).
            case IDENTITY_RESTART ->
                    LockPhrase.takes(lock, on, LockPhrase.BRIEF)
                            + ": no row of the table is read or rewritten; the identity's sequence"
                            + " starts again from the value given (its START when none is), so"
                            + " values already in the column may be handed out again";
            case TRIGGER_STATE ->
                    LockPhrase.takes(lock, on, LockPhrase.BRIEF) + ": it blocks writes while held";
            case SET_STATISTICS,
                    SET_STORAGE,
                    SET_ATTRIBUTE_OPTIONS,
                    CLUSTER_ON,
                    SET_WITHOUT_CLUSTER,
                    SET_PARAMETERS,
                    REPLICA_IDENTITY,
                    OWNER_TO ->
                    LockPhrase.takes(lock, on, LockPhrase.BRIEF)
                            + ": only the catalog changes, no row is rewritten";
            case SET_COMPRESSION ->
                    LockPhrase.takes(lock, on, LockPhrase.BRIEF)
                            + ": only the catalog changes, no row is rewritten; values already"
                            + " stored keep their compression, only values written later use the new one";
            case SET_WITHOUT_OIDS ->
                    LockPhrase.takes(lock, on, LockPhrase.BRIEF)
                            + ": it changes nothing (tables have had no OID column since"
                            + " PostgreSQL 12) and is accepted for compatibility only";
            case VACUUM_FULL,
                    CLUSTER,
                    SET_LOGGED,
                    SET_UNLOGGED,
                    SET_ACCESS_METHOD,
                    REINDEX,
                    REFRESH_MATERIALIZED_VIEW,
                    CREATE_STATISTICS,
                    DROP_STATISTICS,
                    ALTER_CONSTRAINT,
                    SETVAL,
                    LOCK_TABLE,
                    CREATE_DOMAIN,
                    ADD_DOMAIN_CONSTRAINT,
                    DROP_DOMAIN_CONSTRAINT,
                    DROP_DOMAIN,
                    DROP_SCHEMA,
                    CREATE_FOREIGN_TABLE,
                    CREATE_TABLE_AS,
                    CREATE_TABLE_LIKE,
                    CREATE_PARTITION,
                    CREATE_INDEX_ON_ONLY,
                    ATTACH_INDEX_PARTITION,
                    DROP_DATABASE,
                    RENAME_ENUM_VALUE,
                    INDEX_MATERIALIZED_VIEW,
                    CREATE_FUNCTION,
                    CREATE_PROCEDURE,
                    CREATE_TRIGGER,
                    DROP_TRIGGER,
                    DROP_FUNCTION,
                    DROP_PROCEDURE,
                    ALTER_FUNCTION,
                    RENAME_ROUTINE,
                    RENAME_TRIGGER,
                    CREATE_POLICY,
                    ALTER_POLICY,
                    DROP_POLICY,
                    ROW_LEVEL_SECURITY,
                    COMMENT ->
                    LockPhrase.takes(lock, on, LockPhrase.BRIEF);
        };
    }

    private static String detail(Change change, LockLevel lock, int pgVersion) {
        String brief = LockPhrase.takes(lock, PlainStatement.target(change), LockPhrase.BRIEF);
        return switch (change.kind()) {
            case CREATE_TABLE -> "creates a new table: no existing table is locked";
            case CREATE_OBJECT, ALTER_OBJECT, DROP_OBJECT -> objectDetail(change, lock);
            case CREATE_SEQUENCE, CREATE_ENUM ->
                    "creates a new object: no existing table is locked";
            case CREATE_EXTENSION ->
                    "installs its objects: no table is locked; the extension's files must be"
                            + " installed on the server (on a managed service: allowed by it), or the statement fails";
            case DROP_ENUM -> "removes a type no column uses any more: no table is locked";
            case ADD_ENUM_VALUE ->
                    "adds a label to the type only: it takes an EXCLUSIVE lock on the type and"
                            + " none on any table, and no row is touched";
            case CREATE_VIEW ->
                    "stores a query: its tables get an ACCESS SHARE lock, which blocks nothing "
                            + "but ACCESS EXCLUSIVE";
            case ADD_COLUMN ->
                    brief
                            + ": the column is nullable or its default is stored in the catalog"
                            + " (PostgreSQL 11+), so no row is rewritten";
            case ALTER_COLUMN_TYPE -> {
                Change.AlterColumnType t = (Change.AlterColumnType) change;
                yield brief
                        + ": "
                        + t.from().sql()
                        + " to "
                        + t.to().sql()
                        + " is binary-compatible ("
                        + TypeChange.binaryCompatibleReason(t.from(), t.to(), t.using())
                        + "), so no row is rewritten or checked"
                        + (t.collationChanges()
                                ? "; the collation changes and no index uses the column, so"
                                        + " no index is built again"
                                : "");
            }
            case SET_NOT_NULL ->
                    brief
                            + ": a validated CHECK (... IS NOT NULL) already proves there are no "
                            + "NULLs, so PostgreSQL 12+ skips the scan";
            case ADD_CHECK -> brief + ": NOT VALID skips checking existing rows";
            case ADD_FOREIGN_KEY ->
                    LockPhrase.takes(
                                    lock,
                                    change.table()
                                            + " and on "
                                            + ((Change.AddForeignKey) change).foreignKey().target(),
                                    LockPhrase.BRIEF)
                            + ": NOT VALID skips checking existing rows";
            case VALIDATE_CHECK ->
                    LockPhrase.takes(lock, PlainStatement.target(change), LockPhrase.WHOLE_SCAN);
            case VALIDATE_FOREIGN_KEY ->
                    LockPhrase.takes(lock, PlainStatement.target(change), LockPhrase.WHOLE_SCAN)
                            + "; the referenced table "
                            + ((Change.ValidateForeignKey) change).foreignKey().target()
                            + " gets only ROW SHARE";
            case RENAME_INDEX ->
                    LockPhrase.takes(lock, "the index", LockPhrase.BRIEF)
                            + (pgVersion >= 12
                                    ? ""
                                    : " (PostgreSQL 10 and 11; 12+ takes only SHARE UPDATE EXCLUSIVE)");
            case SET_TABLE_COMMENT,
                    DROP_NOT_NULL,
                    SET_DEFAULT,
                    DROP_DEFAULT,
                    SET_COLUMN_COMMENT,
                    DROP_PRIMARY_KEY,
                    DROP_UNIQUE,
                    DROP_CHECK,
                    DROP_SEQUENCE,
                    ALTER_SEQUENCE,
                    RENAME_SEQUENCE,
                    DROP_VIEW,
                    REPLACE_VIEW,
                    RENAME_VIEW ->
                    brief;
            case MAINTENANCE -> maintenanceDetail((Change.Maintenance) change, lock);
            case ALTER_IDENTITY ->
                    brief
                            + " (and SHARE ROW EXCLUSIVE on its identity sequence)"
                            + ": the identity's kind and its sequence's options are catalog entries;"
                            + " no row is read or written and the sequence's next value stays";
            case DROP_TABLE,
                    RENAME_TABLE,
                    DROP_COLUMN,
                    RENAME_COLUMN,
                    ADD_PRIMARY_KEY,
                    ADD_UNIQUE,
                    DROP_FOREIGN_KEY,
                    CREATE_INDEX,
                    DROP_INDEX,
                    DATA_CHANGE,
                    OPAQUE,
                    DROP_EXTENSION ->
                    brief;
        };
    }

    private static String why(Change change, LockLevel lock) {
        return switch (change.kind()) {
            case VALIDATE_CHECK, VALIDATE_FOREIGN_KEY ->
                    "The scan is long on a big table but reads and writes go on during it";
            case DROP_VIEW ->
                    "Only the catalog changes; running code that still reads the view fails once it is gone";
            case DROP_SEQUENCE ->
                    catalogOnly(lock)
                            + "; but the sequence's current value is lost for good: a"
                            + " sequence created again starts over and hands out numbers already used";
            case DROP_PRIMARY_KEY, DROP_UNIQUE ->
                    catalogOnly(lock)
                            + "; the constraint's unique index goes with it:"
                            + " duplicates are accepted from then on, and queries that found rows through the index scan the table";
            case ADD_ENUM_VALUE ->
                    "Only the type changes; inside a transaction the new label cannot be used "
                            + "before that transaction commits";
            case CREATE_TABLE,
                    SET_TABLE_COMMENT,
                    ADD_COLUMN,
                    ALTER_COLUMN_TYPE,
                    SET_NOT_NULL,
                    DROP_NOT_NULL,
                    SET_DEFAULT,
                    DROP_DEFAULT,
                    SET_COLUMN_COMMENT,
                    ADD_CHECK,
                    DROP_CHECK,
                    ADD_FOREIGN_KEY,
                    RENAME_INDEX,
                    CREATE_SEQUENCE,
                    ALTER_SEQUENCE,
                    RENAME_SEQUENCE,
                    CREATE_ENUM,
                    DROP_ENUM,
                    CREATE_VIEW,
                    REPLACE_VIEW,
                    RENAME_VIEW,
                    DROP_TABLE,
                    RENAME_TABLE,
                    DROP_COLUMN,
                    RENAME_COLUMN,
                    ALTER_IDENTITY,
                    ADD_PRIMARY_KEY,
                    ADD_UNIQUE,
                    DROP_FOREIGN_KEY,
                    CREATE_INDEX,
                    DROP_INDEX,
                    DATA_CHANGE,
                    MAINTENANCE,
                    OPAQUE,
                    CREATE_EXTENSION,
                    DROP_EXTENSION,
                    CREATE_OBJECT,
                    ALTER_OBJECT,
                    DROP_OBJECT ->
                    catalogOnly(lock);
        };
    }

    /**
     * An identity kept on both sides whose change cannot fail on existing values or break running
     * code: ALWAYS to BY DEFAULT, and sequence options that neither raise the minimum, lower the
     * maximum nor turn the step around (PostgreSQL refuses those when the sequence's current value
     * falls outside, measured on 14, 16 and 18). BY DEFAULT to ALWAYS refuses the explicit values
     * running code may insert; adding or dropping an identity is staged by its own plan. All of
     * those stay for review.
     */
    static boolean identityBrief(Change.AlterIdentity c) {
        if (c.from() == dev.evoplan.model.IdentityKind.NONE
                || c.to() == dev.evoplan.model.IdentityKind.NONE
                || (c.from() == dev.evoplan.model.IdentityKind.BY_DEFAULT
                        && c.to() == dev.evoplan.model.IdentityKind.ALWAYS)) {
            return false;
        }
        return !c.fromOptions().narrowedBy(c.toOptions());
    }

    /** What a routine, trigger, policy or row-security change locks and what it changes. */
    private static String objectDetail(Change change, LockLevel lock) {
        dev.evoplan.model.SchemaObject o = Change.objectOf(change);
        String on = o.table() == null ? "any table" : o.table().toString();
        return switch (o.kind()) {
            case ROUTINE ->
                    "locks no table: the routine's code runs only when it is called"
                            + (change.kind() == Change.Kind.DROP_OBJECT
                                    ? ", and PostgreSQL refuses the drop while a trigger, default or view uses it"
                                    : "");
            case TRIGGER ->
                    LockPhrase.takes(lock, on, LockPhrase.BRIEF)
                            + (change.kind() == Change.Kind.DROP_OBJECT
                                    ? ": writes no longer run the trigger's function"
                                    : ": from then on every write it names runs the trigger's function");
            case TABLE_GRANT ->
                    LockPhrase.takes(lock, on, LockPhrase.BRIEF)
                            + ": from then on "
                            + ((dev.evoplan.model.TableGrant) o).grantee()
                            + (change.kind() == Change.Kind.DROP_OBJECT
                                    ? " can no longer "
                                    : " can ")
                            + ((dev.evoplan.model.TableGrant) o)
                                    .privilege()
                                    .toLowerCase(java.util.Locale.ROOT)
                            + " on "
                            + on
                            + " (a grant to a role the database lacks fails: roles are yours to create)";
            case POLICY, ROW_SECURITY ->
                    LockPhrase.takes(lock, on, LockPhrase.BRIEF)
                            + ": from then on the policies decide which rows each role sees and writes";
            case MATERIALIZED_VIEW_INDEX ->
                    change.kind() == Change.Kind.DROP_OBJECT
                            ? LockPhrase.takes(lock, on, LockPhrase.BRIEF)
                            : LockPhrase.takes(lock, on, LockPhrase.WHOLE_BUILD)
                                    + ": reads of the view go on, a REFRESH waits";
            case PARTITION ->
                    LockPhrase.takes(lock, on, LockPhrase.BRIEF)
                            + " (a DEFAULT partition, if any, is scanned under it for rows the new"
                            + " bound claims); the new partition gets the parent's indexes, keys"
                            + " and triggers as it is created";
            case REPLICA_IDENTITY ->
                    LockPhrase.takes(lock, on, LockPhrase.BRIEF)
                            + ": only the catalog changes; from then on updates and deletes write"
                            + " the row identity it names to the WAL for logical replication";
            case STORAGE_PARAMETERS ->
                    LockPhrase.takes(lock, on, LockPhrase.BRIEF)
                            + ": only the catalog changes, no row is rewritten (a new fillfactor"
                            + " applies to pages written from then on)";
        };
    }

    private static String catalogOnly(LockLevel lock) {
        return lock.blocksWrites()
                ? "Only the catalog changes, so the lock is held for milliseconds; while it waits for "
                        + "running queries, everything queued behind it waits too"
                : "Only the catalog changes and ordinary reads and writes go on";
    }
}
