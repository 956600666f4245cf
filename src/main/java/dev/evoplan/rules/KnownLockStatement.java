package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.Change.Maintenance.Operation;
import java.util.List;

/**
 * EP005: statements the model does not hold but whose lock PostgreSQL was measured to take
 * (CREATE/DROP STATISTICS, ALTER CONSTRAINT ... DEFERRABLE, setval, LOCK TABLE, domains without a
 * scan, CREATE FOREIGN TABLE): a catalog update or a sequence write, judged by that lock instead of
 * being handed to a person unread.
 */
public final class KnownLockStatement implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "known-lock-statement",
                    "EP005",
                    "A statement evoplan does not model but whose lock is known: no rewrite, no scan",
                    Safety.SAFE,
                    LockLevel.SHARE_UPDATE_EXCLUSIVE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.MAINTENANCE;
    }

    /** The operations this rule judges; the others have hazard rules of their own. */
    static boolean judges(Change.Maintenance m) {
        return switch (m.operation()) {
            case CREATE_STATISTICS,
                    DROP_STATISTICS,
                    ALTER_CONSTRAINT,
                    SETVAL,
                    LOCK_TABLE,
                    CREATE_DOMAIN,
                    DROP_DOMAIN_CONSTRAINT,
                    DROP_DOMAIN,
                    DROP_SCHEMA,
                    CREATE_FOREIGN_TABLE,
                    CREATE_TABLE_AS,
                    CREATE_TABLE_LIKE,
                    CREATE_PARTITION,
                    CREATE_INDEX_ON_ONLY,
                    ATTACH_INDEX_PARTITION,
                    INDEX_MATERIALIZED_VIEW,
                    CREATE_FUNCTION,
                    CREATE_PROCEDURE,
                    CREATE_TRIGGER,
                    DROP_TRIGGER,
                    ALTER_FUNCTION,
                    RENAME_TRIGGER,
                    CREATE_POLICY,
                    ALTER_POLICY,
                    DROP_POLICY,
                    ROW_LEVEL_SECURITY,
                    COMMENT ->
                    true;
            case ADD_DOMAIN_CONSTRAINT -> PlainStatement.notValid(m.text());
            // Settings are metadata-only-change's; the others have hazard rules of their own.
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
                    IDENTITY_RESTART,
                    VACUUM_FULL,
                    CLUSTER,
                    SET_LOGGED,
                    SET_UNLOGGED,
                    SET_ACCESS_METHOD,
                    REINDEX,
                    REFRESH_MATERIALIZED_VIEW,
                    DROP_DATABASE,
                    RENAME_ENUM_VALUE,
                    DROP_FUNCTION,
                    DROP_PROCEDURE,
                    RENAME_ROUTINE ->
                    false;
        };
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.Maintenance m) || !judges(m)) {
            return List.of();
        }
        LockLevel lock = PlainStatement.maintenanceLock(m);
        String on = m.table() == null ? "any table" : m.table().toString();
        String what =
                switch (m.operation()) {
                    case CREATE_STATISTICS ->
                            m.summary()
                                    + " "
                                    + LockPhrase.takes(lock, on, LockPhrase.BRIEF)
                                    + "; the statistics are gathered later by ANALYZE, not now";
                    case DROP_STATISTICS ->
                            m.summary()
                                    + " "
                                    + LockPhrase.takes(
                                            lock,
                                            "the table of the statistics object",
                                            LockPhrase.BRIEF);
                    case ALTER_CONSTRAINT ->
                            m.summary()
                                    + " "
                                    + LockPhrase.takes(lock, on, LockPhrase.BRIEF)
                                    + ": only the constraint's deferral changes, no row is checked";
                    case SETVAL ->
                            "setval/nextval writes the sequence only; no table is locked beyond a read";
                    case LOCK_TABLE ->
                            m.summary()
                                    + " "
                                    + LockPhrase.takes(lock, on, "as written")
                                    + ", and holds it until the transaction ends: every statement after it in the transaction"
                                    + " runs under it";
                    case CREATE_DOMAIN -> "CREATE DOMAIN creates a new type: no table is locked";
                    case ADD_DOMAIN_CONSTRAINT ->
                            "ALTER DOMAIN ... ADD CONSTRAINT ... NOT VALID checks no existing column:"
                                    + " no table is locked or scanned";
                    case DROP_DOMAIN_CONSTRAINT ->
                            "ALTER DOMAIN ... DROP CONSTRAINT changes the type only: no table is locked";
                    case DROP_DOMAIN ->
                            "DROP DOMAIN (without CASCADE) removes a type no column uses: no table is locked";
                    case DROP_SCHEMA ->
                            "DROP SCHEMA (without CASCADE) removes an empty schema: PostgreSQL refuses"
                                    + " it while anything is left in it, and no table is locked";
                    case INDEX_MATERIALIZED_VIEW ->
                            m.summary()
                                    + " "
                                    + LockPhrase.takes(lock, on, LockPhrase.WHOLE_BUILD)
                                    + "; reads of the view go on, and only a REFRESH waits for it";
                    case CREATE_TABLE_AS ->
                            "CREATE TABLE ... AS a query reading "
                                    + on
                                    + ": the new table is nobody else's until COMMIT; the query "
                                    + LockPhrase.takes(lock, on, "for the whole copy")
                                    + " (and on every other table it reads): reads and writes go on,"
                                    + " only DDL on them waits";
                    case CREATE_TABLE_LIKE ->
                            "CREATE TABLE ... (LIKE "
                                    + on
                                    + "): the new table is nobody else's until COMMIT; copying the"
                                    + " definition "
                                    + LockPhrase.takes(lock, on, LockPhrase.BRIEF);
                    case CREATE_INDEX_ON_ONLY ->
                            m.summary()
                                    + " "
                                    + LockPhrase.takes(lock, on, LockPhrase.BRIEF)
                                    + ": the partitioned table's own index, empty and invalid until"
                                    + " every partition's index is attached; no partition is read";
                    case ATTACH_INDEX_PARTITION ->
                            m.summary()
                                    + " "
                                    + LockPhrase.takes(lock, on, LockPhrase.BRIEF)
                                    + "; the partition's table takes the same lock";
                    case CREATE_PARTITION ->
                            m.summary()
                                    + " "
                                    + LockPhrase.takes(lock, on, LockPhrase.BRIEF)
                                    + " (a DEFAULT partition, if any, is scanned under it for rows"
                                    + " the new bound claims)";
                    case CREATE_FOREIGN_TABLE ->
                            "CREATE FOREIGN TABLE creates a new table whose rows live elsewhere:"
                                    + " no existing table is locked";
                    case CREATE_FUNCTION, CREATE_PROCEDURE ->
                            m.summary()
                                    + " defines code and locks no table; what it does"
                                    + " runs only when it is called (a call in a migration is judged where it is written)";
                    case CREATE_TRIGGER ->
                            m.summary()
                                    + " "
                                    + LockPhrase.takes(lock, on, LockPhrase.BRIEF)
                                    + "; from then on the trigger's function runs on every write it names";
                    case DROP_TRIGGER, RENAME_TRIGGER ->
                            m.summary() + " " + LockPhrase.takes(lock, on, LockPhrase.BRIEF);
                    case ALTER_FUNCTION ->
                            m.summary()
                                    + " changes the routine's name, owner or settings and locks no table";
                    case CREATE_POLICY, ALTER_POLICY, DROP_POLICY ->
                            m.summary()
                                    + " "
                                    + LockPhrase.takes(lock, on, LockPhrase.BRIEF)
                                    + "; from then on the rows a role sees or writes follow the policies";
                    case ROW_LEVEL_SECURITY ->
                            m.summary()
                                    + " "
                                    + LockPhrase.takes(lock, on, LockPhrase.BRIEF)
                                    + "; from then on the table's policies decide which rows a role sees";
                    case COMMENT -> comment(m, lock);
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
                            IDENTITY_RESTART,
                            VACUUM_FULL,
                            CLUSTER,
                            SET_LOGGED,
                            SET_UNLOGGED,
                            SET_ACCESS_METHOD,
                            REINDEX,
                            REFRESH_MATERIALIZED_VIEW,
                            DROP_DATABASE,
                            RENAME_ENUM_VALUE,
                            DROP_FUNCTION,
                            DROP_PROCEDURE,
                            RENAME_ROUTINE ->
                            m.summary();
                };
        FindingBuilder finding = FindingBuilder.of(INFO, change, context).lock(lock).what(what);
        if (m.operation() == Operation.INDEX_MATERIALIZED_VIEW) {
            return finding.why(
                            "Nothing writes a materialized view but REFRESH MATERIALIZED VIEW, which waits until the build"
                                    + " is done; reads of the view go on")
                    .fix("Nothing to stage: run it outside the window of a scheduled refresh")
                    .list();
        }
        if (m.operation() == Operation.CREATE_PARTITION) {
            dev.evoplan.model.QualifiedName scanned = defaultPartition(m, context);
            if (scanned != null) {
                return defaultPartitionScanned(m, context, lock, scanned);
            }
            return finding.why(
                            "Only the catalog changes, but "
                                    + lock.sqlName()
                                    + " on the parent waits for every running"
                                    + " query on it and blocks all reads and writes queued behind it")
                    .fix(
                            context.pgVersion() >= 12
                                    ? "Create the table alone, add a CHECK matching the bound (NOT VALID, then"
                                            + " VALIDATE), then ALTER TABLE parent ATTACH PARTITION: from PostgreSQL 12"
                                            + " the parent takes only SHARE UPDATE EXCLUSIVE and the matching CHECK"
                                            + " spares the scan; or run it with a short lock_timeout"
                                    // Before 12 ATTACH PARTITION takes ACCESS EXCLUSIVE on the
                                    // parent too: staging it gains nothing.
                                    : "Run it with a short lock_timeout and retry: before PostgreSQL 12"
                                            + " ATTACH PARTITION takes ACCESS EXCLUSIVE on the parent as well")
                    .list();
        }
        if (m.operation() == Operation.CREATE_TABLE_AS) {
            return finding.why(
                            lock.sqlName()
                                    + " conflicts only with "
                                    + lock.conflicts().stream()
                                            .map(LockLevel::sqlName)
                                            .collect(java.util.stream.Collectors.joining(", "))
                                    + ": the copy may take long, but"
                                    + " reads and writes of the tables it reads go on")
                    .fix(
                            "Nothing to stage: rows written to the sources during the copy are not in the new"
                                    + " table; copy again or backfill them if that matters")
                    .list();
        }
        if (m.operation() == Operation.LOCK_TABLE) {
            return finding.why(
                            lock.blocksWrites()
                                    ? "The lock is granted at once when nothing holds a conflicting one, but it blocks "
                                            + lock.blocksDescription()
                                            + " on "
                                            + on
                                            + " until COMMIT: keep the transaction after it short"
                                    : "Ordinary reads and writes go on while it is held")
                    .fix(
                            "Take the lock only in a transaction that does brief work after it, with a short lock_timeout")
                    .list();
        }
        return finding.why(
                        lock.blocksWrites()
                                ? "Only the catalog changes, so the lock is held for milliseconds; while it waits for"
                                        + " running queries, everything queued behind it waits too"
                                : "Only the catalog or the sequence changes and ordinary reads and writes go on")
                .fix(
                        lock.blocksWrites()
                                ? "Nothing to stage: run it with a short lock_timeout and retry if the lock is not granted in time"
                                : "Nothing to stage: run it as is")
                .list();
    }

    /**
     * COMMENT ON takes {@link PlainStatement#COMMENT_OBJECT_LOCK} on what it names: on the relation
     * itself (an index, a view, a sequence; not an index's table); on a constraint, trigger, rule
     * or policy as an object, reading its table under ACCESS SHARE; and on nothing but the object
     * for a type, a function, an extension or a schema.
     */
    private static String comment(Change.Maintenance m, LockLevel lock) {
        String head = m.summary();
        String onObject =
                " takes " + PlainStatement.COMMENT_OBJECT_LOCK.sqlName() + " on that object";
        if (m.table() == null) {
            return head + onObject + " only and locks no table; only the catalog changes";
        }
        String table = LockPhrase.takes(lock, m.table().toString(), LockPhrase.BRIEF);
        return PlainStatement.onItsTable(m)
                ? head + onObject + " and " + table.substring("takes ".length())
                : head + " " + table;
    }

    /** The DEFAULT partition of the parent a CREATE TABLE ... PARTITION OF names, or null. */
    private static dev.evoplan.model.QualifiedName defaultPartition(
            Change.Maintenance m, JudgeContext context) {
        if (m.table() == null || context.before() == null) {
            return null;
        }
        dev.evoplan.model.Table parent = context.before().tables().get(m.table());
        return parent == null || !parent.partitioned()
                ? null
                : parent.partitioning().defaultPartition();
    }

    /**
     * With a DEFAULT partition, PostgreSQL scans it under ACCESS EXCLUSIVE to prove no row belongs
     * to the new bound (measured, LintLocksOnPostgresTest): a scan under the strongest lock, judged
     * by the default partition's size like any other.
     */
    private static List<Finding> defaultPartitionScanned(
            Change.Maintenance m,
            JudgeContext context,
            LockLevel lock,
            dev.evoplan.model.QualifiedName scanned) {
        TableSize size = TableSize.of(scanned, context);
        return FindingBuilder.of(INFO, m, context)
                .lock(lock)
                .sized(size)
                .what(
                        m.summary()
                                + " "
                                + LockPhrase.takes(lock, m.table().toString(), LockPhrase.BRIEF)
                                + ", and "
                                + LockPhrase.takes(
                                        LockLevel.ACCESS_EXCLUSIVE,
                                        scanned + ", the DEFAULT partition,",
                                        "for the whole scan of it")
                                + ": PostgreSQL reads every row of "
                                + scanned
                                + " to prove none belongs to the new partition")
                .why(
                        "Nothing can read or write "
                                + scanned
                                + " (rows of "
                                + m.table()
                                + " outside every other partition) until the scan ends, and the"
                                + " parent's lock queues every query of "
                                + m.table()
                                + " behind it"
                                + size.smallClause())
                .fix(
                        "Add to "
                                + scanned
                                + " a CHECK constraint that excludes the new bound (NOT VALID, then VALIDATE, which"
                                + " scans under SHARE UPDATE EXCLUSIVE while reads and writes go on); create the new"
                                + " table standalone with a CHECK matching its bound; then ALTER TABLE "
                                + m.table()
                                + " ATTACH PARTITION: the constraints spare both scans"
                                + (context.pgVersion() >= 12
                                        ? " and the parent takes only SHARE UPDATE EXCLUSIVE"
                                        : ""))
                .list();
    }
}
