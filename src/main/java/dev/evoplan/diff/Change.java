package dev.evoplan.diff;

import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.EnumType;
import dev.evoplan.model.Extension;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.IdentityOptions;
import dev.evoplan.model.Index;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SchemaObject;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.Table;
import dev.evoplan.model.UniqueConstraint;
import dev.evoplan.model.View;
import java.util.List;
import java.util.Objects;

/**
 * One typed change between two schema states. Java 17 has no exhaustive switch over sealed types,
 * so callers switch on {@link #kind()} as an expression without a default: a new kind then fails to
 * compile everywhere it is not handled.
 */
public sealed interface Change {

    /** The kind of change; one constant per record. */
    enum Kind {
        CREATE_TABLE,
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
        CREATE_EXTENSION,
        DROP_EXTENSION,
        CREATE_OBJECT,
        ALTER_OBJECT,
        DROP_OBJECT,
        DATA_CHANGE,
        MAINTENANCE,
        OPAQUE
    }

    Kind kind();

    /**
     * The table the change works on, or null for objects that are not tables (sequences, types,
     * views).
     */
    QualifiedName table();

    /** One line for reports: "add column users.email". */
    String summary();

    record CreateTable(Table definition) implements Change {
        public CreateTable {
            Objects.requireNonNull(definition, "definition is null");
        }

        public Kind kind() {
            return Kind.CREATE_TABLE;
        }

        public QualifiedName table() {
            return definition.name();
        }

        public String summary() {
            return "create table " + definition.name();
        }
    }

    record DropTable(Table definition) implements Change {
        public DropTable {
            Objects.requireNonNull(definition, "definition is null");
        }

        public Kind kind() {
            return Kind.DROP_TABLE;
        }

        public QualifiedName table() {
            return definition.name();
        }

        public String summary() {
            return "drop table " + definition.name();
        }
    }

    record RenameTable(QualifiedName from, QualifiedName to) implements Change {
        public Kind kind() {
            return Kind.RENAME_TABLE;
        }

        public QualifiedName table() {
            return from;
        }

        public String summary() {
            return "rename table " + from + " to " + to.name();
        }
    }

    record SetTableComment(QualifiedName table, String from, String to) implements Change {
        public Kind kind() {
            return Kind.SET_TABLE_COMMENT;
        }

        public String summary() {
            return "comment on table " + table;
        }
    }

    record AddColumn(QualifiedName table, Column column) implements Change {
        public Kind kind() {
            return Kind.ADD_COLUMN;
        }

        public String summary() {
            return "add column " + table + "." + column.name();
        }
    }

    record DropColumn(QualifiedName table, Column column) implements Change {
        public Kind kind() {
            return Kind.DROP_COLUMN;
        }

        public String summary() {
            return "drop column " + table + "." + column.name();
        }
    }

    record RenameColumn(QualifiedName table, String from, String to) implements Change {
        public Kind kind() {
            return Kind.RENAME_COLUMN;
        }

        public String summary() {
            return "rename column " + table + "." + from + " to " + to;
        }
    }

    /**
     * A type change, a collation change, or both (one {@code ALTER COLUMN ... TYPE ... COLLATE}: a
     * collation change is a type change to the same type); {@code using} is the conversion
     * expression, or null for the implicit cast; a null collation is the type's own.
     */
    record AlterColumnType(
            QualifiedName table,
            String column,
            SqlType from,
            SqlType to,
            String using,
            String fromCollation,
            String toCollation)
            implements Change {
        /** A type change of a column whose collation is the type's own before and after. */
        public AlterColumnType(
                QualifiedName table, String column, SqlType from, SqlType to, String using) {
            this(table, column, from, to, using, null, null);
        }

        public Kind kind() {
            return Kind.ALTER_COLUMN_TYPE;
        }

        /** Whether the collation changes (alone or with the type). */
        public boolean collationChanges() {
            return !java.util.Objects.equals(fromCollation, toCollation);
        }

        public String summary() {
            String collation =
                    " collation "
                            + (fromCollation == null ? "default" : fromCollation)
                            + " to "
                            + (toCollation == null ? "default" : toCollation);
            if (from.equals(to)) {
                return "change collation of " + table + "." + column + " from" + collation;
            }
            return "change type of "
                    + table
                    + "."
                    + column
                    + " from "
                    + from.sql()
                    + " to "
                    + to.sql()
                    + (collationChanges() ? "," + collation : "");
        }
    }

    record SetNotNull(QualifiedName table, String column) implements Change {
        public Kind kind() {
            return Kind.SET_NOT_NULL;
        }

        public String summary() {
            return "set not null on " + table + "." + column;
        }
    }

    record DropNotNull(QualifiedName table, String column) implements Change {
        public Kind kind() {
            return Kind.DROP_NOT_NULL;
        }

        public String summary() {
            return "drop not null on " + table + "." + column;
        }
    }

    /** A new or changed default; {@code from} is null when the column had none. */
    record SetDefault(QualifiedName table, String column, DefaultValue from, DefaultValue to)
            implements Change {
        public Kind kind() {
            return Kind.SET_DEFAULT;
        }

        public String summary() {
            return "set default of " + table + "." + column + " to " + to.expression();
        }
    }

    record DropDefault(QualifiedName table, String column, DefaultValue from) implements Change {
        public Kind kind() {
            return Kind.DROP_DEFAULT;
        }

        public String summary() {
            return "drop default of " + table + "." + column;
        }
    }

    /**
     * An identity added, dropped, switched between ALWAYS and BY DEFAULT, or its sequence options
     * changed; the options are null when that side is no identity.
     */
    record AlterIdentity(
            QualifiedName table,
            String column,
            IdentityKind from,
            IdentityKind to,
            IdentityOptions fromOptions,
            IdentityOptions toOptions)
            implements Change {
        public AlterIdentity {
            fromOptions =
                    from == IdentityKind.NONE
                            ? null
                            : fromOptions == null ? IdentityOptions.DEFAULTS : fromOptions;
            toOptions =
                    to == IdentityKind.NONE
                            ? null
                            : toOptions == null ? IdentityOptions.DEFAULTS : toOptions;
        }

        /** A change of identity kind, every sequence option at its default. */
        public AlterIdentity(
                QualifiedName table, String column, IdentityKind from, IdentityKind to) {
            this(table, column, from, to, null, null);
        }

        public Kind kind() {
            return Kind.ALTER_IDENTITY;
        }

        /** Whether the sequence options of an identity kept on both sides change. */
        public boolean optionsChange() {
            return from != IdentityKind.NONE
                    && to != IdentityKind.NONE
                    && !fromOptions.equals(toOptions);
        }

        public String summary() {
            return "identity of "
                    + table
                    + "."
                    + column
                    + ": "
                    + from
                    + " -> "
                    + to
                    + (optionsChange()
                            ? ", sequence options ("
                                    + fromOptions.written()
                                    + ") -> ("
                                    + toOptions.written()
                                    + ")"
                            : "");
        }
    }

    record SetColumnComment(QualifiedName table, String column, String from, String to)
            implements Change {
        public Kind kind() {
            return Kind.SET_COLUMN_COMMENT;
        }

        public String summary() {
            return "comment on column " + table + "." + column;
        }
    }

    record AddPrimaryKey(QualifiedName table, PrimaryKey primaryKey) implements Change {
        public Kind kind() {
            return Kind.ADD_PRIMARY_KEY;
        }

        public String summary() {
            return "add primary key "
                    + primaryKey.name()
                    + " on "
                    + table
                    + " "
                    + primaryKey.columns();
        }
    }

    record DropPrimaryKey(QualifiedName table, PrimaryKey primaryKey) implements Change {
        public Kind kind() {
            return Kind.DROP_PRIMARY_KEY;
        }

        public String summary() {
            return "drop primary key " + primaryKey.name() + " on " + table;
        }
    }

    record AddUnique(QualifiedName table, UniqueConstraint constraint) implements Change {
        public Kind kind() {
            return Kind.ADD_UNIQUE;
        }

        public String summary() {
            return "add unique constraint "
                    + constraint.name()
                    + " on "
                    + table
                    + " "
                    + constraint.columns();
        }
    }

    record DropUnique(QualifiedName table, UniqueConstraint constraint) implements Change {
        public Kind kind() {
            return Kind.DROP_UNIQUE;
        }

        public String summary() {
            return "drop unique constraint " + constraint.name() + " on " + table;
        }
    }

    record AddCheck(QualifiedName table, CheckConstraint constraint) implements Change {
        public Kind kind() {
            return Kind.ADD_CHECK;
        }

        public String summary() {
            return "add check constraint " + constraint.name() + " on " + table;
        }
    }

    record DropCheck(QualifiedName table, CheckConstraint constraint) implements Change {
        public Kind kind() {
            return Kind.DROP_CHECK;
        }

        public String summary() {
            return "drop check constraint " + constraint.name() + " on " + table;
        }
    }

    /** A check that exists NOT VALID on one side and validated on the other. */
    record ValidateCheck(QualifiedName table, CheckConstraint constraint) implements Change {
        public Kind kind() {
            return Kind.VALIDATE_CHECK;
        }

        public String summary() {
            return "validate check constraint " + constraint.name() + " on " + table;
        }
    }

    record AddForeignKey(QualifiedName table, ForeignKey foreignKey) implements Change {
        public Kind kind() {
            return Kind.ADD_FOREIGN_KEY;
        }

        public String summary() {
            return "add foreign key "
                    + foreignKey.name()
                    + " on "
                    + table
                    + " -> "
                    + foreignKey.target();
        }
    }

    record DropForeignKey(QualifiedName table, ForeignKey foreignKey) implements Change {
        public Kind kind() {
            return Kind.DROP_FOREIGN_KEY;
        }

        public String summary() {
            return "drop foreign key " + foreignKey.name() + " on " + table;
        }
    }

    record ValidateForeignKey(QualifiedName table, ForeignKey foreignKey) implements Change {
        public Kind kind() {
            return Kind.VALIDATE_FOREIGN_KEY;
        }

        public String summary() {
            return "validate foreign key " + foreignKey.name() + " on " + table;
        }
    }

    record CreateIndex(Index index) implements Change {
        public Kind kind() {
            return Kind.CREATE_INDEX;
        }

        public QualifiedName table() {
            return index.table();
        }

        public String summary() {
            return "create "
                    + (index.unique() ? "unique " : "")
                    + "index "
                    + index.name()
                    + " on "
                    + index.table();
        }
    }

    record DropIndex(Index index) implements Change {
        public Kind kind() {
            return Kind.DROP_INDEX;
        }

        public QualifiedName table() {
            return index.table();
        }

        public String summary() {
            return "drop index " + index.name() + " on " + index.table();
        }
    }

    record RenameIndex(QualifiedName table, String from, String to) implements Change {
        public Kind kind() {
            return Kind.RENAME_INDEX;
        }

        public String summary() {
            return "rename index " + from + " to " + to;
        }
    }

    record CreateSequence(Sequence sequence) implements Change {
        public Kind kind() {
            return Kind.CREATE_SEQUENCE;
        }

        public QualifiedName table() {
            return null;
        }

        public String summary() {
            return "create sequence " + sequence.name();
        }
    }

    record DropSequence(Sequence sequence) implements Change {
        public Kind kind() {
            return Kind.DROP_SEQUENCE;
        }

        public QualifiedName table() {
            return null;
        }

        public String summary() {
            return "drop sequence " + sequence.name();
        }
    }

    record AlterSequence(Sequence from, Sequence to) implements Change {
        public Kind kind() {
            return Kind.ALTER_SEQUENCE;
        }

        public QualifiedName table() {
            return null;
        }

        public String summary() {
            return "alter sequence " + to.name();
        }

        /** Whether the column that owns the sequence changes (OWNED BY). */
        public boolean ownerChanges() {
            return !java.util.Objects.equals(from.ownedBy(), to.ownedBy());
        }
    }

    record RenameSequence(QualifiedName from, QualifiedName to) implements Change {
        public Kind kind() {
            return Kind.RENAME_SEQUENCE;
        }

        public QualifiedName table() {
            return null;
        }

        public String summary() {
            return "rename sequence " + from + " to " + to.name();
        }
    }

    record CreateEnum(EnumType type) implements Change {
        public Kind kind() {
            return Kind.CREATE_ENUM;
        }

        public QualifiedName table() {
            return null;
        }

        public String summary() {
            return "create enum type " + type.name();
        }
    }

    record DropEnum(EnumType type) implements Change {
        public Kind kind() {
            return Kind.DROP_ENUM;
        }

        public QualifiedName table() {
            return null;
        }

        public String summary() {
            return "drop enum type " + type.name();
        }
    }

    /** A new label; {@code after} is the label it follows, or null when it goes first. */
    record AddEnumValue(QualifiedName type, String value, String after) implements Change {
        public Kind kind() {
            return Kind.ADD_ENUM_VALUE;
        }

        public QualifiedName table() {
            return null;
        }

        public String summary() {
            return "add value '" + value + "' to enum " + type;
        }
    }

    record CreateView(View view) implements Change {
        public Kind kind() {
            return Kind.CREATE_VIEW;
        }

        public QualifiedName table() {
            return null;
        }

        public String summary() {
            return "create " + (view.materialized() ? "materialized " : "") + "view " + view.name();
        }
    }

    record DropView(View view) implements Change {
        public Kind kind() {
            return Kind.DROP_VIEW;
        }

        public QualifiedName table() {
            return null;
        }

        public String summary() {
            return "drop " + (view.materialized() ? "materialized " : "") + "view " + view.name();
        }
    }

    record ReplaceView(View from, View to) implements Change {
        public Kind kind() {
            return Kind.REPLACE_VIEW;
        }

        public QualifiedName table() {
            return null;
        }

        public String summary() {
            return "replace view " + to.name();
        }
    }

    record RenameView(QualifiedName from, QualifiedName to) implements Change {
        public Kind kind() {
            return Kind.RENAME_VIEW;
        }

        public QualifiedName table() {
            return null;
        }

        public String summary() {
            return "rename view " + from + " to " + to.name();
        }
    }

    /** A new extension: its objects (functions, types, operator classes) come with it. */
    record CreateExtension(Extension extension) implements Change {
        public CreateExtension {
            Objects.requireNonNull(extension, "extension is null");
        }

        public Kind kind() {
            return Kind.CREATE_EXTENSION;
        }

        public QualifiedName table() {
            return null;
        }

        public String summary() {
            return "create extension " + extension.name();
        }
    }

    /** An extension removed, without CASCADE: what still uses its objects must go first. */
    record DropExtension(Extension extension) implements Change {
        public DropExtension {
            Objects.requireNonNull(extension, "extension is null");
        }

        public Kind kind() {
            return Kind.DROP_EXTENSION;
        }

        public QualifiedName table() {
            return null;
        }

        public String summary() {
            return "drop extension " + extension.name();
        }
    }

    /**
     * The routine, trigger, policy or switch an object change is about: the new definition of one
     * defined otherwise.
     */
    static SchemaObject objectOf(Change c) {
        if (c instanceof CreateObject x) {
            return x.object();
        }
        if (c instanceof AlterObject x) {
            return x.to();
        }
        if (c instanceof DropObject x) {
            return x.object();
        }
        throw new IllegalArgumentException("not an object change: " + c.kind());
    }

    /** A new routine, trigger, policy or row-security switch. */
    record CreateObject(SchemaObject object) implements Change {
        public CreateObject {
            Objects.requireNonNull(object, "object is null");
        }

        public Kind kind() {
            return Kind.CREATE_OBJECT;
        }

        public QualifiedName table() {
            return object.table();
        }

        public String summary() {
            return "create " + object.describe();
        }
    }

    /**
     * A routine, trigger, policy or row-security switch defined otherwise: a routine is replaced in
     * place (CREATE OR REPLACE), a trigger or policy dropped and created again.
     */
    record AlterObject(SchemaObject from, SchemaObject to) implements Change {
        public AlterObject {
            Objects.requireNonNull(from, "from is null");
            Objects.requireNonNull(to, "to is null");
        }

        public Kind kind() {
            return Kind.ALTER_OBJECT;
        }

        public QualifiedName table() {
            return to.table();
        }

        public String summary() {
            return "replace " + to.describe();
        }
    }

    /** A routine, trigger, policy or row-security switch removed. */
    record DropObject(SchemaObject object) implements Change {
        public DropObject {
            Objects.requireNonNull(object, "object is null");
        }

        public Kind kind() {
            return Kind.DROP_OBJECT;
        }

        public QualifiedName table() {
            return object.table();
        }

        public String summary() {
            return "drop " + object.describe();
        }
    }

    /**
     * Rows inserted, updated or deleted (Liquibase insert/update/delete/loadData).
     *
     * @param table the table touched, or null when not known
     * @param operation the source's name for it ({@code insert}, {@code loadData}, ...)
     * @param sql the statements the source's tool runs for it on PostgreSQL, where known; else
     *     empty
     */
    record DataChange(QualifiedName table, String operation, String description, List<String> sql)
            implements Change {
        public DataChange {
            sql = sql == null ? List.of() : List.copyOf(sql);
        }

        /** A data change whose SQL is not known. */
        public DataChange(QualifiedName table, String operation, String description) {
            this(table, operation, description, List.of());
        }

        public Kind kind() {
            return Kind.DATA_CHANGE;
        }

        public String summary() {
            return operation + (table == null ? "" : " on " + table) + ": " + description;
        }
    }

    /**
     * A statement that leaves the schema as it was but takes locks on a table to rebuild or
     * recompute it (VACUUM FULL, CLUSTER, SET LOGGED, REINDEX, REFRESH MATERIALIZED VIEW), or to
     * change what the model does not hold with a known lock (SET STATISTICS, DISABLE TRIGGER,
     * ANALYZE, CREATE STATISTICS, LOCK TABLE, setval, domains, ALTER CONSTRAINT ... DEFERRABLE,
     * RENAME VALUE).
     *
     * @param table the table, materialized view or index's table it works on, or null when not
     *     known
     * @param concurrently whether it was written {@code CONCURRENTLY}
     * @param text the statement as written
     * @param reindexTarget what a REINDEX names, as the parser read it; null for other operations
     *     or where no parse is known
     */
    record Maintenance(
            QualifiedName table,
            Operation operation,
            boolean concurrently,
            String text,
            dev.evoplan.model.ReindexTarget reindexTarget)
            implements Change {
        /** A maintenance statement that is no REINDEX (or whose target is not known). */
        public Maintenance(
                QualifiedName table, Operation operation, boolean concurrently, String text) {
            this(table, operation, concurrently, text, null);
        }

        /** The maintenance statements; {@link #sql()} is how each is spelled. */
        public enum Operation {
            VACUUM_FULL("VACUUM FULL"),
            CLUSTER("CLUSTER"),
            SET_LOGGED("SET LOGGED"),
            SET_UNLOGGED("SET UNLOGGED"),
            SET_ACCESS_METHOD("SET ACCESS METHOD"),
            REINDEX("REINDEX"),
            REFRESH_MATERIALIZED_VIEW("REFRESH MATERIALIZED VIEW"),
            // Statements that change no fact the model holds but lock a table (or sequence) all the
            // same.
            VACUUM("VACUUM"),
            ANALYZE("ANALYZE"),
            SET_STATISTICS("SET STATISTICS"),
            SET_STORAGE("SET STORAGE"),
            SET_ATTRIBUTE_OPTIONS("SET (attribute options)"),
            SET_COMPRESSION("SET COMPRESSION"),
            CLUSTER_ON("CLUSTER ON"),
            SET_WITHOUT_CLUSTER("SET WITHOUT CLUSTER"),
            SET_WITHOUT_OIDS("SET WITHOUT OIDS"),
            SET_PARAMETERS("SET (storage parameters)"),
            TRIGGER_STATE("ENABLE/DISABLE TRIGGER"),
            REPLICA_IDENTITY("REPLICA IDENTITY"),
            OWNER_TO("OWNER TO"),
            SEQUENCE_RESTART("ALTER SEQUENCE RESTART"),
            IDENTITY_RESTART("ALTER COLUMN RESTART"),
            // Statements the model does not hold whose lock is known (EVOLUTION.md, measured):
            CREATE_STATISTICS("CREATE STATISTICS"),
            DROP_STATISTICS("DROP STATISTICS"),
            ALTER_CONSTRAINT("ALTER CONSTRAINT"),
            SETVAL("SETVAL"),
            LOCK_TABLE("LOCK TABLE"),
            CREATE_DOMAIN("CREATE DOMAIN"),
            ADD_DOMAIN_CONSTRAINT("ALTER DOMAIN ADD CONSTRAINT"),
            DROP_DOMAIN_CONSTRAINT("ALTER DOMAIN DROP CONSTRAINT"),
            DROP_DOMAIN("DROP DOMAIN"),
            DROP_SCHEMA("DROP SCHEMA"),
            CREATE_FOREIGN_TABLE("CREATE FOREIGN TABLE"),
            CREATE_TABLE_AS("CREATE TABLE AS"),
            CREATE_TABLE_LIKE("CREATE TABLE LIKE"),
            CREATE_PARTITION("CREATE TABLE PARTITION OF"),
            CREATE_INDEX_ON_ONLY("CREATE INDEX ON ONLY"),
            ATTACH_INDEX_PARTITION("ALTER INDEX ATTACH PARTITION"),
            DROP_DATABASE("DROP DATABASE"),
            RENAME_ENUM_VALUE("ALTER TYPE RENAME VALUE"),
            INDEX_MATERIALIZED_VIEW("CREATE INDEX ON MATERIALIZED VIEW"),
            // Code the model keeps as unmodelled objects, judged by the lock the statement takes.
            CREATE_FUNCTION("CREATE FUNCTION"),
            CREATE_PROCEDURE("CREATE PROCEDURE"),
            CREATE_TRIGGER("CREATE TRIGGER"),
            DROP_TRIGGER("DROP TRIGGER"),
            DROP_FUNCTION("DROP FUNCTION"),
            DROP_PROCEDURE("DROP PROCEDURE"),
            ALTER_FUNCTION("ALTER FUNCTION"),
            RENAME_ROUTINE("ALTER ROUTINE RENAME"),
            RENAME_TRIGGER("RENAME TRIGGER"),
            CREATE_POLICY("CREATE POLICY"),
            ALTER_POLICY("ALTER POLICY"),
            DROP_POLICY("DROP POLICY"),
            ROW_LEVEL_SECURITY("ROW LEVEL SECURITY"),
            // A comment on an object the model keeps no comment for (an index, a view, a type, a
            // constraint, ...): SHARE UPDATE EXCLUSIVE on the object; a constraint's table is
            // only read.
            COMMENT("COMMENT ON");

            private final String sql;

            Operation(String sql) {
                this.sql = sql;
            }

            public String sql() {
                return sql;
            }

            /** The operation spelled {@code sql} (as {@link #sql()} gives it), or null. */
            public static Operation ofSql(String sql) {
                for (Operation o : values()) {
                    if (o.sql.equalsIgnoreCase(sql)) {
                        return o;
                    }
                }
                return null;
            }
        }

        public Maintenance {
            Objects.requireNonNull(operation, "operation is null");
            text = text == null ? "" : text;
        }

        public Kind kind() {
            return Kind.MAINTENANCE;
        }

        public String summary() {
            if (operation == Operation.COMMENT) {
                // What it names, as written: the kind of object tells which lock it takes.
                String written = text.strip().replaceAll("\\s+", " ");
                java.util.regex.Matcher is = COMMENT_IS.matcher(written);
                java.util.regex.Matcher kind = COMMENT_KIND.matcher(written);
                if (!is.find() || !kind.find() || kind.end() > is.start()) {
                    return operation.sql();
                }
                return operation.sql()
                        + " "
                        + kind.group(1).toUpperCase(java.util.Locale.ROOT)
                        + written.substring(kind.end(), is.start());
            }
            return operation.sql()
                    + (concurrently ? " CONCURRENTLY" : "")
                    + (table == null ? "" : " " + table);
        }

        private static final java.util.regex.Pattern COMMENT_KIND =
                java.util.regex.Pattern.compile(
                        "(?i)^COMMENT ON ((?:MATERIALIZED |FOREIGN (?:DATA )?|ACCESS |EVENT |LARGE |OPERATOR"
                                + " |TEXT SEARCH )?[A-Z]+)(?= )");

        private static final java.util.regex.Pattern COMMENT_IS =
                java.util.regex.Pattern.compile("(?i) IS (?:'|E'|NULL\\b|\\$)");
    }

    /**
     * Something the source holds that we cannot read (raw SQL, a custom change): needs review.
     *
     * @param schema the named schema this change adds or removes, which the planner creates or
     *     drops itself (SqlWriter); null when a person must review it and run it by hand
     * @param extensionUpdate the extension whose version changes: the plan runs its {@code ALTER
     *     EXTENSION ... UPDATE} (what the extension's own scripts lock stays for a person to
     *     review); null otherwise
     */
    record Opaque(
            String changeType,
            String text,
            NamedSchema schema,
            dev.evoplan.model.Extension extensionUpdate)
            implements Change {
        public Opaque(String changeType, String text) {
            this(changeType, text, null, null);
        }

        public Opaque(String changeType, String text, NamedSchema schema) {
            this(changeType, text, schema, null);
        }

        /**
         * A named schema (the model holds none of its own) that the target adds or no longer has.
         */
        public record NamedSchema(String name, boolean dropped) {}

        public Kind kind() {
            return Kind.OPAQUE;
        }

        public QualifiedName table() {
            return null;
        }

        public String summary() {
            return changeType + ": " + firstLine(text);
        }

        private static String firstLine(String s) {
            String one = s == null ? "" : s.strip().replaceAll("\\s+", " ");
            return one.length() > 80 ? one.substring(0, 77) + "..." : one;
        }
    }
}
