package dev.evoplan.source.sql;

import dev.evoplan.model.IndexElement;
import dev.evoplan.model.QualifiedName;
import java.util.List;
import java.util.Objects;

/**
 * A parsed SQL statement with the facts a safety rule needs; names are folded as PostgreSQL stores
 * them and expressions are kept as source text. Every statement knows its {@link Span}.
 */
public sealed interface SqlStatement {

    /** The statement's kind, for switch expressions that must cover every statement. */
    enum Kind {
        CREATE_TABLE,
        ALTER_TABLE,
        DROP,
        CREATE_INDEX,
        REINDEX,
        ALTER_INDEX,
        CREATE_TYPE,
        ALTER_TYPE,
        CREATE_SEQUENCE,
        ALTER_SEQUENCE,
        CREATE_VIEW,
        REFRESH_MATERIALIZED_VIEW,
        COMMENT,
        CREATE_TRIGGER,
        CREATE_FUNCTION,
        TRUNCATE,
        VACUUM,
        ANALYZE,
        CLUSTER,
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
        CREATE_STATISTICS,
        LOCK_TABLE,
        DOMAIN,
        CREATE_FOREIGN_TABLE,
        ALTER_ROUTINE,
        ALTER_TRIGGER,
        POLICY,
        ALTER_VIEW
    }

    Kind kind();

    Span span();

    /** How long a table lives: TEMP / UNLOGGED / ordinary. */
    enum Persistence {
        PERMANENT,
        TEMPORARY,
        UNLOGGED
    }

    /**
     * CREATE TABLE.
     *
     * @param partitionBy the PARTITION BY clause (e.g. {@code RANGE (created_at)}), or null
     * @param partitionOf the parent of a {@code PARTITION OF} table, or null
     * @param bound the partition bound of a {@code PARTITION OF} table ({@code FOR VALUES ...} /
     *     {@code DEFAULT}), or null
     * @param asQuery CREATE TABLE ... AS query: columns come from the query and are not listed
     * @param querySources the relations the AS query names after FROM or JOIN, in written order
     */
    record CreateTable(
            Span span,
            QualifiedName name,
            Persistence persistence,
            boolean ifNotExists,
            List<ColumnDefinition> columns,
            List<TableConstraint> constraints,
            List<QualifiedName> likes,
            List<QualifiedName> inherits,
            String partitionBy,
            QualifiedName partitionOf,
            String bound,
            boolean asQuery,
            List<QualifiedName> querySources,
            String with)
            implements SqlStatement {
        public CreateTable {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(persistence, "persistence is null");
            columns = List.copyOf(columns);
            constraints = List.copyOf(constraints);
            likes = List.copyOf(likes);
            inherits = List.copyOf(inherits);
            querySources = List.copyOf(querySources);
        }

        public Kind kind() {
            return Kind.CREATE_TABLE;
        }
    }

    /** ALTER TABLE [IF EXISTS] [ONLY] name action [, ...]. */
    record AlterTable(
            Span span,
            QualifiedName table,
            boolean ifExists,
            boolean only,
            List<AlterAction> actions)
            implements SqlStatement {
        public AlterTable {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(table, "table is null");
            actions = List.copyOf(actions);
        }

        public Kind kind() {
            return Kind.ALTER_TABLE;
        }
    }

    /** The object kinds a DROP statement names. */
    enum DropTarget {
        TABLE,
        INDEX,
        VIEW,
        MATERIALIZED_VIEW,
        SEQUENCE,
        TYPE,
        DOMAIN,
        TRIGGER,
        FUNCTION,
        PROCEDURE,
        EXTENSION,
        SCHEMA,
        STATISTICS,
        DATABASE,
        POLICY
    }

    /**
     * DROP of tables, indexes, views, sequences, types, triggers, routines, extensions or schemas.
     *
     * @param on the table of a DROP TRIGGER or DROP POLICY, else null
     * @param arguments for each name, the argument list written after it (a routine's signature),
     *     or null where none is written
     */
    record Drop(
            Span span,
            DropTarget target,
            boolean concurrently,
            boolean ifExists,
            List<QualifiedName> names,
            QualifiedName on,
            boolean cascade,
            List<String> arguments)
            implements SqlStatement {
        public Drop {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(target, "target is null");
            names = List.copyOf(names);
            arguments =
                    java.util.Collections.unmodifiableList(new java.util.ArrayList<>(arguments));
        }

        public Kind kind() {
            return Kind.DROP;
        }
    }

    /**
     * CREATE INDEX.
     *
     * @param name the index name; null when left for PostgreSQL to choose
     * @param method the access method, lower case ({@code btree} when not written)
     * @param with the WITH (...) storage parameters as source text, or null
     * @param predicate the WHERE of a partial index as source text, or null
     */
    record CreateIndex(
            Span span,
            boolean unique,
            boolean concurrently,
            boolean ifNotExists,
            String name,
            QualifiedName table,
            boolean only,
            String method,
            List<IndexElement> elements,
            List<String> include,
            String with,
            String predicate)
            implements SqlStatement {
        public CreateIndex {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(table, "table is null");
            Objects.requireNonNull(method, "method is null");
            elements = List.copyOf(elements);
            include = List.copyOf(include);
        }

        public Kind kind() {
            return Kind.CREATE_INDEX;
        }
    }

    /**
     * REINDEX [(options)] {INDEX | TABLE | SCHEMA | DATABASE | SYSTEM} [CONCURRENTLY] name; target
     * lower case.
     */
    record Reindex(Span span, String target, boolean concurrently, QualifiedName name)
            implements SqlStatement {
        public Reindex {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(target, "target is null");
        }

        public Kind kind() {
            return Kind.REINDEX;
        }
    }

    /**
     * ALTER INDEX [IF EXISTS] name ...
     *
     * @param renameTo the new name of {@code RENAME TO}, or null for any other action (kept in the
     *     span)
     * @param attachPartition the partition's index of {@code ATTACH PARTITION}, or null
     */
    record AlterIndex(
            Span span,
            QualifiedName name,
            boolean ifExists,
            String renameTo,
            QualifiedName attachPartition)
            implements SqlStatement {
        public AlterIndex {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(name, "name is null");
        }

        public Kind kind() {
            return Kind.ALTER_INDEX;
        }
    }

    /** The forms of CREATE TYPE. */
    enum TypeForm {
        ENUM,
        COMPOSITE,
        RANGE,
        BASE,
        SHELL
    }

    /**
     * CREATE TYPE name AS ENUM (...) and the other forms; labels only for an enum.
     *
     * @param ifMissing created only when no type of the name exists (a DO block that tests pg_type
     *     first: PostgreSQL has no CREATE TYPE IF NOT EXISTS)
     */
    record CreateType(
            Span span, QualifiedName name, TypeForm form, List<String> labels, boolean ifMissing)
            implements SqlStatement {
        public CreateType {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(form, "form is null");
            labels = List.copyOf(labels);
        }

        public CreateType(Span span, QualifiedName name, TypeForm form, List<String> labels) {
            this(span, name, form, labels, false);
        }

        public Kind kind() {
            return Kind.CREATE_TYPE;
        }
    }

    /** What an ALTER TYPE does. */
    enum TypeAction {
        ADD_VALUE,
        RENAME_VALUE,
        RENAME_TO,
        OTHER
    }

    /**
     * ALTER TYPE.
     *
     * @param value the added or renamed label (ADD VALUE / RENAME VALUE), else null
     * @param neighbor the label of BEFORE / AFTER, or the new label of RENAME VALUE, else null
     * @param before BEFORE (not AFTER) was written
     * @param newName the new type name of RENAME TO, else null
     */
    record AlterType(
            Span span,
            QualifiedName name,
            TypeAction action,
            String value,
            String neighbor,
            boolean before,
            boolean ifNotExists,
            String newName)
            implements SqlStatement {
        public AlterType {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(action, "action is null");
        }

        public Kind kind() {
            return Kind.ALTER_TYPE;
        }
    }

    /** CREATE [TEMP | UNLOGGED] SEQUENCE [IF NOT EXISTS] name [options]; options as source text. */
    record CreateSequence(
            Span span,
            QualifiedName name,
            Persistence persistence,
            boolean ifNotExists,
            String options)
            implements SqlStatement {
        public CreateSequence {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(options, "options is null");
        }

        public Kind kind() {
            return Kind.CREATE_SEQUENCE;
        }
    }

    /** ALTER SEQUENCE [IF EXISTS] name options; options as source text. */
    record AlterSequence(Span span, QualifiedName name, boolean ifExists, String options)
            implements SqlStatement {
        public AlterSequence {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(options, "options is null");
        }

        public Kind kind() {
            return Kind.ALTER_SEQUENCE;
        }
    }

    /**
     * ALTER [MATERIALIZED] VIEW [IF EXISTS] name {SET | RESET} (options): the only forms read.
     *
     * @param options the text inside the parentheses
     */
    record AlterView(
            Span span,
            QualifiedName name,
            boolean materialized,
            boolean ifExists,
            boolean reset,
            String options)
            implements SqlStatement {
        public AlterView {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(options, "options is null");
        }

        public Kind kind() {
            return Kind.ALTER_VIEW;
        }
    }

    /**
     * CREATE [OR REPLACE] [TEMP] [MATERIALIZED] VIEW [IF NOT EXISTS] name AS query; query as source
     * text.
     */
    record CreateView(
            Span span,
            QualifiedName name,
            boolean orReplace,
            boolean materialized,
            boolean ifNotExists,
            String query,
            boolean withData,
            String options)
            implements SqlStatement {
        /** A view written without {@code WITH (...)} options. */
        public CreateView(
                Span span,
                QualifiedName name,
                boolean orReplace,
                boolean materialized,
                boolean ifNotExists,
                String query,
                boolean withData) {
            this(span, name, orReplace, materialized, ifNotExists, query, withData, null);
        }

        public CreateView {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(query, "query is null");
        }

        public Kind kind() {
            return Kind.CREATE_VIEW;
        }
    }

    /** REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA]. */
    record RefreshMaterializedView(
            Span span, QualifiedName name, boolean concurrently, boolean withData)
            implements SqlStatement {
        public RefreshMaterializedView {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(name, "name is null");
        }

        public Kind kind() {
            return Kind.REFRESH_MATERIALIZED_VIEW;
        }
    }

    /**
     * COMMENT ON object IS 'text' | NULL.
     *
     * @param objectType the object kind, upper case, words joined by a space ({@code TABLE}, {@code
     *     MATERIALIZED VIEW})
     * @param target the object as written after the kind (for a column: {@code table.column}),
     *     folded parts joined by dots
     * @param comment the comment, or null for {@code IS NULL}
     */
    record Comment(Span span, String objectType, String target, String comment)
            implements SqlStatement {
        public Comment {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(objectType, "objectType is null");
            Objects.requireNonNull(target, "target is null");
        }

        public Kind kind() {
            return Kind.COMMENT;
        }
    }

    /**
     * CREATE [OR REPLACE] [CONSTRAINT] TRIGGER name {BEFORE|AFTER|INSTEAD OF} events ON table ...
     * EXECUTE FUNCTION f.
     *
     * @param timingEvents the timing and events as written ({@code BEFORE INSERT OR UPDATE})
     * @param rest what follows the table as written ({@code FOR EACH ROW EXECUTE FUNCTION f()})
     */
    record CreateTrigger(
            Span span,
            String name,
            boolean orReplace,
            boolean constraint,
            String timing,
            List<String> events,
            QualifiedName table,
            QualifiedName function,
            String timingEvents,
            String rest)
            implements SqlStatement {
        public CreateTrigger {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(table, "table is null");
            events = List.copyOf(events);
        }

        public Kind kind() {
            return Kind.CREATE_TRIGGER;
        }
    }

    /**
     * CREATE [OR REPLACE] FUNCTION or PROCEDURE; the body stays opaque.
     *
     * @param language the LANGUAGE, lower case, or null when not written ({@code sql} for a BEGIN
     *     ATOMIC body)
     * @param body the body: the dollar- or single-quoted AS string's content, or the BEGIN ATOMIC
     *     block; null if none
     * @param definition what follows the name, as written: the argument list, the return type, the
     *     options and the body
     */
    record CreateFunction(
            Span span,
            QualifiedName name,
            boolean procedure,
            boolean orReplace,
            String language,
            String body,
            String definition)
            implements SqlStatement {
        public CreateFunction {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(name, "name is null");
        }

        public Kind kind() {
            return Kind.CREATE_FUNCTION;
        }
    }

    /** TRUNCATE [TABLE] [ONLY] names [RESTART IDENTITY] [CASCADE]. */
    record Truncate(Span span, List<QualifiedName> tables, boolean restartIdentity, boolean cascade)
            implements SqlStatement {
        public Truncate {
            Objects.requireNonNull(span, "span is null");
            tables = List.copyOf(tables);
        }

        public Kind kind() {
            return Kind.TRUNCATE;
        }
    }

    /**
     * VACUUM [FULL] [FREEZE] [ANALYZE] or VACUUM (options) [tables]; an empty list means the
     * database.
     */
    record Vacuum(Span span, boolean full, boolean analyze, List<QualifiedName> tables)
            implements SqlStatement {
        public Vacuum {
            Objects.requireNonNull(span, "span is null");
            tables = List.copyOf(tables);
        }

        public Kind kind() {
            return Kind.VACUUM;
        }
    }

    /** ANALYZE [tables]; an empty list means the database. */
    record Analyze(Span span, List<QualifiedName> tables) implements SqlStatement {
        public Analyze {
            Objects.requireNonNull(span, "span is null");
            tables = List.copyOf(tables);
        }

        public Kind kind() {
            return Kind.ANALYZE;
        }
    }

    /** CLUSTER [table [USING index]]; table null means every clustered table. */
    record Cluster(Span span, QualifiedName table, String index) implements SqlStatement {
        public Cluster {
            Objects.requireNonNull(span, "span is null");
        }

        public Kind kind() {
            return Kind.CLUSTER;
        }
    }

    /**
     * SET [SESSION | LOCAL] parameter {TO | =} value; the value as source text, parameter lower
     * case.
     */
    record SetParameter(Span span, boolean local, String parameter, String value)
            implements SqlStatement {
        public SetParameter {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(parameter, "parameter is null");
            Objects.requireNonNull(value, "value is null");
        }

        public Kind kind() {
            return Kind.SET;
        }
    }

    /** RESET parameter | RESET ALL (parameter {@code all}). */
    record Reset(Span span, String parameter) implements SqlStatement {
        public Reset {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(parameter, "parameter is null");
        }

        public Kind kind() {
            return Kind.RESET;
        }
    }

    /** Transaction control verbs. */
    enum TransactionAction {
        BEGIN,
        COMMIT,
        ROLLBACK,
        SAVEPOINT,
        RELEASE_SAVEPOINT,
        ROLLBACK_TO_SAVEPOINT
    }

    /** BEGIN / START TRANSACTION / COMMIT / END / ROLLBACK / ABORT / SAVEPOINT / RELEASE. */
    record Transaction(Span span, TransactionAction action) implements SqlStatement {
        public Transaction {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(action, "action is null");
        }

        public Kind kind() {
            return Kind.TRANSACTION;
        }
    }

    /** The data-changing verbs. */
    enum DmlVerb {
        INSERT,
        UPDATE,
        DELETE,
        MERGE,
        /** {@code COPY table FROM ...}: loads rows, as an INSERT does. */
        COPY
    }

    /**
     * INSERT / UPDATE / DELETE on a table.
     *
     * @param hasWhere an UPDATE or DELETE with a top-level WHERE (an INSERT: always false; a MERGE:
     *     always true, its ON clause selects the rows)
     * @param inserted an INSERT's rows when it names its columns and every value is a constant
     *     written out; null otherwise
     */
    record Dml(
            Span span,
            DmlVerb verb,
            QualifiedName table,
            boolean hasWhere,
            dev.evoplan.model.InsertedRows inserted)
            implements SqlStatement {
        public Dml {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(verb, "verb is null");
            Objects.requireNonNull(table, "table is null");
        }

        /** A statement that inserts no constant rows. */
        Dml(Span span, DmlVerb verb, QualifiedName table, boolean hasWhere) {
            this(span, verb, table, hasWhere, null);
        }

        public Kind kind() {
            return Kind.DML;
        }
    }

    /**
     * A query (SELECT, VALUES, or WITH ... SELECT); migrations run {@code SELECT setval(...)} and
     * the like.
     */
    record Select(Span span) implements SqlStatement {
        public Select {
            Objects.requireNonNull(span, "span is null");
        }

        public Kind kind() {
            return Kind.SELECT;
        }
    }

    /**
     * CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v]; schema and version null
     * when not written.
     */
    record CreateExtension(
            Span span, String name, boolean ifNotExists, String schema, String version)
            implements SqlStatement {
        public CreateExtension {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(name, "name is null");
        }

        public Kind kind() {
            return Kind.CREATE_EXTENSION;
        }
    }

    /** CREATE SCHEMA [IF NOT EXISTS] name. */
    record CreateSchema(Span span, String name, boolean ifNotExists) implements SqlStatement {
        public CreateSchema {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(name, "name is null");
        }

        public Kind kind() {
            return Kind.CREATE_SCHEMA;
        }
    }

    /**
     * DO [LANGUAGE l] 'body': an anonymous block, opaque; language lower case, plpgsql when not
     * written.
     */
    record Do(Span span, String language, String body) implements SqlStatement {
        public Do {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(language, "language is null");
            Objects.requireNonNull(body, "body is null");
        }

        public Kind kind() {
            return Kind.DO;
        }
    }

    /**
     * GRANT or REVOKE, kept as text parts.
     *
     * @param privileges what is granted, as source text ({@code SELECT, INSERT}, or a role for role
     *     grants)
     * @param objects the ON clause as source text, or null for a role grant
     * @param grantees the TO / FROM list as source text
     */
    record Grant(Span span, boolean revoke, String privileges, String objects, String grantees)
            implements SqlStatement {
        public Grant {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(privileges, "privileges is null");
            Objects.requireNonNull(grantees, "grantees is null");
        }

        public Kind kind() {
            return Kind.GRANT;
        }
    }

    /**
     * CREATE STATISTICS [IF NOT EXISTS] [name] [(kinds)] ON ... FROM table; name null when left to
     * PostgreSQL.
     */
    record CreateStatistics(Span span, QualifiedName name, QualifiedName table)
            implements SqlStatement {
        public CreateStatistics {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(table, "table is null");
        }

        public Kind kind() {
            return Kind.CREATE_STATISTICS;
        }
    }

    /**
     * LOCK [TABLE] [ONLY] names [IN mode MODE] [NOWAIT].
     *
     * @param mode the lock mode as written, upper case with single spaces ({@code SHARE ROW
     *     EXCLUSIVE}); PostgreSQL's default {@code ACCESS EXCLUSIVE} when not written
     */
    record LockTable(Span span, List<QualifiedName> tables, String mode, boolean nowait)
            implements SqlStatement {
        public LockTable {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(mode, "mode is null");
            tables = List.copyOf(tables);
        }

        public Kind kind() {
            return Kind.LOCK_TABLE;
        }
    }

    /** What a domain statement does. */
    enum DomainAction {
        CREATE,
        ADD_CONSTRAINT,
        DROP_CONSTRAINT,
        OTHER
    }

    /**
     * CREATE DOMAIN name AS type ... or ALTER DOMAIN name action (DROP DOMAIN is a {@link Drop}).
     *
     * @param notValid an ADD CONSTRAINT written NOT VALID (existing columns are not checked)
     */
    record Domain(Span span, DomainAction action, QualifiedName name, boolean notValid)
            implements SqlStatement {
        public Domain {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(action, "action is null");
            Objects.requireNonNull(name, "name is null");
        }

        public Kind kind() {
            return Kind.DOMAIN;
        }
    }

    /**
     * CREATE FOREIGN TABLE [IF NOT EXISTS] name (...) SERVER s: a table whose rows live elsewhere.
     */
    record CreateForeignTable(Span span, QualifiedName name) implements SqlStatement {
        public CreateForeignTable {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(name, "name is null");
        }

        public Kind kind() {
            return Kind.CREATE_FOREIGN_TABLE;
        }
    }

    /**
     * ALTER {FUNCTION | PROCEDURE | ROUTINE} name [(arguments)] action.
     *
     * @param arguments the argument list as written (without parentheses), or null when not written
     * @param renameTo the new name of a RENAME TO, else null
     * @param action the action as written, lower case and folded ({@code owner to app}, {@code set
     *     search_path = public}, {@code rename to g})
     */
    record AlterRoutine(
            Span span,
            QualifiedName name,
            boolean procedure,
            String arguments,
            String renameTo,
            String action)
            implements SqlStatement {
        public AlterRoutine {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(action, "action is null");
        }

        public Kind kind() {
            return Kind.ALTER_ROUTINE;
        }
    }

    /** ALTER TRIGGER name ON table RENAME TO new (the only ALTER TRIGGER besides DEPENDS ON). */
    record AlterTrigger(Span span, String name, QualifiedName table, String renameTo)
            implements SqlStatement {
        public AlterTrigger {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(table, "table is null");
        }

        public Kind kind() {
            return Kind.ALTER_TRIGGER;
        }
    }

    /** What a policy statement does. */
    enum PolicyAction {
        CREATE,
        ALTER,
        DROP
    }

    /**
     * CREATE POLICY name ON table [AS PERMISSIVE|RESTRICTIVE] [FOR command] [TO roles] [USING (e)]
     * [WITH CHECK (e)], ALTER POLICY name ON table {RENAME TO n | [TO roles] [USING (e)] [WITH
     * CHECK (e)]}, DROP POLICY [IF EXISTS] name ON table.
     *
     * @param permissive null when not written
     * @param command ALL/SELECT/INSERT/UPDATE/DELETE upper case, or null when not written
     * @param roles the roles as written (folded), empty when not written
     * @param using the USING expression as written, or null
     * @param withCheck the WITH CHECK expression as written, or null
     */
    record Policy(
            Span span,
            PolicyAction action,
            String name,
            QualifiedName table,
            boolean ifExists,
            Boolean permissive,
            String command,
            List<String> roles,
            String using,
            String withCheck,
            String renameTo)
            implements SqlStatement {
        public Policy {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(action, "action is null");
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(table, "table is null");
            roles = List.copyOf(roles);
        }

        public Kind kind() {
            return Kind.POLICY;
        }
    }

    /** A statement this parser could not read, kept with its place and the reason. */
    record Unrecognized(Span span, String reason) implements SqlStatement {
        public Unrecognized {
            Objects.requireNonNull(span, "span is null");
            Objects.requireNonNull(reason, "reason is null");
        }

        public Kind kind() {
            return Kind.UNRECOGNIZED;
        }
    }
}
