package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/**
 * EP217: VACUUM FULL, CLUSTER and ALTER TABLE SET LOGGED / SET UNLOGGED write a new copy of the
 * whole table (and rebuild its indexes) under ACCESS EXCLUSIVE: nothing reads or writes the table
 * until the copy is done.
 */
public final class TableRewriteStatement implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                            "table-rewrite-statement",
                            "EP217",
                            "VACUUM FULL, CLUSTER, SET LOGGED/UNLOGGED or SET ACCESS METHOD rewrites the whole table under an ACCESS EXCLUSIVE lock",
                            Safety.DOWNTIME,
                            LockLevel.ACCESS_EXCLUSIVE)
                    .with(RuleInfo.Trait.SCANS_OR_REWRITES);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.MAINTENANCE;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.Maintenance m)) {
            return List.of();
        }
        Change.Maintenance.Operation op = m.operation();
        if (!rewrites(op)) {
            return List.of();
        }
        String on = m.table() == null ? "every table it applies to" : m.table().toString();
        TableSize size = TableSize.of(m.table(), context);
        FindingBuilder finding = FindingBuilder.of(INFO, change, context).sized(size);
        if (m.table() == null) {
            finding.sizeNote("no table named: every table it applies to, each assumed large");
        }
        // VACUUM refuses to run in a transaction block at all; CLUSTER only in its every-table
        // form.
        boolean refused =
                ConcurrentlyInTransaction.knownInTransaction(context)
                        && (op == Change.Maintenance.Operation.VACUUM_FULL
                                || (op == Change.Maintenance.Operation.CLUSTER
                                        && m.table() == null));
        return finding.what(
                        m.summary()
                                + " "
                                + LockPhrase.takes(
                                        LockLevel.ACCESS_EXCLUSIVE, on, LockPhrase.WHOLE_REWRITE)
                                + ": it writes a new copy of every row and rebuilds every index"
                                + (refused
                                        ? "; inside a transaction block, as here, PostgreSQL refuses to run it at all"
                                        : ""))
                .why(why(op) + size.smallClause())
                .fix(fix(op))
                .list();
    }

    /** The operations that write a new copy of the table. */
    static boolean rewrites(Change.Maintenance.Operation op) {
        return switch (op) {
            case VACUUM_FULL, CLUSTER, SET_LOGGED, SET_UNLOGGED, SET_ACCESS_METHOD -> true;
            case REINDEX,
                    REFRESH_MATERIALIZED_VIEW,
                    VACUUM,
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

    private static String why(Change.Maintenance.Operation op) {
        return switch (op) {
            case VACUUM_FULL, CLUSTER, SET_ACCESS_METHOD ->
                    "Nothing can read or write the table until the copy is done, and the rewrite"
                            + " needs room for a second copy of the table on disk";
            case SET_LOGGED ->
                    "Nothing can read or write the table until the copy is done, and all of it goes"
                            + " through the WAL (and to the replicas) at once";
            case SET_UNLOGGED ->
                    "Nothing can read or write the table until the copy is done; afterwards the table"
                            + " is emptied by a crash and is no longer replicated";
            case REINDEX,
                    REFRESH_MATERIALIZED_VIEW,
                    VACUUM,
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
                    "";
        };
    }

    private static String fix(Change.Maintenance.Operation op) {
        return switch (op) {
            case VACUUM_FULL, CLUSTER ->
                    "Do not run it in a deploy: rebuild the table online with pg_repack (or"
                            + " pg_squeeze), or run it in a maintenance window; plain VACUUM reclaims space for reuse without"
                            + " blocking";
            case SET_LOGGED, SET_UNLOGGED ->
                    "Run it in a maintenance window, or create a new table with the wanted"
                            + " persistence, copy the rows in batches and swap the names in one brief transaction";
            case SET_ACCESS_METHOD ->
                    "Run it in a maintenance window, or create a new table USING the wanted access"
                            + " method, copy the rows in batches and swap the names in one brief transaction";
            case REINDEX,
                    REFRESH_MATERIALIZED_VIEW,
                    VACUUM,
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
                    "";
        };
    }
}
