package dev.evoplan.source.sql;

import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SqlType;
import java.util.Objects;

/** One action of an ALTER TABLE statement; names are folded as PostgreSQL stores them. */
public sealed interface AlterAction {

    /** The action's kind, for switch expressions that must cover every action. */
    enum Kind {
        ADD_COLUMN,
        DROP_COLUMN,
        ALTER_COLUMN_TYPE,
        SET_DEFAULT,
        DROP_DEFAULT,
        SET_NOT_NULL,
        DROP_NOT_NULL,
        ADD_IDENTITY,
        DROP_IDENTITY,
        ALTER_IDENTITY,
        SET_STATISTICS,
        SET_STORAGE,
        SET_COLUMN_OPTIONS,
        SET_COMPRESSION,
        ADD_CONSTRAINT,
        VALIDATE_CONSTRAINT,
        DROP_CONSTRAINT,
        RENAME_TABLE,
        RENAME_COLUMN,
        RENAME_CONSTRAINT,
        ATTACH_PARTITION,
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
        OTHER
    }

    Kind kind();

    /** {@code ADD [COLUMN] [IF NOT EXISTS] column_definition}. */
    record AddColumn(boolean ifNotExists, ColumnDefinition column) implements AlterAction {
        public AddColumn {
            Objects.requireNonNull(column, "column is null");
        }

        public Kind kind() {
            return Kind.ADD_COLUMN;
        }
    }

    /** {@code DROP [COLUMN] [IF EXISTS] column [CASCADE]}. */
    record DropColumn(String column, boolean ifExists, boolean cascade) implements AlterAction {
        public DropColumn {
            Objects.requireNonNull(column, "column is null");
        }

        public Kind kind() {
            return Kind.DROP_COLUMN;
        }
    }

    /**
     * {@code ALTER [COLUMN] c [SET DATA] TYPE t [COLLATE c] [USING expr]}; using is source text or
     * null.
     */
    record AlterColumnType(
            String column, SqlType type, String typeWritten, String collation, String using)
            implements AlterAction {
        public AlterColumnType {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(type, "type is null");
        }

        public Kind kind() {
            return Kind.ALTER_COLUMN_TYPE;
        }
    }

    /** {@code ALTER [COLUMN] c SET DEFAULT expr}. */
    record SetDefault(String column, DefaultValue value) implements AlterAction {
        public SetDefault {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(value, "value is null");
        }

        public Kind kind() {
            return Kind.SET_DEFAULT;
        }
    }

    /** {@code ALTER [COLUMN] c DROP DEFAULT}. */
    record DropDefault(String column) implements AlterAction {
        public DropDefault {
            Objects.requireNonNull(column, "column is null");
        }

        public Kind kind() {
            return Kind.DROP_DEFAULT;
        }
    }

    /** {@code ALTER [COLUMN] c SET NOT NULL}. */
    record SetNotNull(String column) implements AlterAction {
        public SetNotNull {
            Objects.requireNonNull(column, "column is null");
        }

        public Kind kind() {
            return Kind.SET_NOT_NULL;
        }
    }

    /** {@code ALTER [COLUMN] c DROP NOT NULL}. */
    record DropNotNull(String column) implements AlterAction {
        public DropNotNull {
            Objects.requireNonNull(column, "column is null");
        }

        public Kind kind() {
            return Kind.DROP_NOT_NULL;
        }
    }

    /** {@code ALTER [COLUMN] c ADD GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)]}. */
    record AddIdentity(String column, IdentityKind identity, String options)
            implements AlterAction {
        public AddIdentity {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(identity, "identity is null");
        }

        public Kind kind() {
            return Kind.ADD_IDENTITY;
        }
    }

    /** {@code ALTER [COLUMN] c DROP IDENTITY [IF EXISTS]}. */
    record DropIdentity(String column, boolean ifExists) implements AlterAction {
        public DropIdentity {
            Objects.requireNonNull(column, "column is null");
        }

        public Kind kind() {
            return Kind.DROP_IDENTITY;
        }
    }

    /**
     * {@code ALTER [COLUMN] c {SET GENERATED {ALWAYS | BY DEFAULT} | SET sequence_option | RESTART
     * [[WITH] n]} [...]} of an identity column.
     *
     * @param generated the kind {@code SET GENERATED} sets, or null when not written
     * @param options the {@code SET} sequence options without their {@code SET}s ({@code INCREMENT
     *     BY 5 START WITH 100}), empty when none is written
     * @param restart whether {@code RESTART} is written (it changes the sequence's value only)
     */
    record AlterIdentity(String column, IdentityKind generated, String options, boolean restart)
            implements AlterAction {
        public AlterIdentity {
            Objects.requireNonNull(column, "column is null");
            options = options == null ? "" : options.strip();
        }

        public Kind kind() {
            return Kind.ALTER_IDENTITY;
        }
    }

    /** {@code ALTER [COLUMN] c SET STATISTICS n}. */
    record SetStatistics(String column, int target) implements AlterAction {
        public SetStatistics {
            Objects.requireNonNull(column, "column is null");
        }

        public Kind kind() {
            return Kind.SET_STATISTICS;
        }
    }

    /**
     * {@code ALTER [COLUMN] c SET STORAGE {PLAIN | EXTERNAL | EXTENDED | MAIN | DEFAULT}} (lower
     * case).
     */
    record SetStorage(String column, String storage) implements AlterAction {
        public SetStorage {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(storage, "storage is null");
        }

        public Kind kind() {
            return Kind.SET_STORAGE;
        }
    }

    /**
     * {@code ALTER [COLUMN] c SET (attribute_option = value, ...)} or, when reset, {@code RESET
     * (...)} ({@code n_distinct}, {@code n_distinct_inherited}); options is the source text inside
     * the parentheses, names the options it sets or resets (lower case).
     */
    record SetColumnOptions(
            String column, boolean reset, String options, java.util.List<String> names)
            implements AlterAction {
        public SetColumnOptions {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(options, "options is null");
            names = java.util.List.copyOf(names);
        }

        public Kind kind() {
            return Kind.SET_COLUMN_OPTIONS;
        }
    }

    /** {@code ALTER [COLUMN] c SET COMPRESSION method} (lower case; PostgreSQL 14+). */
    record SetCompression(String column, String method) implements AlterAction {
        public SetCompression {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(method, "method is null");
        }

        public Kind kind() {
            return Kind.SET_COMPRESSION;
        }
    }

    /**
     * {@code ADD table_constraint [NOT VALID]} or {@code ADD table_constraint_using_index}.
     *
     * @param ifMissing added only when the table has no constraint of the name (a DO block that
     *     tests pg_constraint first: PostgreSQL has no ADD CONSTRAINT IF NOT EXISTS)
     */
    record AddConstraint(TableConstraint constraint, boolean ifMissing) implements AlterAction {
        public AddConstraint {
            Objects.requireNonNull(constraint, "constraint is null");
        }

        public AddConstraint(TableConstraint constraint) {
            this(constraint, false);
        }

        public Kind kind() {
            return Kind.ADD_CONSTRAINT;
        }
    }

    /** {@code VALIDATE CONSTRAINT name}. */
    record ValidateConstraint(String name) implements AlterAction {
        public ValidateConstraint {
            Objects.requireNonNull(name, "name is null");
        }

        public Kind kind() {
            return Kind.VALIDATE_CONSTRAINT;
        }
    }

    /** {@code DROP CONSTRAINT [IF EXISTS] name [CASCADE]}. */
    record DropConstraint(String name, boolean ifExists, boolean cascade) implements AlterAction {
        public DropConstraint {
            Objects.requireNonNull(name, "name is null");
        }

        public Kind kind() {
            return Kind.DROP_CONSTRAINT;
        }
    }

    /** {@code RENAME TO new_name}. */
    record RenameTable(String newName) implements AlterAction {
        public RenameTable {
            Objects.requireNonNull(newName, "newName is null");
        }

        public Kind kind() {
            return Kind.RENAME_TABLE;
        }
    }

    /** {@code RENAME [COLUMN] c TO new_name}. */
    record RenameColumn(String column, String newName) implements AlterAction {
        public RenameColumn {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(newName, "newName is null");
        }

        public Kind kind() {
            return Kind.RENAME_COLUMN;
        }
    }

    /** {@code RENAME CONSTRAINT c TO new_name}. */
    record RenameConstraint(String name, String newName) implements AlterAction {
        public RenameConstraint {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(newName, "newName is null");
        }

        public Kind kind() {
            return Kind.RENAME_CONSTRAINT;
        }
    }

    /** {@code ATTACH PARTITION p {FOR VALUES ... | DEFAULT}}; bound is source text. */
    record AttachPartition(QualifiedName partition, String bound) implements AlterAction {
        public AttachPartition {
            Objects.requireNonNull(partition, "partition is null");
            Objects.requireNonNull(bound, "bound is null");
        }

        public Kind kind() {
            return Kind.ATTACH_PARTITION;
        }
    }

    /** {@code DETACH PARTITION p [CONCURRENTLY | FINALIZE]}; finalizing is FINALIZE. */
    record DetachPartition(QualifiedName partition, boolean concurrently, boolean finalizing)
            implements AlterAction {
        public DetachPartition {
            Objects.requireNonNull(partition, "partition is null");
        }

        public Kind kind() {
            return Kind.DETACH_PARTITION;
        }
    }

    /** {@code SET LOGGED} (logged) or {@code SET UNLOGGED}. */
    record SetLogged(boolean logged) implements AlterAction {
        public Kind kind() {
            return Kind.SET_LOGGED;
        }
    }

    /** {@code SET ACCESS METHOD method} (PostgreSQL 15+; lower case). */
    record SetAccessMethod(String method) implements AlterAction {
        public SetAccessMethod {
            Objects.requireNonNull(method, "method is null");
        }

        public Kind kind() {
            return Kind.SET_ACCESS_METHOD;
        }
    }

    /** {@code CLUSTER ON index}, or {@code SET WITHOUT CLUSTER} when index is null. */
    record ClusterOn(String index) implements AlterAction {
        public Kind kind() {
            return Kind.CLUSTER_ON;
        }
    }

    /**
     * {@code SET WITHOUT OIDS}: accepted for compatibility, changes nothing since PostgreSQL 12.
     */
    record SetWithoutOids() implements AlterAction {
        public Kind kind() {
            return Kind.SET_WITHOUT_OIDS;
        }
    }

    /**
     * {@code SET (storage_parameter = value, ...)} or, when reset, {@code RESET (...)}; options is
     * source text, names the parameters it sets (lower case, {@code toast.}-prefixed as written).
     */
    record SetOptions(boolean reset, String options, java.util.List<String> names)
            implements AlterAction {
        public SetOptions {
            Objects.requireNonNull(options, "options is null");
            names = java.util.List.copyOf(names);
        }

        public Kind kind() {
            return Kind.SET_OPTIONS;
        }
    }

    /**
     * {@code REPLICA IDENTITY {DEFAULT | FULL | NOTHING | USING INDEX i}}; mode lower case, index
     * or null.
     */
    record ReplicaIdentity(String mode, String index) implements AlterAction {
        public ReplicaIdentity {
            Objects.requireNonNull(mode, "mode is null");
        }

        public Kind kind() {
            return Kind.REPLICA_IDENTITY;
        }
    }

    /**
     * {@code ENABLE [REPLICA | ALWAYS] TRIGGER t} or {@code DISABLE TRIGGER t}; trigger may be all
     * or user.
     */
    record TriggerState(boolean enable, String trigger, String mode) implements AlterAction {
        public TriggerState {
            Objects.requireNonNull(trigger, "trigger is null");
        }

        public Kind kind() {
            return Kind.TRIGGER_STATE;
        }
    }

    /** {@code OWNER TO role}. */
    record OwnerTo(String role) implements AlterAction {
        public OwnerTo {
            Objects.requireNonNull(role, "role is null");
        }

        public Kind kind() {
            return Kind.OWNER_TO;
        }
    }

    /** {@code SET SCHEMA s}. */
    record SetSchema(String schema) implements AlterAction {
        public SetSchema {
            Objects.requireNonNull(schema, "schema is null");
        }

        public Kind kind() {
            return Kind.SET_SCHEMA;
        }
    }

    /**
     * {@code ALTER CONSTRAINT c [[NOT] DEFERRABLE] [INITIALLY {DEFERRED | IMMEDIATE}]}; each is
     * null when not written.
     */
    record AlterConstraint(String name, Boolean deferrable, Boolean initiallyDeferred)
            implements AlterAction {
        public AlterConstraint {
            Objects.requireNonNull(name, "name is null");
        }

        public Kind kind() {
            return Kind.ALTER_CONSTRAINT;
        }
    }

    /** {@code ENABLE | DISABLE | FORCE | NO FORCE ROW LEVEL SECURITY}. */
    record RowSecurity(Switch change) implements AlterAction {
        /** The switch written. */
        public enum Switch {
            ENABLE,
            DISABLE,
            FORCE,
            NO_FORCE
        }

        public RowSecurity {
            Objects.requireNonNull(change, "change is null");
        }

        public Kind kind() {
            return Kind.ROW_SECURITY;
        }
    }

    /**
     * An action this parser does not model (SET TABLESPACE, CLUSTER ON, ...), kept as source text
     * for review.
     */
    record Other(String text) implements AlterAction {
        public Other {
            Objects.requireNonNull(text, "text is null");
        }

        public Kind kind() {
            return Kind.OTHER;
        }
    }
}
