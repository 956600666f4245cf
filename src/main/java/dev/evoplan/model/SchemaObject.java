package dev.evoplan.model;

/**
 * A schema object that is code or access control rather than shape: a routine, a trigger, a
 * row-level-security policy, a table's row-security switches. Each is compared by its definition
 * and planned by the SQL that creates and drops it; a schema holds them in one map by {@link
 * #key()}.
 */
public sealed interface SchemaObject
        permits Routine,
                Trigger,
                Policy,
                RowSecurity,
                TableGrant,
                MaterializedViewIndex,
                Partition,
                ReplicaIdentity,
                StorageParameters {

    /** The object kind, for switch expressions that must cover every one. */
    enum Kind {
        ROUTINE,
        TRIGGER,
        POLICY,
        ROW_SECURITY,
        TABLE_GRANT,
        MATERIALIZED_VIEW_INDEX,
        PARTITION,
        REPLICA_IDENTITY,
        STORAGE_PARAMETERS
    }

    Kind kind();

    /**
     * The key a schema holds it by: its kind, then its identity. A {@link QualifiedName} so that
     * states share the persistent map every other object kind lives in; it names no database
     * object.
     */
    QualifiedName key();

    /** The table it belongs to (it goes when the table is dropped), or null for a routine. */
    QualifiedName table();

    /** What reports call it: {@code function public.f(integer)}, {@code trigger t_audit on t}. */
    String describe();

    /** The statements that create it (one or two), each without a trailing semicolon. */
    java.util.List<String> createSql();

    /** The statement that drops it. */
    String dropSql();

    /** Whether both define the same object (a routine's layout and comments aside). */
    default boolean sameAs(SchemaObject other) {
        return equals(other);
    }

    /** The same object on {@code table} (a renamed table); a routine stays as it is. */
    SchemaObject onTable(QualifiedName table);
}
