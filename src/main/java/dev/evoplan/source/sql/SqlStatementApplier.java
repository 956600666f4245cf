package dev.evoplan.source.sql;

import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.EnumType;
import dev.evoplan.model.Extension;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.Identifiers;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.IdentityOptions;
import dev.evoplan.model.Index;
import dev.evoplan.model.IndexElement;
import dev.evoplan.model.MaterializedViewIndex;
import dev.evoplan.model.Origin;
import dev.evoplan.model.Partition;
import dev.evoplan.model.Partitioning;
import dev.evoplan.model.Policy;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Rename;
import dev.evoplan.model.ReplicaIdentity;
import dev.evoplan.model.Routine;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SchemaEdits;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SqlText;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.StorageParameters;
import dev.evoplan.model.Table;
import dev.evoplan.model.Trigger;
import dev.evoplan.model.UniqueConstraint;
import dev.evoplan.model.UnmodelledObject;
import dev.evoplan.model.View;
import dev.evoplan.model.WrittenFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies parsed SQL statements, in order, to a {@link Schema} as PostgreSQL would, and records
 * each as a {@link SourceChange}. Statements it cannot apply (unknown objects, forms the model does
 * not hold, unreadable SQL) become opaque changes that need review; none is dropped.
 */
public final class SqlStatementApplier {
    private static final Pattern CALLS_OR_WRITES =
            Pattern.compile("(?i)[a-z_][a-z0-9_$.\"]*\\s*\\(|\\bINTO\\b");
    private static final Pattern OWNED_BY =
            Pattern.compile(
                    "(?i)\\bOWNED\\s+BY\\s+(NONE\\b|(?:\"(?:[^\"]|\"\")*\"|[^\\s;.\"]+)"
                            + "(?:\\s*\\.\\s*(?:\"(?:[^\"]|\"\")*\"|[^\\s;.\"]+))*)");

    private static final Pattern RENAME_TO =
            Pattern.compile("(?i)^\\s*RENAME\\s+TO\\s+(\"(?:[^\"]|\"\")+\"|[^\\s;]+)\\s*$");

    private static final Pattern ROUTINE_ARGUMENTS =
            Pattern.compile("(?is)\\b(?:FUNCTION|PROCEDURE)\\s+[^(]+?\\s*\\(");
    private static final Pattern SESSION_OR_SEQUENCE_CALL =
            Pattern.compile(
                    "(?is)^\\s*SELECT\\s+(?:pg_catalog\\s*\\.\\s*)?(?:setval|set_config)\\s*\\(");

    /**
     * Maintenance operations (judged by their known lock) that leave something in the database the
     * model does not hold; the others (VACUUM, ANALYZE, LOCK TABLE, setval, table settings kept by
     * {@code tableSetting}) leave no object behind.
     */
    private static final java.util.Set<String> STATE_DEFINING =
            java.util.Set.of(
                    "CREATE STATISTICS",
                    "DROP STATISTICS",
                    "ALTER CONSTRAINT",
                    "CREATE DOMAIN",
                    "ALTER DOMAIN ADD CONSTRAINT",
                    "ALTER DOMAIN DROP CONSTRAINT",
                    "DROP DOMAIN",
                    "CREATE FOREIGN TABLE",
                    "DROP TRIGGER");

    private Schema schema;
    private final boolean assumeExisting;

    /** The statement being folded: what an unmodelled object it leaves is made of. */
    private SqlStatement current;

    /**
     * What the statement being folded also did that the model does not show, beside changes it
     * does: judged by each operation's own lock (WrittenFacts#unshownOperations).
     */
    private WrittenFacts unshown = WrittenFacts.NONE;

    private Origin currentOrigin;

    /**
     * What the statement does to the unmodelled objects; applied after it, even when it is opaque.
     */
    private java.util.function.UnaryOperator<Schema> objects;

    private final java.util.Set<QualifiedName> assumedTables = new java.util.TreeSet<>();

    /**
     * The search_path unqualified names are read under. Each file is a session of its own (a
     * migration tool opens one per file, or sets no path between files), so it starts at the
     * default path; a SET LOCAL lasts until its transaction ends (to the end of the file when the
     * file opens none: the tool's own transaction).
     */
    private SearchPath sessionPath = SearchPath.DEFAULT;

    private SearchPath localPath;

    /** The session path when the file's own BEGIN ran: a ROLLBACK goes back to it. */
    private SearchPath pathAtBegin;

    private String pathFile;

    public SqlStatementApplier(Schema start) {
        this(start, false);
    }

    private SqlStatementApplier(Schema start, boolean assumeExisting) {
        this.schema = Objects.requireNonNull(start, "start is null");
        this.assumeExisting = assumeExisting;
    }

    /**
     * A folder for migrations read on their own (lint): objects a statement works on that the
     * schema does not hold are taken to exist already (see {@link AssumedObjects}), instead of
     * making the statement unreadable.
     */
    public static SqlStatementApplier assumingExisting(Schema start) {
        return new SqlStatementApplier(start, true);
    }

    /**
     * A statement that only changes a setting the model does not hold (ANALYZE, SET STATISTICS,
     * DISABLE TRIGGER, ALTER SEQUENCE RESTART, ...): it leaves the schema as it was. Lint judges it
     * by its lock; a changelog's raw SQL of such statements still folds as schema-only.
     */
    public static boolean settingOnly(SourceChange change) {
        return change.kind() == SourceChange.Kind.MAINTENANCE
                && (SETTING_STRENGTH.contains(change.changeType())
                        || change.changeType().equals("ANALYZE")
                        || change.changeType().equals(SEQUENCE_RESTART)
                        || change.changeType().equals(IDENTITY_RESTART));
    }

    private static final String SEQUENCE_RESTART = "ALTER SEQUENCE RESTART";

    /** {@code ALTER TABLE ... ALTER COLUMN c RESTART}: the identity's sequence value, no fact. */
    private static final String IDENTITY_RESTART = "ALTER COLUMN RESTART";

    /** The tables taken to exist because a statement used them, sorted. */
    public java.util.Set<QualifiedName> assumedTables() {
        return java.util.Collections.unmodifiableSet(assumedTables);
    }

    /** The schema after every statement folded so far. */
    public Schema schema() {
        return schema;
    }

    /**
     * Goes on from {@code next}, what something read between two statements left (lint's changelog
     * between two SQL inputs); the tables assumed so far stay assumed.
     */
    public void goOnFrom(Schema next) {
        schema = Objects.requireNonNull(next, "next is null");
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
    public SourceChange fold(SqlStatement written) {
        SqlStatement statement = onSearchPath(written);
        if (assumeExisting) {
            AssumedObjects.Completed completed =
                    AssumedObjects.complete(schema, statement, assumedTables);
            schema = completed.schema();
            assumedTables.addAll(completed.assumedTables());
        }
        Schema before = schema;
        Span span = statement.span();
        Origin origin = Origin.file(span.file(), span.line());
        current = statement;
        currentOrigin = Origin.statement(span.file(), span.line(), span.column());
        objects = null;
        unshown = WrittenFacts.NONE;
        Outcome outcome;
        try {
            outcome = apply(statement);
        } catch (Unfoldable e) {
            schema = before;
            objects = null;
            outcome = Outcome.opaque(changeType(statement), e.getMessage());
        } catch (SequenceOptions.OutOfRange e) {
            throw new dev.evoplan.model.InputException(span.file(), span.line(), e.getMessage());
        }
        if (outcome.kind() == SourceChange.Kind.OPAQUE) {
            // What we could not fully apply must not half-change the model either.
            schema = before;
            if (objects == null && !isSession(statement)) {
                // Nothing passes unread: a state holding a statement evoplan cannot apply differs
                // from one without it.
                UnmodelledObject o =
                        unmodelled("statement", UnmodelledObject.normalize(span.text()), null);
                objects = x -> x.withUnmodelled(o);
            }
        }
        if (objects == null
                && outcome.kind() == SourceChange.Kind.MAINTENANCE
                && STATE_DEFINING.contains(outcome.changeType())) {
            // Judged by its lock, but what it defines (statistics, a domain, a foreign table, an
            // index on a materialized view) is not in the model: a state holding it differs.
            UnmodelledObject o =
                    unmodelled(
                            "statement", UnmodelledObject.normalize(span.text()), outcome.table());
            objects = x -> x.withUnmodelled(o);
        }
        if (objects != null) {
            schema = objects.apply(schema);
        }
        followSearchPath(statement);
        String description = outcome.description();
        if (outcome.kind() == SourceChange.Kind.OPAQUE) {
            description = description + ": " + oneLine(span.text());
        }
        return new SourceChange(
                outcome.kind(),
                outcome.changeType(),
                origin,
                List.of(span.text().strip()),
                before,
                schema,
                outcome.renames(),
                description,
                outcome.table(),
                outcome.kind() == SourceChange.Kind.SCHEMA
                        ? StatementFacts.of(statement).and(unshown)
                        : StatementFacts.of(statement));
    }

    /** The search_path in force for the statement being folded. */
    private SearchPath searchPath() {
        return localPath != null ? localPath : sessionPath;
    }

    /**
     * {@code statement} with its unqualified names read under the search_path in force: a file's
     * first statement starts at the default path. Under the default path (the parse's own reading)
     * it is returned as parsed.
     */
    private SqlStatement onSearchPath(SqlStatement statement) {
        String file = statement.span().file();
        if (!file.equals(pathFile)) {
            pathFile = file;
            sessionPath = SearchPath.DEFAULT;
            localPath = null;
            pathAtBegin = null;
        }
        SearchPath path = searchPath();
        if (path.isDefault() || isSession(statement)) {
            return statement;
        }
        return SqlParser.reparse(
                statement,
                new UnqualifiedNames() {
                    @Override
                    public QualifiedName created(String name) {
                        return path.created(name, SqlStatementApplier.this::schemaExists);
                    }

                    @Override
                    public QualifiedName existing(String name) {
                        return path.existing(name, SqlStatementApplier.this::holds);
                    }
                });
    }

    /**
     * Whether the schema holds an object of that name a statement could look up by it: a relation
     * (table, view, sequence, index), a type or a routine.
     */
    private boolean holds(QualifiedName name) {
        if (schema.relationExists(name) || schema.enums().containsKey(name)) {
            return true;
        }
        QualifiedName from = new QualifiedName("routine", name + "(");
        QualifiedName to = new QualifiedName("routine", name + "(\uffff");
        return !schema.objects().subMap(from, to).isEmpty();
    }

    /**
     * Whether a schema of the search_path exists for a new object to go in. Lint takes one it has
     * not seen to exist (an earlier migration, or production, may have made it); a state holds
     * every schema it has: public, those it creates, those its objects are in.
     */
    private boolean schemaExists(String name) {
        if (assumeExisting
                || name.equals(QualifiedName.DEFAULT_SCHEMA)
                || schema.unmodelled().containsKey(UnmodelledObject.key("schema", name))) {
            return true;
        }
        java.util.function.Predicate<QualifiedName> in = q -> q.schema().equals(name);
        return schema.tables().keySet().stream().anyMatch(in)
                || schema.views().keySet().stream().anyMatch(in)
                || schema.sequences().keySet().stream().anyMatch(in)
                || schema.enums().keySet().stream().anyMatch(in);
    }

    /** An existing object named as written ({@code t} or {@code s.t}), found along the path. */
    private QualifiedName existingName(String schemaOrNull, String name) {
        return schemaOrNull != null
                ? new QualifiedName(schemaOrNull, name)
                : searchPath().existing(name, this::holds);
    }

    /**
     * Follows what a folded statement does to the search_path: SET [SESSION | LOCAL], RESET, a
     * SELECT of set_config, and the end of a transaction (which ends a SET LOCAL; a ROLLBACK also
     * undoes a SET made in the block).
     */
    private void followSearchPath(SqlStatement s) {
        switch (s.kind()) {
            case SET -> {
                SqlStatement.SetParameter set = (SqlStatement.SetParameter) s;
                if (set.parameter().equalsIgnoreCase("search_path")) {
                    setSearchPath(SearchPath.parse(set.value()), set.local());
                }
            }
            case RESET -> {
                String parameter = ((SqlStatement.Reset) s).parameter();
                if (parameter.equalsIgnoreCase("search_path")
                        || parameter.equalsIgnoreCase("all")) {
                    sessionPath = SearchPath.DEFAULT;
                    localPath = null;
                }
            }
            case SELECT -> {
                SetConfig config = SetConfig.of(s.span().text());
                if (config != null) {
                    setSearchPath(config.path(), config.local());
                }
            }
            case TRANSACTION -> {
                switch (((SqlStatement.Transaction) s).action()) {
                    case BEGIN -> pathAtBegin = pathAtBegin == null ? sessionPath : pathAtBegin;
                    case COMMIT -> {
                        localPath = null;
                        pathAtBegin = null;
                    }
                    case ROLLBACK -> {
                        localPath = null;
                        sessionPath = pathAtBegin != null ? pathAtBegin : sessionPath;
                        pathAtBegin = null;
                    }
                    case SAVEPOINT, RELEASE_SAVEPOINT, ROLLBACK_TO_SAVEPOINT -> {}
                }
            }
            default -> {}
        }
    }

    /** A path evoplan cannot follow (null) leaves the one in force: that statement is reviewed. */
    private void setSearchPath(SearchPath path, boolean local) {
        if (path == null) {
            return;
        }
        if (local) {
            localPath = path;
        } else {
            sessionPath = path;
            localPath = null;
        }
    }

    /**
     * {@code SELECT [pg_catalog.]set_config('search_path', value, is_local)}, pg_dump's way of
     * setting the path; {@code path} is null when the value is not a string literal.
     */
    private record SetConfig(SearchPath path, boolean local) {
        private static final Pattern CALL =
                Pattern.compile(
                        "(?is)^\\s*SELECT\\s+(?:pg_catalog\\s*\\.\\s*)?set_config\\s*\\(\\s*"
                                + "'search_path'\\s*,(.*),\\s*(true|false)\\s*\\)\\s*$");

        /** The set_config of search_path {@code select} makes; null when it makes none. */
        static SetConfig of(String select) {
            Matcher m = CALL.matcher(select);
            if (!m.matches()) {
                return null;
            }
            String value = m.group(1).strip();
            SearchPath path = value.matches("'(?:[^']|'')*'") ? SearchPath.parse(value) : null;
            return new SetConfig(path, m.group(2).equalsIgnoreCase("true"));
        }
    }

    /** Whether every statement of the script is one this folder applies or knows to be harmless. */
    public static boolean understands(SqlScript script) {
        return script.statements().stream()
                        .noneMatch(s -> s.kind() == SqlStatement.Kind.UNRECOGNIZED)
                && script.diagnostics().stream()
                        .noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    /** Session and transaction statements change no object: a state does not hold them. */
    private static boolean isSession(SqlStatement s) {
        return switch (s.kind()) {
            case SET, RESET, TRANSACTION -> true;
            default -> false;
        };
    }

    /** An unmodelled object the current statement makes, with its normalised text and place. */
    private UnmodelledObject unmodelled(String kind, String identity, QualifiedName table) {
        return unmodelled(kind, identity, UnmodelledObject.normalize(current.span().text()), table);
    }

    private UnmodelledObject unmodelled(
            String kind, String identity, String text, QualifiedName table) {
        return new UnmodelledObject(kind, identity, text, currentOrigin, table);
    }

    /** Records {@code o} once the statement is folded. */
    private void keep(UnmodelledObject o) {
        then(x -> x.withUnmodelled(o));
    }

    private void then(java.util.function.UnaryOperator<Schema> edit) {
        java.util.function.UnaryOperator<Schema> before = objects;
        objects = before == null ? edit : x -> edit.apply(before.apply(x));
    }

    /**
     * The argument list of a CREATE FUNCTION/PROCEDURE, whitespace folded, lower case outside
     * quotes.
     */
    private static String routineArguments(SqlStatement.CreateFunction f) {
        String text = f.span().text();
        Matcher m = ROUTINE_ARGUMENTS.matcher(text);
        if (!m.find()) {
            return "";
        }
        int open = m.end() - 1;
        int close = SqlText.closingParenthesis(text, open);
        if (close < 0) {
            return "";
        }
        return argumentTypes(text.substring(open + 1, close));
    }

    /**
     * The input argument types of an argument list as written (without its parentheses), as a
     * routine's identity has them.
     */
    static String argumentTypes(String argumentList) {
        List<String> types = new ArrayList<>();
        for (String argument : dev.evoplan.model.RoutineDefinition.topLevelCommas(argumentList)) {
            String type = argumentType(argument);
            if (type != null) {
                types.add(type);
            }
        }
        return String.join(", ", types);
    }

    /** Words that begin a type's name: an argument starting with one has no name of its own. */
    private static final java.util.Set<String> TYPE_FIRST_WORDS =
            java.util.Set.of(
                    "double",
                    "character",
                    "char",
                    "varchar",
                    "bit",
                    "timestamp",
                    "time",
                    "interval",
                    "national",
                    "int",
                    "integer",
                    "bigint",
                    "smallint",
                    "text",
                    "boolean",
                    "bool",
                    "numeric",
                    "decimal",
                    "real",
                    "float",
                    "uuid",
                    "json",
                    "jsonb",
                    "date",
                    "bytea",
                    "anyelement",
                    "anyarray",
                    "record",
                    "void",
                    "trigger",
                    "inet",
                    "cidr",
                    "oid",
                    "regclass",
                    "name");

    /**
     * The type of one routine argument as PostgreSQL's signature has it: mode and name dropped,
     * default dropped, OUT arguments left out (they are not part of a function's identity).
     */
    private static String argumentType(String argument) {
        String a =
                UnmodelledObject.normalize(argument)
                        .replaceAll("(?is)\\s+(DEFAULT\\b|=).*$", "")
                        .strip();
        String lower = a.toLowerCase(Locale.ROOT);
        if (lower.startsWith("out ")) {
            return null;
        }
        a = a.replaceFirst("(?i)^(in|inout|variadic)\\s+", "");
        String[] words = a.split(" ", 2);
        if (words.length == 2
                && !TYPE_FIRST_WORDS.contains(words[0].toLowerCase(Locale.ROOT).replace("\"", ""))
                && !words[1].startsWith("(")
                && !words[1].startsWith("[")) {
            a = words[1];
        }
        return a.isEmpty() ? null : a.toLowerCase(Locale.ROOT);
    }

    /** What folding one statement amounted to. */
    private record Outcome(
            SourceChange.Kind kind,
            String changeType,
            List<Rename> renames,
            String description,
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

    /**
     * A statement that does not apply to the schema as it stands (a missing table, a taken name).
     */
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
            case CREATE_VIEW ->
                    ((SqlStatement.CreateView) s).materialized()
                            ? "CREATE MATERIALIZED VIEW"
                            : "CREATE VIEW";
            case REFRESH_MATERIALIZED_VIEW -> "REFRESH MATERIALIZED VIEW";
            case COMMENT -> "COMMENT ON " + ((SqlStatement.Comment) s).objectType();
            case CREATE_TRIGGER -> "CREATE TRIGGER";
            case CREATE_FUNCTION ->
                    ((SqlStatement.CreateFunction) s).procedure()
                            ? "CREATE PROCEDURE"
                            : "CREATE FUNCTION";
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
            case UNRECOGNIZED ->
                    firstWords(
                            s.span()
                                    .text()
                                    .strip()
                                    .replaceAll("\\s+", " ")
                                    .toUpperCase(Locale.ROOT));
            case CREATE_STATISTICS -> "CREATE STATISTICS";
            case LOCK_TABLE -> "LOCK TABLE";
            case DOMAIN ->
                    ((SqlStatement.Domain) s).action() == SqlStatement.DomainAction.CREATE
                            ? "CREATE DOMAIN"
                            : "ALTER DOMAIN";
            case CREATE_FOREIGN_TABLE -> "CREATE FOREIGN TABLE";
            case ALTER_ROUTINE ->
                    ((SqlStatement.AlterRoutine) s).procedure()
                            ? "ALTER PROCEDURE"
                            : "ALTER FUNCTION";
            case ALTER_TRIGGER -> "ALTER TRIGGER";
            case ALTER_VIEW ->
                    ((SqlStatement.AlterView) s).materialized()
                            ? "ALTER MATERIALIZED VIEW"
                            : "ALTER VIEW";
            case POLICY -> ((SqlStatement.Policy) s).action().name() + " POLICY";
        };
    }

    /**
     * A session setting. Most change nothing a migration's safety depends on; two change what the
     * statements after them mean. A {@code search_path} evoplan follows (see {@link
     * #followSearchPath}) unless its value is not a plain list of schemas: then the statements
     * after it are read under the path before it, and a reviewer must check them. {@code
     * session_replication_role} replica turns off triggers and foreign-key checks for the session.
     */
    private static Outcome sessionSetting(SqlStatement.SetParameter set, String type) {
        String parameter = set.parameter().toLowerCase(Locale.ROOT);
        String value = set.value().strip();
        if (parameter.equals("search_path")) {
            return searchPathSetting(SearchPath.parse(value), type);
        }
        if (parameter.equals("session_replication_role")
                && !value.replace("'", "").equalsIgnoreCase("origin")
                && !value.equalsIgnoreCase("default")) {
            return Outcome.opaque(
                    type,
                    "triggers and foreign-key checks do not fire for the rest of the session, so rows"
                            + " written after this are not checked");
        }
        return Outcome.none(type, type.toLowerCase(Locale.ROOT));
    }

    /** A search_path set to {@code path}; null when its value is not one evoplan can follow. */
    private static Outcome searchPathSetting(SearchPath path, String type) {
        if (path == null) {
            return Outcome.opaque(
                    type,
                    "evoplan cannot follow a search_path computed when it runs: unqualified names in"
                            + " the statements after this are read under the path before it, but"
                            + " may be another schema's");
        }
        return Outcome.none(type, "search_path " + path);
    }

    private static String firstWords(String text) {
        String[] words = text.split(" ");
        String first = words.length > 0 && !words[0].isEmpty() ? words[0] : "SQL";
        if (words.length > 1
                && (first.equals("CREATE") || first.equals("ALTER") || first.equals("DROP"))) {
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
            case ALTER_VIEW -> alterView((SqlStatement.AlterView) s, type);
            case COMMENT -> comment((SqlStatement.Comment) s, type);
            case DML -> {
                SqlStatement.Dml d = (SqlStatement.Dml) s;
                yield new Outcome(
                        SourceChange.Kind.DATA, type, List.of(), dmlDescription(d), d.table());
            }
            case TRUNCATE -> {
                SqlStatement.Truncate t = (SqlStatement.Truncate) s;
                QualifiedName first = t.tables().isEmpty() ? null : t.tables().get(0);
                yield new Outcome(
                        SourceChange.Kind.DATA,
                        type,
                        List.of(),
                        "truncate "
                                + t.tables().stream()
                                        .map(QualifiedName::toString)
                                        .reduce((a, b) -> a + ", " + b)
                                        .orElse(""),
                        first);
            }
            case SET -> sessionSetting((SqlStatement.SetParameter) s, type);
            case RESET, TRANSACTION -> Outcome.none(type, type.toLowerCase(Locale.ROOT));
            case GRANT -> {
                Outcome modelled = tableGrant((SqlStatement.Grant) s, type);
                if (modelled != null) {
                    yield modelled;
                }
                // Other privileges are not modelled; a state that grants differently differs.
                keep(
                        unmodelled(
                                type.toLowerCase(Locale.ROOT),
                                UnmodelledObject.normalize(s.span().text()),
                                null));
                yield Outcome.none(type, type.toLowerCase(Locale.ROOT));
            }
            // ANALYZE samples each table under SHARE UPDATE EXCLUSIVE: judged by that lock.
            case ANALYZE -> {
                SqlStatement.Analyze an = (SqlStatement.Analyze) s;
                yield maintenance(
                        "ANALYZE",
                        an.tables().isEmpty() ? null : an.tables().get(0),
                        "analyze " + (an.tables().isEmpty() ? "every table" : names(an.tables())));
            }
            // A SELECT that calls a function (setval, a migration helper) or writes a table (SELECT
            // INTO) can change anything: review it rather than pass it as a no-op.
            case SELECT -> {
                SetConfig config = SetConfig.of(s.span().text());
                if (config != null) {
                    // The session's search_path, not an object.
                    objects = x -> x;
                    yield searchPathSetting(config.path(), type);
                }
                if (SESSION_OR_SEQUENCE_CALL.matcher(s.span().text()).find()) {
                    // pg_dump's search_path and sequence positions: session state and data, not
                    // objects.
                    objects = x -> x;
                }
                yield select(s, type);
            }
            // VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock: not a harmless no-op.
            case VACUUM -> {
                SqlStatement.Vacuum v = (SqlStatement.Vacuum) s;
                yield v.full()
                        ? maintenance(
                                "VACUUM FULL",
                                v.tables().isEmpty() ? null : v.tables().get(0),
                                "vacuum full "
                                        + (v.tables().isEmpty()
                                                ? "every table"
                                                : names(v.tables())))
                        : maintenance(
                                "VACUUM",
                                v.tables().isEmpty() ? null : v.tables().get(0),
                                "vacuum "
                                        + (v.tables().isEmpty()
                                                ? "every table"
                                                : names(v.tables())));
            }
            case CREATE_SCHEMA -> {
                SqlStatement.CreateSchema c = (SqlStatement.CreateSchema) s;
                if (!c.name().equals(QualifiedName.DEFAULT_SCHEMA)) {
                    keep(
                            unmodelled(
                                    "schema",
                                    c.name(),
                                    "CREATE SCHEMA "
                                            + dev.evoplan.model.Identifiers.quote(c.name()),
                                    null));
                }
                yield Outcome.none(type, "create schema " + c.name());
            }
            case REINDEX -> {
                SqlStatement.Reindex r = (SqlStatement.Reindex) s;
                yield maintenance(
                        "REINDEX",
                        reindexTable(r),
                        "reindex "
                                + r.target().toLowerCase(Locale.ROOT)
                                + (r.name() == null ? "" : " " + r.name()));
            }
            case CLUSTER -> {
                SqlStatement.Cluster c = (SqlStatement.Cluster) s;
                yield maintenance(
                        "CLUSTER",
                        c.table(),
                        "cluster " + (c.table() == null ? "every clustered table" : c.table()));
            }
            case REFRESH_MATERIALIZED_VIEW -> {
                SqlStatement.RefreshMaterializedView r = (SqlStatement.RefreshMaterializedView) s;
                yield maintenance(
                        "REFRESH MATERIALIZED VIEW",
                        r.name(),
                        "refresh materialized view " + r.name());
            }
            case CREATE_TRIGGER -> {
                SqlStatement.CreateTrigger t = (SqlStatement.CreateTrigger) s;
                Trigger trigger =
                        new Trigger(
                                t.table(),
                                t.name(),
                                t.constraint(),
                                UnmodelledObject.normalize(t.timingEvents()),
                                UnmodelledObject.normalize(t.rest()));
                if (!t.orReplace()
                        && schema.objects().containsKey(trigger.key())
                        && !assumeExisting) {
                    throw new Unfoldable(trigger.describe() + " already exists");
                }
                then(x -> x.withObject(trigger));
                // Its lock is known (SHARE ROW EXCLUSIVE on the table, brief); as written it is
                // judged by that lock, and a state diff compares the trigger itself.
                yield maintenance(
                        type, t.table(), "create trigger " + t.name() + " on " + t.table());
            }
            case CREATE_FUNCTION -> {
                SqlStatement.CreateFunction f = (SqlStatement.CreateFunction) s;
                Routine routine =
                        new Routine(
                                f.name(),
                                routineArguments(f),
                                f.procedure(),
                                f.definition().strip(),
                                f.language());
                if (!f.orReplace()
                        && schema.objects().containsKey(routine.key())
                        && !assumeExisting) {
                    throw new Unfoldable(routine.describe() + " already exists");
                }
                then(x -> x.withObject(routine));
                // Defining a routine locks no table; what it does runs only when called, and a call
                // from a migration (SELECT f(), DO, CALL) is judged where it is written.
                yield maintenance(type, null, type.toLowerCase(Locale.ROOT) + " " + f.name());
            }
            case ALTER_ROUTINE -> alterRoutine((SqlStatement.AlterRoutine) s, type);
            case ALTER_TRIGGER -> {
                SqlStatement.AlterTrigger a = (SqlStatement.AlterTrigger) s;
                if (schema.objects().get(Trigger.key(a.table(), a.name())) instanceof Trigger t) {
                    then(x -> x.withoutObject(t.key()).withObject(t.renamed(a.renameTo())));
                } else if (!assumeExisting) {
                    throw new Unfoldable(
                            "trigger " + a.name() + " on " + a.table() + " does not exist");
                }
                // ACCESS EXCLUSIVE on the table, brief (docs/lock-facts.md).
                yield maintenance(
                        "RENAME TRIGGER",
                        a.table(),
                        "rename trigger " + a.name() + " on " + a.table() + " to " + a.renameTo());
            }
            case POLICY -> policy((SqlStatement.Policy) s, type);
            case CREATE_EXTENSION -> createExtension((SqlStatement.CreateExtension) s, type);
            case DO -> Outcome.opaque(type, "its effect is code evoplan does not read");
            case UNRECOGNIZED ->
                    Outcome.opaque(
                            type,
                            "not understood (" + ((SqlStatement.Unrecognized) s).reason() + ")");
            case CREATE_STATISTICS -> {
                SqlStatement.CreateStatistics c = (SqlStatement.CreateStatistics) s;
                table(c.table());
                yield maintenance(
                        type,
                        c.table(),
                        "create statistics "
                                + (c.name() == null ? "" : c.name() + " ")
                                + "on "
                                + c.table());
            }
            case LOCK_TABLE -> {
                SqlStatement.LockTable l = (SqlStatement.LockTable) s;
                l.tables().forEach(this::table);
                yield maintenance(
                        type,
                        l.tables().get(0),
                        "lock table "
                                + names(l.tables())
                                + " in "
                                + l.mode().toLowerCase(Locale.ROOT)
                                + " mode");
            }
            case DOMAIN -> domain((SqlStatement.Domain) s);
            case CREATE_FOREIGN_TABLE ->
                    maintenance(
                            type,
                            null,
                            "create foreign table " + ((SqlStatement.CreateForeignTable) s).name());
        };
    }

    /**
     * Functions a SELECT may call and still be known: sequence writes and what computes their
     * value.
     */
    private static final java.util.Set<String> SEQUENCE_FUNCTIONS =
            java.util.Set.of(
                    "setval",
                    "nextval",
                    "currval",
                    "pg_get_serial_sequence",
                    "max",
                    "min",
                    "coalesce",
                    "greatest",
                    "least",
                    "count");

    private static final Pattern FUNCTION_CALL =
            Pattern.compile("(?i)([a-z_][a-z0-9_$.\"]*)\\s*\\(");

    /**
     * A SELECT that only moves a sequence ({@code setval(pg_get_serial_sequence('t', 'id'),
     * max(id))}) writes the sequence and locks no table beyond a read; one that calls any other
     * function (a migration helper) or writes a table (SELECT INTO) can change anything: review it.
     */
    private static Outcome select(SqlStatement s, String type) {
        // A string ('public.users') names a sequence; a word followed by "(" inside it is no call.
        String text = s.span().text().replaceAll("'[^']*(?:''[^']*)*'", "''");
        if (!CALLS_OR_WRITES.matcher(text).find()) {
            return Outcome.none(type, "select");
        }
        String opaque = "a SELECT that calls a function or writes a table can change anything";
        if (Pattern.compile("(?i)\\bINTO\\b").matcher(text).find()) {
            return Outcome.opaque(type, opaque);
        }
        boolean writesSequence = false;
        Matcher call = FUNCTION_CALL.matcher(text);
        while (call.find()) {
            String function = call.group(1).toLowerCase(Locale.ROOT).replace("\"", "");
            function =
                    function.startsWith("pg_catalog.")
                            ? function.substring("pg_catalog.".length())
                            : function;
            if (!SEQUENCE_FUNCTIONS.contains(function)) {
                return Outcome.opaque(type, opaque);
            }
            writesSequence |= function.equals("setval") || function.equals("nextval");
        }
        return writesSequence
                ? maintenance("SETVAL", null, "sequence write (setval/nextval)")
                : Outcome.none(type, "select");
    }

    /**
     * Domains are not modelled (a column keeps the domain's name as its type): CREATE DOMAIN and
     * dropping a constraint touch no table; ADD CONSTRAINT checks every column of the domain, so it
     * names the first table (by name) with such a column; DROP DOMAIN is in {@link #drop}.
     */
    private Outcome domain(SqlStatement.Domain d) {
        return switch (d.action()) {
            case CREATE -> maintenance("CREATE DOMAIN", null, "create domain " + d.name());
            case ADD_CONSTRAINT ->
                    maintenance(
                            "ALTER DOMAIN ADD CONSTRAINT",
                            firstTableUsing(d.name()),
                            "add constraint to domain "
                                    + d.name()
                                    + (d.notValid() ? " not valid" : ""));
            case DROP_CONSTRAINT ->
                    maintenance(
                            "ALTER DOMAIN DROP CONSTRAINT",
                            null,
                            "drop constraint of domain " + d.name());
            case OTHER -> Outcome.opaque("ALTER DOMAIN", "this ALTER DOMAIN form is not modelled");
        };
    }

    /** The first table, by name, with a column of type {@code type}; null when none is known. */
    private QualifiedName firstTableUsing(QualifiedName type) {
        for (Table t : schema.tables().values()) {
            if (t.columns().stream().anyMatch(c -> usesType(c.type(), type))) {
                return t.name();
            }
        }
        return null;
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
        if (d.verb() == SqlStatement.DmlVerb.COPY) {
            return "copy into " + d.table();
        }
        if (d.verb() == SqlStatement.DmlVerb.MERGE) {
            // Its ON clause selects the rows, like an UPDATE's WHERE: how many is not known.
            return "merge into " + d.table() + ", " + ROWS_MATCHING_WHERE;
        }
        return verb
                + " "
                + d.table()
                + (d.hasWhere() ? ", " + ROWS_MATCHING_WHERE : ", " + EVERY_ROW);
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
                return Outcome.none(
                        "CREATE TABLE", "create table if not exists " + c.name() + " (exists)");
            }
            throw new Unfoldable("relation " + c.name() + " already exists");
        }
        Partition partition = plainPartition(c);
        if (partition != null) {
            attachPartition(c.partitionOf(), c.name(), "DEFAULT".equals(c.bound()));
            if (c.constraints().isEmpty()) {
                then(x -> x.withObject(partition));
            } else {
                // Its own keys and foreign keys, named as PostgreSQL names them.
                schema = schema.withObject(partition);
                for (TableConstraint tc : c.constraints()) {
                    addPartitionConstraint(c.name(), tc);
                }
            }
            return createTableKnownLock(c);
        }
        if (c.asQuery()
                || !c.likes().isEmpty()
                || !c.inherits().isEmpty()
                || c.partitionOf() != null
                || c.persistence() == SqlStatement.Persistence.TEMPORARY) {
            if (c.persistence() == SqlStatement.Persistence.TEMPORARY) {
                objects = x -> x; // a session's table, not the schema's
            } else {
                keep(unmodelled("table", c.name().toString(), c.name()));
            }
            if (c.partitionOf() != null) {
                attachPartition(c.partitionOf(), c.name(), "DEFAULT".equals(c.bound()));
            }
            Outcome known = createTableKnownLock(c);
            if (known != null) {
                return known;
            }
            return Outcome.opaque(
                    "CREATE TABLE",
                    "CREATE TABLE with AS, LIKE, INHERITS, PARTITION OF or TEMP is not modelled");
        }
        schema = schema.withTable(Table.empty(c.name()));
        if (c.persistence() == SqlStatement.Persistence.UNLOGGED) {
            persistence(c.name(), "UNLOGGED");
        }
        if (c.partitionBy() != null) {
            schema =
                    schema.mapTable(
                            c.name(), t -> t.withPartitioning(Partitioning.byKey(c.partitionBy())));
        }
        for (ColumnDefinition d : c.columns()) {
            addColumn(c.name(), d);
        }
        for (TableConstraint tc : c.constraints()) {
            addConstraint(c.name(), tc);
        }
        withoutUniquesRepeatingTheKey(c.name());
        if (c.with() != null) {
            java.util.Map<String, String> with = StorageParameters.parse(c.with());
            // WITH (OIDS = FALSE) is the old default, no storage parameter.
            with.remove("oids");
            schema = edited(() -> SchemaEdits.setStorageParameters(schema, c.name(), with, false));
        }
        return Outcome.schema("CREATE TABLE", "create table " + c.name());
    }

    /**
     * PostgreSQL builds one index for a UNIQUE that repeats the primary key's columns in the same
     * CREATE TABLE ({@code id int PRIMARY KEY UNIQUE}): the key's; no unique constraint is made.
     */
    private void withoutUniquesRepeatingTheKey(QualifiedName name) {
        Table made = schema.tables().get(name);
        if (made == null || made.primaryKey() == null) {
            return;
        }
        List<String> key = made.primaryKey().columns();
        List<UniqueConstraint> kept =
                made.uniques().stream()
                        .filter(u -> u.deferrable() || !u.columns().equals(key))
                        .toList();
        if (kept.size() != made.uniques().size()) {
            schema = schema.withTable(made.withUniques(kept));
        }
    }

    /**
     * The partition {@code c} creates when it is written the plain way: {@code PARTITION OF} a
     * partitioned table the model holds, with a bound and nothing of its own (no column options,
     * constraints, storage parameters or sub-partitioning), so that everything else it has is the
     * parent's clone. Null for any other CREATE TABLE.
     */
    private Partition plainPartition(SqlStatement.CreateTable c) {
        if (c.partitionOf() == null
                || c.bound() == null
                || c.persistence() != SqlStatement.Persistence.PERMANENT
                || !c.columns().isEmpty()
                || !c.constraints().stream().allMatch(SqlStatementApplier::ownPartitionKey)
                || !c.likes().isEmpty()
                || !c.inherits().isEmpty()
                || c.partitionBy() != null
                || c.asQuery()) {
            return null;
        }
        Table parent = schema.tables().get(c.partitionOf());
        if (parent == null || !parent.partitioned()) {
            return null;
        }
        String bound = UnmodelledObject.normalize(c.bound());
        // WITH (...), USING or TABLESPACE after the bound are the partition's own.
        if (!UnmodelledObject.normalize(current.span().text()).endsWith(bound)) {
            return null;
        }
        return new Partition(c.name(), c.partitionOf(), bound);
    }

    /**
     * The parent, if the model holds it partitioned, lists {@code partition} among its own (as its
     * DEFAULT partition when {@code isDefault}).
     */
    private void attachPartition(QualifiedName parent, QualifiedName partition, boolean isDefault) {
        schema =
                schema.mapTable(
                        parent,
                        t ->
                                !t.partitioned()
                                        ? t
                                        : t.withPartitioning(
                                                isDefault
                                                        ? t.partitioning()
                                                                .withDefaultPartition(partition)
                                                        : t.partitioning()
                                                                .withPartition(partition)));
    }

    /**
     * The forms of CREATE TABLE whose columns the model does not follow but whose locks are known
     * (measured): AS reads its query's tables, LIKE its source's definition, PARTITION OF locks the
     * parent. Null for the others (INHERITS, a TEMP table's column list).
     */
    private Outcome createTableKnownLock(SqlStatement.CreateTable c) {
        if (!c.inherits().isEmpty()) {
            return null;
        }
        if (c.asQuery()) {
            QualifiedName read = c.querySources().isEmpty() ? null : c.querySources().get(0);
            return maintenance(
                    "CREATE TABLE AS",
                    read,
                    "create table "
                            + c.name()
                            + " as a query"
                            + (c.querySources().isEmpty()
                                    ? ""
                                    : " reading " + names(c.querySources())));
        }
        if (c.persistence() == SqlStatement.Persistence.TEMPORARY) {
            return null;
        }
        if (c.partitionOf() != null && c.likes().isEmpty()) {
            return maintenance(
                    "CREATE TABLE PARTITION OF",
                    c.partitionOf(),
                    "create table " + c.name() + " partition of " + c.partitionOf());
        }
        if (!c.likes().isEmpty() && c.partitionOf() == null) {
            return maintenance(
                    "CREATE TABLE LIKE",
                    c.likes().get(0),
                    "create table " + c.name() + " like " + names(c.likes()));
        }
        return null;
    }

    private void addColumn(QualifiedName tableName, ColumnDefinition d) {
        Table t = table(tableName);
        if (t.hasColumn(d.name())) {
            throw new Unfoldable("column " + d.name() + " of " + tableName + " already exists");
        }
        Column column =
                new Column(
                        d.name(),
                        d.type(),
                        !d.notNull(),
                        d.defaultValue(),
                        IdentityKind.NONE,
                        d.generated(),
                        null);
        if (SqlType.isSerialSpelling(d.typeWritten())) {
            QualifiedName seq =
                    tableName.sibling(
                            dev.evoplan.model.PostgresNames.choose(
                                    tableName.name(),
                                    d.name(),
                                    "seq",
                                    n -> relationExists(tableName.sibling(n))));
            schema =
                    schema.withSequence(
                            new Sequence(
                                            seq,
                                            d.type().name(),
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            false,
                                            owner(tableName, d.name()))
                                    .normalized());
            column =
                    column.withNullable(false)
                            .withDefault(
                                    DefaultValue.of(
                                            "nextval("
                                                    + Identifiers.literal(seq.sql())
                                                    + "::regclass)"));
        }
        if (d.identity() != IdentityKind.NONE) {
            column =
                    column.withIdentity(d.identity())
                            .withIdentityOptions(
                                    identityOptions(
                                            tableName, d.name(), d.type(), d.identityOptions()));
        }
        column = column.withCollation(d.collation());
        schema = schema.withTable(table(tableName).withColumn(column));
        for (TableConstraint tc : d.constraints()) {
            addConstraint(
                    tableName, tc.columns().isEmpty() ? withColumns(tc, List.of(d.name())) : tc);
        }
    }

    private static TableConstraint withColumns(TableConstraint tc, List<String> columns) {
        return new TableConstraint(
                tc.name(),
                tc.type(),
                columns,
                tc.expression(),
                tc.references(),
                tc.referencedColumns(),
                tc.onDelete(),
                tc.onUpdate(),
                tc.usingIndex(),
                tc.include(),
                tc.deferrable(),
                tc.initiallyDeferred(),
                tc.notValid(),
                tc.noInherit());
    }

    private void addConstraint(QualifiedName tableName, TableConstraint tc) {
        if (partitionNamed(tableName) != null) {
            addPartitionConstraint(tableName, tc);
            return;
        }
        Table t = table(tableName);
        String table = tableName.name();
        for (String col : tc.columns()) {
            column(t, col);
        }
        switch (tc.type()) {
            case PRIMARY_KEY -> {
                if (t.primaryKey() != null) {
                    throw new Unfoldable(
                            "multiple primary keys for table " + tableName + " are not allowed");
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
                    name =
                            dev.evoplan.model.PostgresNames.choose(
                                    table, null, "pkey", n -> relationExists(tableName.sibling(n)));
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
                    name =
                            dev.evoplan.model.PostgresNames.choose(
                                    table,
                                    String.join("_", cols),
                                    "key",
                                    n -> relationExists(tableName.sibling(n)));
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
                    List<String> read =
                            SqlText.identifiers(tc.expression()).stream()
                                    .filter(t::hasColumn)
                                    .toList();
                    name =
                            dev.evoplan.model.PostgresNames.choose(
                                    table,
                                    read.size() == 1 ? read.get(0) : null,
                                    "check",
                                    n -> constraintExists(tableName.schema(), n));
                } else {
                    requireFreeConstraint(t, name);
                }
                List<CheckConstraint> checks = new ArrayList<>(t.checks());
                checks.add(
                        new CheckConstraint(name, tc.expression(), !tc.notValid(), tc.noInherit()));
                schema = schema.withTable(t.withChecks(checks));
            }
            case FOREIGN_KEY -> {
                // A partition referenced: its columns are its parent's.
                Partition targetPartition =
                        tc.references().equals(tableName) ? null : partitionNamed(tc.references());
                Table target =
                        targetPartition != null
                                ? table(targetPartition.parent())
                                : tc.references().equals(tableName) ? t : table(tc.references());
                List<String> targetColumns = tc.referencedColumns();
                if (targetColumns.isEmpty() && targetPartition != null) {
                    targetColumns = keyColumns(tc.references());
                }
                if (targetColumns.isEmpty()) {
                    if (target.primaryKey() == null) {
                        throw new Unfoldable(
                                "there is no primary key for referenced table " + target.name());
                    }
                    targetColumns = target.primaryKey().columns();
                }
                for (String col : targetColumns) {
                    column(target, col);
                }
                String name = tc.name();
                if (name == null) {
                    name =
                            dev.evoplan.model.PostgresNames.choose(
                                    table,
                                    String.join("_", tc.columns()),
                                    "fkey",
                                    n -> constraintExists(tableName.schema(), n));
                } else {
                    requireFreeConstraint(t, name);
                }
                List<ForeignKey> fks = new ArrayList<>(t.foreignKeys());
                fks.add(
                        new ForeignKey(
                                name,
                                tc.columns(),
                                targetPartition != null ? tc.references() : target.name(),
                                targetColumns,
                                tc.onDelete(),
                                tc.onUpdate(),
                                tc.deferrable(),
                                tc.initiallyDeferred(),
                                !tc.notValid()));
                schema = schema.withTable(table(tableName).withForeignKeys(fks));
            }
            case EXCLUDE -> throw new Unfoldable("EXCLUDE constraints are not modelled");
        }
    }

    /** Removes an index that becomes a constraint's ({@code ADD PRIMARY KEY USING INDEX}). */
    private Index takeIndex(QualifiedName tableName, String indexName) {
        Table t = table(tableName);
        Index index =
                t.indexes().stream()
                        .filter(i -> i.name().equals(indexName))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new Unfoldable(
                                                "index "
                                                        + indexName
                                                        + " does not exist on "
                                                        + tableName));
        schema =
                schema.withTable(
                        t.withIndexes(t.indexes().stream().filter(i -> i != index).toList()));
        return index;
    }

    private Outcome alterTable(SqlStatement.AlterTable a) {
        if (!schema.tables().containsKey(a.table()) && !partitionSettings(a)) {
            if (a.ifExists()) {
                return Outcome.none(
                        "ALTER TABLE", "alter table if exists " + a.table() + " (missing)");
            }
            throw new Unfoldable("table " + a.table() + " does not exist");
        }
        QualifiedName name = a.table();
        List<Rename> renames = new ArrayList<>();
        List<String> done = new ArrayList<>();
        boolean changed = false;
        String setting = null;
        // Actions whose ACCESS EXCLUSIVE the differ may not carry: judged by that lock.
        List<String> lockOnly = new ArrayList<>();
        boolean lockUnseen = false;
        boolean lockSeen = false;
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
                    // A new type takes its own default collation unless COLLATE names one.
                    editColumn(
                            name,
                            t.column(),
                            c -> c.withType(t.type()).withCollation(t.collation()));
                    if (column(table(name), t.column()).identity() != IdentityKind.NONE) {
                        // PostgreSQL changes the identity's sequence to the new type as well.
                        identitySequenceType(name, t.column(), t.type(), null);
                    }
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
                    IdentityOptions options =
                            identityOptions(
                                    name,
                                    i.column(),
                                    column(table(name), i.column()).type(),
                                    i.options());
                    editColumn(
                            name,
                            i.column(),
                            c -> c.withIdentity(i.identity()).withIdentityOptions(options));
                    done.add("add identity " + i.column());
                    changed = true;
                }
                case DROP_IDENTITY -> {
                    AlterAction.DropIdentity i = (AlterAction.DropIdentity) action;
                    Column c = column(table(name), i.column());
                    if (c.identity() == IdentityKind.NONE && !i.ifExists()) {
                        throw new Unfoldable("column " + i.column() + " is not an identity column");
                    }
                    editColumn(name, i.column(), x -> x.withIdentity(IdentityKind.NONE));
                    identityOptions(name, i.column(), c.type(), null);
                    done.add("drop identity " + i.column());
                    changed = true;
                }
                case ALTER_IDENTITY -> {
                    AlterAction.AlterIdentity i = (AlterAction.AlterIdentity) action;
                    Column c = column(table(name), i.column());
                    if (!i.options().isEmpty() || i.generated() != null) {
                        IdentityOptions options =
                                c.identityOptions() == null || i.options().isEmpty()
                                        ? null
                                        : IdentityOptions.of(
                                                SequenceOptions.apply(
                                                        c.identityOptions().sequence(c.type()),
                                                        i.options()));
                        Schema was = schema;
                        QualifiedName on = name;
                        schema =
                                edited(
                                        () ->
                                                SchemaEdits.alterIdentity(
                                                        schema,
                                                        on,
                                                        i.column(),
                                                        i.generated(),
                                                        options));
                        changed |= schema != was;
                    } else if (c.identity() == IdentityKind.NONE) {
                        throw new Unfoldable(SchemaEdits.notAnIdentity(name, i.column()));
                    }
                    done.add("alter identity " + i.column());
                    if (i.restart()) {
                        // The sequence's value is data, not schema: judged by the lock alone.
                        lockOnly.add(IDENTITY_RESTART);
                        lockUnseen = true;
                    }
                }
                case ADD_CONSTRAINT -> {
                    AlterAction.AddConstraint add = (AlterAction.AddConstraint) action;
                    TableConstraint tc = add.constraint();
                    if (add.ifMissing()
                            && tc.name() != null
                            && partitionNamed(name) == null
                            && table(name).constraintNames().contains(tc.name())) {
                        done.add("constraint " + tc.name() + " exists");
                        continue;
                    }
                    addConstraint(name, tc);
                    done.add(
                            "add "
                                    + tc.type().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                                    + (tc.notValid() ? " not valid" : ""));
                    changed = true;
                }
                case VALIDATE_CONSTRAINT -> {
                    validate(name, ((AlterAction.ValidateConstraint) action).name());
                    done.add(
                            "validate constraint "
                                    + ((AlterAction.ValidateConstraint) action).name());
                    changed = true;
                }
                case DROP_CONSTRAINT -> {
                    AlterAction.DropConstraint d = (AlterAction.DropConstraint) action;
                    if (d.ifExists()
                            && (partitionNamed(name) != null
                                    ? !partitionNamed(name).hasOwnConstraint(d.name())
                                    : !table(name).constraintNames().contains(d.name()))) {
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
                // Settings the model does not hold: no schema fact changes, but the table is
                // locked,
                // so alone they are judged by their lock (the strongest one when there are
                // several).
                case SET_STATISTICS,
                        SET_STORAGE,
                        SET_COLUMN_OPTIONS,
                        SET_COMPRESSION,
                        CLUSTER_ON,
                        SET_WITHOUT_OIDS,
                        SET_OPTIONS,
                        REPLICA_IDENTITY,
                        TRIGGER_STATE,
                        OWNER_TO -> {
                    // Kept as unmodelled objects of the table too, so a state that sets them
                    // differently is not the same state.
                    tableSetting(name, action);
                    done.add(action.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
                    String operation = settingOperation(action);
                    if (operation == null) {
                        unsupported =
                                "storage parameters whose lock evoplan does not know: "
                                        + String.join(
                                                ", ", ((AlterAction.SetOptions) action).names());
                    } else if (setting == null
                            || SETTING_STRENGTH.indexOf(operation)
                                    > SETTING_STRENGTH.indexOf(setting)) {
                        setting = operation;
                    }
                }
                case SET_LOGGED -> {
                    persistence(
                            name, ((AlterAction.SetLogged) action).logged() ? null : "UNLOGGED");
                    // The model has no persistence: alone, it is a rewrite to judge; mixed, review
                    // it.
                    if (a.actions().size() == 1) {
                        String op =
                                ((AlterAction.SetLogged) action).logged()
                                        ? "SET LOGGED"
                                        : "SET UNLOGGED";
                        return maintenance(
                                op,
                                a.table(),
                                "alter table " + a.table() + " " + op.toLowerCase(Locale.ROOT));
                    }
                    unsupported = "SET LOGGED/UNLOGGED rewrites the table";
                }
                case SET_ACCESS_METHOD -> {
                    String method = ((AlterAction.SetAccessMethod) action).method();
                    keep(
                            unmodelled(
                                    "access method",
                                    name.toString(),
                                    "ALTER TABLE " + name.sql() + " SET ACCESS METHOD " + method,
                                    name));
                    // Like SET LOGGED: alone, a rewrite to judge; mixed, review it.
                    if (a.actions().size() == 1) {
                        return maintenance(
                                "SET ACCESS METHOD",
                                a.table(),
                                "alter table " + a.table() + " set access method " + method);
                    }
                    unsupported = "SET ACCESS METHOD rewrites the table";
                }
                case ATTACH_PARTITION -> {
                    AlterAction.AttachPartition p = (AlterAction.AttachPartition) action;
                    attachPartition(
                            name, p.partition(), "DEFAULT".equalsIgnoreCase(p.bound().strip()));
                    keep(
                            unmodelled(
                                    "partition",
                                    p.partition() + " of " + name,
                                    "ALTER TABLE "
                                            + name.sql()
                                            + " ATTACH PARTITION "
                                            + p.partition().sql()
                                            + " "
                                            + p.bound(),
                                    p.partition()));
                    unsupported = "partitions are not modelled";
                }
                case DETACH_PARTITION -> {
                    AlterAction.DetachPartition p = (AlterAction.DetachPartition) action;
                    QualifiedName key =
                            UnmodelledObject.key("partition", p.partition() + " of " + name);
                    if (schema.unmodelled().containsKey(key)) {
                        then(x -> x.withoutUnmodelled(key));
                    }
                    schema =
                            schema.mapTable(
                                    name,
                                    t ->
                                            t.partitioned()
                                                    ? t.withPartitioning(
                                                            t.partitioning()
                                                                    .withoutPartition(
                                                                            p.partition()))
                                                    : t);
                    unsupported = "partitions are not modelled";
                }
                case SET_SCHEMA -> unsupported = "SET SCHEMA is not modelled";
                // Brief ACCESS EXCLUSIVE on the table alone (docs/lock-facts.md). What they change
                // the model holds; when it shows in the model the differ carries it, else (the
                // state was already so, or lint has not seen the constraint) only the lock does.
                case ALTER_CONSTRAINT -> {
                    AlterAction.AlterConstraint ac = (AlterAction.AlterConstraint) action;
                    Schema was = schema;
                    QualifiedName on = name;
                    if (!assumeExisting || table(name).constraintNames().contains(ac.name())) {
                        schema =
                                edited(
                                        () ->
                                                SchemaEdits.alterForeignKeyDeferral(
                                                        schema,
                                                        on,
                                                        ac.name(),
                                                        ac.deferrable(),
                                                        ac.initiallyDeferred()));
                    }
                    done.add("alter constraint " + ac.name());
                    lockOnly.add("ALTER CONSTRAINT");
                    changed |= schema != was;
                    lockUnseen |= schema == was;
                    lockSeen |= schema != was;
                }
                case ROW_SECURITY -> {
                    AlterAction.RowSecurity.Switch sw = ((AlterAction.RowSecurity) action).change();
                    Schema was = schema;
                    QualifiedName on = name;
                    schema =
                            edited(
                                    () ->
                                            switch (sw) {
                                                case ENABLE ->
                                                        SchemaEdits.setRowSecurity(
                                                                schema, on, true, null);
                                                case DISABLE ->
                                                        SchemaEdits.setRowSecurity(
                                                                schema, on, false, null);
                                                case FORCE ->
                                                        SchemaEdits.setRowSecurity(
                                                                schema, on, null, true);
                                                case NO_FORCE ->
                                                        SchemaEdits.setRowSecurity(
                                                                schema, on, null, false);
                                            });
                    done.add(
                            sw.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                                    + " row level security");
                    lockOnly.add("ROW LEVEL SECURITY");
                    lockUnseen |= schema == was;
                    lockSeen |= schema != was;
                }
                case OTHER ->
                        unsupported = "action not modelled: " + ((AlterAction.Other) action).text();
            }
            if (unsupported != null) {
                return Outcome.opaque("ALTER TABLE", unsupported);
            }
        }
        if (!lockOnly.isEmpty() && !changed) {
            // Their lock, ACCESS EXCLUSIVE, is the strongest any action takes: with no other
            // change to the model, the statement is judged by it.
            return maintenance(
                    lockOnly.get(0),
                    a.table(),
                    "alter table " + a.table() + ": " + String.join(", ", done));
        }
        if (!changed && setting != null) {
            return maintenance(
                    setting,
                    a.table(),
                    "alter table " + a.table() + ": " + String.join(", ", done));
        }
        if (changed) {
            // Beside the changes the differ carries, what the model does not show (a constraint
            // lint has not seen, a switch already so, a setting) goes on as its own operation, so
            // the rules judge it by its own lock rather than the statement passing partly unread.
            List<String> unshownOperations = new ArrayList<>();
            if (lockUnseen && !lockSeen) {
                lockOnly.stream().distinct().forEach(unshownOperations::add);
            }
            if (setting != null) {
                unshownOperations.add(setting);
            }
            unshown = WrittenFacts.unshown(name, unshownOperations);
        }
        SourceChange.Kind kind = changed ? SourceChange.Kind.SCHEMA : SourceChange.Kind.NONE;
        return new Outcome(
                kind,
                "ALTER TABLE",
                renames,
                "alter table " + a.table() + ": " + String.join(", ", done),
                null);
    }

    /**
     * Whether {@code a} only sets what each partition has of its own (row security, replica
     * identity, storage parameters) on a partition the model knows: the model holds those per
     * partition, though not the partition's columns.
     */
    private boolean partitionSettings(SqlStatement.AlterTable a) {
        return SchemaEdits.isPartition(schema, a.table())
                && a.actions().stream()
                        .allMatch(
                                x ->
                                        x.kind() == AlterAction.Kind.ROW_SECURITY
                                                || x.kind() == AlterAction.Kind.REPLICA_IDENTITY
                                                || x.kind() == AlterAction.Kind.SET_OPTIONS
                                                || (x.kind() == AlterAction.Kind.ADD_CONSTRAINT
                                                        && ownPartitionKey(
                                                                ((AlterAction.AddConstraint) x)
                                                                        .constraint()))
                                                || x.kind() == AlterAction.Kind.DROP_CONSTRAINT);
    }

    /**
     * The setting maintenance operations from the weakest lock to the strongest (the rules hold the
     * locks; this order only picks which one speaks for a statement with several).
     */
    private static final List<String> SETTING_STRENGTH =
            List.of(
                    "SET STATISTICS",
                    "SET (attribute options)",
                    "CLUSTER ON",
                    "SET WITHOUT CLUSTER",
                    "SET (storage parameters)",
                    "ENABLE/DISABLE TRIGGER",
                    "SET STORAGE",
                    "SET COMPRESSION",
                    "SET WITHOUT OIDS",
                    "REPLICA IDENTITY",
                    "OWNER TO");

    /**
     * The maintenance operation of a setting action, or null for storage parameters of unknown
     * lock.
     */
    private static String settingOperation(AlterAction action) {
        return switch (action.kind()) {
            case SET_STATISTICS -> "SET STATISTICS";
            case SET_STORAGE -> "SET STORAGE";
            case SET_COLUMN_OPTIONS -> "SET (attribute options)";
            case SET_COMPRESSION -> "SET COMPRESSION";
            case CLUSTER_ON ->
                    ((AlterAction.ClusterOn) action).index() == null
                            ? "SET WITHOUT CLUSTER"
                            : "CLUSTER ON";
            case SET_WITHOUT_OIDS -> "SET WITHOUT OIDS";
            case REPLICA_IDENTITY -> "REPLICA IDENTITY";
            case TRIGGER_STATE -> "ENABLE/DISABLE TRIGGER";
            case OWNER_TO -> "OWNER TO";
            case SET_OPTIONS ->
                    ((AlterAction.SetOptions) action)
                                    .names().stream().allMatch(StorageParameters::takesWeakLock)
                            ? "SET (storage parameters)"
                            : null;
            case ADD_COLUMN,
                    DROP_COLUMN,
                    ALTER_COLUMN_TYPE,
                    SET_DEFAULT,
                    DROP_DEFAULT,
                    SET_NOT_NULL,
                    DROP_NOT_NULL,
                    ADD_IDENTITY,
                    DROP_IDENTITY,
                    ALTER_IDENTITY,
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
                    SET_SCHEMA,
                    ALTER_CONSTRAINT,
                    ROW_SECURITY,
                    OTHER ->
                    throw new IllegalArgumentException("not a setting: " + action.kind());
        };
    }

    /**
     * Keeps one table setting the model does not hold as an unmodelled object of the table: one
     * object per thing set (a storage parameter, a column's storage), so a later statement setting
     * it again replaces it, and a RESET removes it.
     */
    private void tableSetting(QualifiedName table, AlterAction action) {
        String t = table.sql();
        switch (action.kind()) {
            case SET_STATISTICS -> {
                AlterAction.SetStatistics st = (AlterAction.SetStatistics) action;
                keep(
                        unmodelled(
                                "column statistics",
                                table + "." + st.column(),
                                "ALTER TABLE "
                                        + t
                                        + " ALTER COLUMN "
                                        + Identifiers.quote(st.column())
                                        + " SET STATISTICS "
                                        + st.target(),
                                table));
            }
            case SET_STORAGE -> {
                AlterAction.SetStorage st = (AlterAction.SetStorage) action;
                keep(
                        unmodelled(
                                "column storage",
                                table + "." + st.column(),
                                "ALTER TABLE "
                                        + t
                                        + " ALTER COLUMN "
                                        + Identifiers.quote(st.column())
                                        + " SET STORAGE "
                                        + st.storage().toUpperCase(Locale.ROOT),
                                table));
            }
            // One object per option (n_distinct, n_distinct_inherited), as PostgreSQL keeps them:
            // a SET replaces that option only, a RESET removes it.
            case SET_COLUMN_OPTIONS -> {
                AlterAction.SetColumnOptions o = (AlterAction.SetColumnOptions) action;
                String[] written = o.options().split(",");
                for (int i = 0; i < o.names().size(); i++) {
                    String identity = table + "." + o.column() + "." + o.names().get(i);
                    if (o.reset()) {
                        QualifiedName key = UnmodelledObject.key("column option", identity);
                        then(x -> x.withoutUnmodelled(key));
                    } else {
                        String option =
                                written.length == o.names().size()
                                        ? written[i].strip()
                                        : o.options();
                        keep(
                                unmodelled(
                                        "column option",
                                        identity,
                                        "ALTER TABLE "
                                                + t
                                                + " ALTER COLUMN "
                                                + Identifiers.quote(o.column())
                                                + " SET ("
                                                + option
                                                + ")",
                                        table));
                    }
                }
            }
            case SET_COMPRESSION -> {
                AlterAction.SetCompression sc = (AlterAction.SetCompression) action;
                keep(
                        unmodelled(
                                "column compression",
                                table + "." + sc.column(),
                                "ALTER TABLE "
                                        + t
                                        + " ALTER COLUMN "
                                        + Identifiers.quote(sc.column())
                                        + " SET COMPRESSION "
                                        + sc.method(),
                                table));
            }
            // SET WITHOUT CLUSTER leaves the table as one never clustered: nothing to keep.
            case CLUSTER_ON -> {
                String index = ((AlterAction.ClusterOn) action).index();
                if (index == null) {
                    QualifiedName key = UnmodelledObject.key("cluster index", table.toString());
                    then(x -> x.withoutUnmodelled(key));
                } else {
                    keep(
                            unmodelled(
                                    "cluster index",
                                    table.toString(),
                                    "ALTER TABLE " + t + " CLUSTER ON " + Identifiers.quote(index),
                                    table));
                }
            }
            // Accepted for compatibility only: there is nothing to keep.
            case SET_WITHOUT_OIDS -> {}
            // Modelled (StorageParameters, ReplicaIdentity): per relation, a partition too.
            case SET_OPTIONS -> {
                AlterAction.SetOptions o = (AlterAction.SetOptions) action;
                schema =
                        edited(
                                () ->
                                        SchemaEdits.setStorageParameters(
                                                schema,
                                                table,
                                                StorageParameters.parse(o.options()),
                                                o.reset()));
            }
            case REPLICA_IDENTITY -> {
                AlterAction.ReplicaIdentity r = (AlterAction.ReplicaIdentity) action;
                schema =
                        edited(
                                () ->
                                        SchemaEdits.setReplicaIdentity(
                                                schema,
                                                table,
                                                ReplicaIdentity.Mode.of(r.mode()),
                                                r.index()));
            }
            case TRIGGER_STATE -> {
                AlterAction.TriggerState ts = (AlterAction.TriggerState) action;
                keep(
                        unmodelled(
                                "trigger state",
                                ts.trigger() + " on " + table,
                                "ALTER TABLE "
                                        + t
                                        + (ts.enable() ? " ENABLE" : " DISABLE")
                                        + (ts.mode() == null
                                                ? ""
                                                : " " + ts.mode().toUpperCase(Locale.ROOT))
                                        + " TRIGGER "
                                        + ts.trigger(),
                                table));
            }
            case OWNER_TO ->
                    keep(
                            unmodelled(
                                    "owner",
                                    table.toString(),
                                    "ALTER TABLE "
                                            + t
                                            + " OWNER TO "
                                            + ((AlterAction.OwnerTo) action).role(),
                                    table));
            default -> throw new IllegalArgumentException("not a table setting: " + action.kind());
        }
    }

    /**
     * The options of an identity column's sequence ({@code START}, {@code INCREMENT}, {@code
     * MINVALUE}, ...), normalized for the column's type (null when none were written: the
     * defaults). The model holds no sequence type apart from the column's: an {@code AS type} that
     * differs is kept as an unmodelled object of the table, so that it is for review.
     */
    private IdentityOptions identityOptions(
            QualifiedName table, String column, SqlType type, String options) {
        Sequence s =
                options == null
                        ? null
                        : SequenceOptions.apply(
                                        new Sequence(
                                                table.sibling(table.name() + "_" + column + "_seq"),
                                                type.name(),
                                                null,
                                                null,
                                                null,
                                                null,
                                                null,
                                                false,
                                                null),
                                        options)
                                .normalized();
        identitySequenceType(table, column, type, s == null ? null : s.dataType());
        return s == null ? null : IdentityOptions.of(s);
    }

    /**
     * The identity's sequence has data type {@code sequenceType} (null: the column's): one other
     * than the column's {@code type} is kept as an unmodelled object of the table, for review.
     */
    private void identitySequenceType(
            QualifiedName table, String column, SqlType type, String sequenceType) {
        QualifiedName key = UnmodelledObject.identitySequenceTypeKey(table, column);
        if (sequenceType == null || sequenceType.equals(SqlType.parse(type.name()).name())) {
            then(x -> x.withoutUnmodelled(key));
        } else {
            keep(UnmodelledObject.identitySequenceType(table, column, sequenceType, currentOrigin));
        }
    }

    /** UNLOGGED is kept as an unmodelled object of the table; LOGGED (the default) as none. */
    private void persistence(QualifiedName table, String persistence) {
        QualifiedName key = UnmodelledObject.key("persistence", table.toString());
        if (persistence == null) {
            then(x -> x.withoutUnmodelled(key));
        } else {
            keep(
                    unmodelled(
                            "persistence",
                            table.toString(),
                            "ALTER TABLE " + table.sql() + " SET " + persistence,
                            table));
        }
    }

    /** PostgreSQL's DROP COLUMN, with what goes with the column: {@link SchemaEdits}. */
    private void dropColumn(QualifiedName name, String col, boolean cascade) {
        column(table(name), col);
        schema = edited(() -> SchemaEdits.dropColumn(schema, name, col, cascade));
    }

    /** The schema editor's result, its refusal as this statement's. */
    private static Schema edited(java.util.function.Supplier<Schema> edit) {
        try {
            return edit.get();
        } catch (SchemaEdits.Refused e) {
            throw new Unfoldable(e.getMessage());
        }
    }

    private void editColumn(
            QualifiedName name, String col, java.util.function.UnaryOperator<Column> edit) {
        Table t = table(name);
        column(t, col);
        schema = schema.withTable(t.mapColumn(col, edit));
    }

    private void validate(QualifiedName name, String constraint) {
        Table t = table(name);
        if (t.checks().stream().anyMatch(c -> c.name().equals(constraint))) {
            schema =
                    schema.withTable(
                            t.withChecks(
                                    t.checks().stream()
                                            .map(
                                                    c ->
                                                            c.name().equals(constraint)
                                                                    ? c.asValidated()
                                                                    : c)
                                            .toList()));
        } else if (t.foreignKeys().stream().anyMatch(f -> f.name().equals(constraint))) {
            schema =
                    schema.withTable(
                            t.withForeignKeys(
                                    t.foreignKeys().stream()
                                            .map(
                                                    f ->
                                                            f.name().equals(constraint)
                                                                    ? new ForeignKey(
                                                                            f.name(),
                                                                            f.columns(),
                                                                            f.target(),
                                                                            f.targetColumns(),
                                                                            f.onDelete(),
                                                                            f.onUpdate(),
                                                                            f.deferrable(),
                                                                            f.initiallyDeferred(),
                                                                            true)
                                                                    : f)
                                            .toList()));
        } else if (!t.constraintNames().contains(constraint)) {
            throw new Unfoldable("constraint " + constraint + " of " + name + " does not exist");
        }
    }

    private void dropConstraint(QualifiedName name, String constraint, boolean cascade) {
        if (partitionNamed(name) != null) {
            dropPartitionConstraint(name, constraint);
            return;
        }
        Table t = table(name);
        if (t.primaryKey() != null && t.primaryKey().name().equals(constraint)) {
            requireNoReferences(name, t.primaryKey().columns(), cascade);
            schema = schema.withTable(t.withPrimaryKey(null));
        } else if (t.uniques().stream().anyMatch(u -> u.name().equals(constraint))) {
            t.uniques().stream()
                    .filter(u -> u.name().equals(constraint))
                    .forEach(u -> requireNoReferences(name, u.columns(), cascade));
            schema =
                    schema.withTable(
                            t.withUniques(
                                    t.uniques().stream()
                                            .filter(u -> !u.name().equals(constraint))
                                            .toList()));
        } else if (t.checks().stream().anyMatch(c -> c.name().equals(constraint))) {
            schema =
                    schema.withTable(
                            t.withChecks(
                                    t.checks().stream()
                                            .filter(c -> !c.name().equals(constraint))
                                            .toList()));
        } else if (t.foreignKeys().stream().anyMatch(f -> f.name().equals(constraint))) {
            schema =
                    schema.withTable(
                            t.withForeignKeys(
                                    t.foreignKeys().stream()
                                            .filter(f -> !f.name().equals(constraint))
                                            .toList()));
        } else {
            throw new Unfoldable("constraint " + constraint + " of " + name + " does not exist");
        }
    }

    /**
     * A key other tables' foreign keys point at cannot go without CASCADE (which drops them too).
     */
    private void requireNoReferences(QualifiedName name, List<String> keyColumns, boolean cascade) {
        for (Table other : List.copyOf(schema.tables().values())) {
            List<ForeignKey> kept = new ArrayList<>();
            for (ForeignKey fk : other.foreignKeys()) {
                boolean dependent =
                        fk.target().equals(name) && fk.targetColumns().equals(keyColumns);
                if (dependent && !cascade) {
                    throw new Unfoldable(
                            "foreign key "
                                    + fk.name()
                                    + " on "
                                    + other.name()
                                    + " depends on the key");
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
        table(from);
        schema = edited(() -> SchemaEdits.renameTable(schema, from, to));
    }

    private void renameColumn(QualifiedName name, String from, String to) {
        Table t = table(name);
        column(t, from);
        if (t.hasColumn(to)) {
            throw new Unfoldable("column " + to + " of " + name + " already exists");
        }
        schema = edited(() -> SchemaEdits.renameColumn(schema, name, from, to));
    }

    private void renameConstraint(QualifiedName name, String from, String to) {
        Table t = table(name);
        if (!t.constraintNames().contains(from)) {
            throw new Unfoldable("constraint " + from + " of " + name + " does not exist");
        }
        requireFreeConstraint(t, to);
        if (t.primaryKey() != null && t.primaryKey().name().equals(from)) {
            // A key constraint's index is renamed with it, so the new name must be a free relation
            // name.
            requireFreeRelation(name.sibling(to));
            t = t.withPrimaryKey(new PrimaryKey(to, t.primaryKey().columns()));
        } else if (t.uniques().stream().anyMatch(u -> u.name().equals(from))) {
            requireFreeRelation(name.sibling(to));
            t =
                    t.withUniques(
                            t.uniques().stream()
                                    .map(
                                            u ->
                                                    u.name().equals(from)
                                                            ? new UniqueConstraint(
                                                                    to, u.columns(), u.deferrable())
                                                            : u)
                                    .toList());
        }
        t =
                t.withChecks(
                                t.checks().stream()
                                        .map(c -> c.name().equals(from) ? c.withName(to) : c)
                                        .toList())
                        .withForeignKeys(
                                t.foreignKeys().stream()
                                        .map(
                                                f ->
                                                        f.name().equals(from)
                                                                ? new ForeignKey(
                                                                        to,
                                                                        f.columns(),
                                                                        f.target(),
                                                                        f.targetColumns(),
                                                                        f.onDelete(),
                                                                        f.onUpdate(),
                                                                        f.deferrable(),
                                                                        f.initiallyDeferred(),
                                                                        f.validated())
                                                                : f)
                                        .toList());
        schema = schema.withTable(t);
    }

    // ---- indexes --------------------------------------------------------------------------

    private Outcome createIndex(SqlStatement.CreateIndex c) {
        View view = schema.views().get(c.table());
        if (view != null && view.materialized() && !schema.tables().containsKey(c.table())) {
            // Held among the schema's objects (a view has no index list); the build locks only
            // the view.
            materializedViewIndex(c);
            return maintenance(
                    "CREATE INDEX ON MATERIALIZED VIEW",
                    c.table(),
                    "create "
                            + (c.unique() ? "unique " : "")
                            + "index "
                            + (c.concurrently() ? "concurrently " : "")
                            + (c.name() == null ? "" : c.name() + " ")
                            + "on materialized view "
                            + c.table());
        }
        if (partitionNamed(c.table()) != null) {
            return createPartitionIndex(c);
        }
        Table t = table(c.table());
        for (IndexElement e : c.elements()) {
            if (!e.expression()) {
                column(t, e.columnOrExpression());
            }
        }
        if (t.partitioned() && c.concurrently()) {
            throw new Unfoldable(
                    "PostgreSQL refuses CREATE INDEX CONCURRENTLY on partitioned table "
                            + c.table()
                            + ": create it ON ONLY the parent, build each partition's index"
                            + " CONCURRENTLY, then ALTER INDEX ... ATTACH PARTITION each");
        }
        String name = newIndexName(c);
        if (name == null) {
            return Outcome.none(
                    "CREATE INDEX", "create index if not exists " + c.name() + " (exists)");
        }
        List<Index> indexes = new ArrayList<>(t.indexes());
        indexes.add(newIndex(c, name));
        schema = schema.withTable(t.withIndexes(indexes));
        if (t.partitioned() && c.only()) {
            return maintenance(
                    "CREATE INDEX ON ONLY",
                    c.table(),
                    "create index " + name + " on only " + c.table());
        }
        return Outcome.schema(
                "CREATE INDEX",
                "create "
                        + (c.unique() ? "unique " : "")
                        + "index "
                        + (c.concurrently() ? "concurrently " : "")
                        + name
                        + " on "
                        + c.table());
    }

    /** Records the index {@code c} makes on a materialized view. */
    private void materializedViewIndex(SqlStatement.CreateIndex c) {
        String name = newIndexName(c);
        if (name == null) {
            return;
        }
        MaterializedViewIndex index = new MaterializedViewIndex(newIndex(c, name));
        then(x -> x.withObject(index));
    }

    /** The index {@code name} of a materialized view, if the schema holds one. */
    private java.util.Optional<MaterializedViewIndex> materializedViewIndexNamed(
            QualifiedName name) {
        return schema.objects().get(MaterializedViewIndex.key(name))
                        instanceof MaterializedViewIndex m
                ? java.util.Optional.of(m)
                : java.util.Optional.empty();
    }

    /**
     * The name a CREATE INDEX gives its index, on a table or a partition: PostgreSQL's when none is
     * written; null when IF NOT EXISTS finds the name taken. Throws when it is taken otherwise.
     */
    private String newIndexName(SqlStatement.CreateIndex c) {
        String name = c.name();
        if (name == null) {
            String keys =
                    String.join("_", dev.evoplan.model.PostgresNames.indexKeyNames(c.elements()));
            return dev.evoplan.model.PostgresNames.choose(
                    c.table().name(), keys, "idx", n -> relationExists(c.table().sibling(n)));
        }
        if (relationExists(c.table().sibling(name))) {
            if (c.ifNotExists()) {
                return null;
            }
            throw new Unfoldable("relation " + name + " already exists");
        }
        return name;
    }

    private static Index newIndex(SqlStatement.CreateIndex c, String name) {
        return new Index(
                name, c.table(), c.unique(), c.method(), c.elements(), c.include(), c.predicate());
    }

    private Outcome alterIndex(SqlStatement.AlterIndex a) {
        if (a.attachPartition() != null) {
            QualifiedName part = a.attachPartition();
            boolean ownKeyIndex =
                    schema.partitions().stream()
                            .anyMatch(
                                    p ->
                                            p.ownIndexNames().contains(part)
                                                    && p.indexes().stream()
                                                            .noneMatch(
                                                                    i ->
                                                                            i.qualifiedName()
                                                                                    .equals(part)));
            // A partition's key attached to a parent's key becomes that key's clone
            // (conparentid is set), which the model does not follow. Attached to a parent's
            // plain index it stays the partition's own; a plain index attached is the documented
            // per-partition index path, judged by its lock as before.
            if (ownKeyIndex && indexNamed(a.name()).isEmpty()) {
                throw new Unfoldable(
                        "attaching partition index "
                                + part
                                + " to "
                                + a.name()
                                + " is not modelled");
            }
            QualifiedName parent = indexNamed(a.name()).map(Index::table).orElse(null);
            if (parent != null) {
                // Attached to its parent table's index, a partition's plain index becomes that
                // index's clone (pg_inherits), no longer the partition's own: dropping the parent's
                // index drops it, and a live database reads it as a clone too.
                for (dev.evoplan.model.Partition p : schema.partitions()) {
                    if (p.parent().equals(parent)
                            && p.indexes().stream().anyMatch(i -> i.qualifiedName().equals(part))) {
                        schema =
                                schema.withObject(
                                        p.withIndexes(
                                                p.indexes().stream()
                                                        .filter(
                                                                i ->
                                                                        !i.qualifiedName()
                                                                                .equals(part))
                                                        .toList()));
                    }
                }
            }
            return maintenance(
                    "ALTER INDEX ATTACH PARTITION",
                    parent,
                    "attach index " + a.attachPartition() + " to " + a.name());
        }
        if (a.renameTo() == null) {
            return Outcome.opaque("ALTER INDEX", "only ALTER INDEX ... RENAME TO is modelled");
        }
        QualifiedName target = a.name().sibling(a.renameTo());
        java.util.Optional<Index> index = indexNamed(a.name());
        if (index.isPresent()) {
            requireFreeRelation(target);
            Index i = index.get();
            Table t = table(i.table());
            schema =
                    schema.withTable(
                            t.withIndexes(
                                    t.indexes().stream()
                                            .map(
                                                    x ->
                                                            x.name().equals(i.name())
                                                                    ? new Index(
                                                                            a.renameTo(),
                                                                            x.table(),
                                                                            x.unique(),
                                                                            x.method(),
                                                                            x.elements(),
                                                                            x.include(),
                                                                            x.predicate())
                                                                    : x)
                                            .toList()));
            return new Outcome(
                    SourceChange.Kind.SCHEMA,
                    "ALTER INDEX",
                    List.of(new Rename(Rename.Kind.INDEX, i.table(), i.name(), a.renameTo())),
                    "rename index " + a.name() + " to " + a.renameTo(),
                    null);
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
                return Outcome.schema(
                        "ALTER INDEX", "rename index " + a.name() + " to " + a.renameTo());
            }
        }
        if (a.ifExists()) {
            return Outcome.none("ALTER INDEX", "alter index if exists " + a.name() + " (missing)");
        }
        throw new Unfoldable("index " + a.name() + " does not exist");
    }

    // ---- what a partition has of its own ----------------------------------------------------

    /** The partition of that name the model holds (it is no table of its own), or null. */
    private Partition partitionNamed(QualifiedName name) {
        return !schema.tables().containsKey(name)
                        && schema.objects().get(Partition.key(name)) instanceof Partition p
                ? p
                : null;
    }

    /**
     * Whether {@code tc} is a key or foreign key the model holds on a partition: a primary key or
     * unique constraint (its own index, or one the partition has), or a foreign key.
     */
    private static boolean ownPartitionKey(TableConstraint tc) {
        return switch (tc.type()) {
            case PRIMARY_KEY, UNIQUE -> tc.include().isEmpty();
            case FOREIGN_KEY -> true;
            case CHECK, EXCLUDE -> false;
        };
    }

    /** The parent's column: a partition has the columns of its parent. */
    private void partitionColumn(Partition p, String col) {
        column(table(p.parent()), col);
    }

    /**
     * A primary key, unique constraint or foreign key made on a partition itself, named as
     * PostgreSQL names it ({@code partition_pkey}, {@code partition_columns_key}, {@code
     * partition_columns_fkey}).
     */
    private void addPartitionConstraint(QualifiedName name, TableConstraint tc) {
        Partition p = partitionNamed(name);
        for (String col : tc.columns()) {
            partitionColumn(p, col);
        }
        switch (tc.type()) {
            case PRIMARY_KEY, UNIQUE -> {
                boolean primary = tc.type() == TableConstraint.Type.PRIMARY_KEY;
                if (primary && p.primaryKey() != null) {
                    throw new Unfoldable(
                            "multiple primary keys for table " + name + " are not allowed");
                }
                List<String> cols = tc.columns();
                String constraint = tc.name();
                if (tc.usingIndex() != null) {
                    Index index =
                            p.indexes().stream()
                                    .filter(i -> i.name().equals(tc.usingIndex()))
                                    .findFirst()
                                    .orElseThrow(
                                            () ->
                                                    new Unfoldable(
                                                            "index "
                                                                    + tc.usingIndex()
                                                                    + " does not exist on "
                                                                    + name));
                    if (!index.unique()
                            || index.predicate() != null
                            || !index.include().isEmpty()
                            || index.elements().stream().anyMatch(IndexElement::expression)) {
                        throw new Unfoldable(
                                "index " + index.name() + " cannot back a key of " + name);
                    }
                    p = p.withIndexes(p.indexes().stream().filter(i -> i != index).toList());
                    schema = schema.withObject(p);
                    cols = index.columnNames();
                    constraint = constraint == null ? index.name() : constraint;
                }
                if (constraint == null) {
                    String columnsPart = primary ? null : String.join("_", cols);
                    constraint =
                            dev.evoplan.model.PostgresNames.choose(
                                    name.name(),
                                    columnsPart,
                                    primary ? "pkey" : "key",
                                    n -> relationExists(name.sibling(n)));
                } else if (tc.usingIndex() != null && constraint.equals(tc.usingIndex())) {
                    // The index keeps its name.
                } else {
                    requireFreeRelation(name.sibling(constraint));
                }
                if (primary) {
                    p = p.withPrimaryKey(new PrimaryKey(constraint, cols));
                } else {
                    List<UniqueConstraint> uniques = new ArrayList<>(p.uniques());
                    uniques.add(new UniqueConstraint(constraint, cols, tc.deferrable()));
                    p = p.withUniques(uniques);
                }
            }
            case FOREIGN_KEY -> {
                List<String> targetColumns = tc.referencedColumns();
                if (targetColumns.isEmpty()) {
                    targetColumns = keyColumns(tc.references());
                }
                if (schema.tables().containsKey(tc.references())) {
                    Table target = table(tc.references());
                    for (String col : targetColumns) {
                        column(target, col);
                    }
                } else if (partitionNamed(tc.references()) != null) {
                    for (String col : targetColumns) {
                        partitionColumn(partitionNamed(tc.references()), col);
                    }
                } else {
                    throw new Unfoldable("table " + tc.references() + " does not exist");
                }
                String constraint = tc.name();
                if (constraint == null) {
                    constraint =
                            dev.evoplan.model.PostgresNames.choose(
                                    name.name(),
                                    String.join("_", tc.columns()),
                                    "fkey",
                                    n -> constraintExists(name.schema(), n));
                } else if (p.hasOwnConstraint(constraint)) {
                    throw new Unfoldable(
                            "constraint "
                                    + constraint
                                    + " for relation "
                                    + name
                                    + " already exists");
                }
                List<ForeignKey> fks = new ArrayList<>(p.foreignKeys());
                fks.add(
                        new ForeignKey(
                                constraint,
                                tc.columns(),
                                tc.references(),
                                targetColumns,
                                tc.onDelete(),
                                tc.onUpdate(),
                                tc.deferrable(),
                                tc.initiallyDeferred(),
                                !tc.notValid()));
                p = p.withForeignKeys(fks);
            }
            case CHECK, EXCLUDE ->
                    throw new Unfoldable(
                            tc.type() + " constraints of a partition are not modelled");
        }
        schema = schema.withObject(p);
    }

    /**
     * The primary key columns a foreign key without a column list references: the table's, or a
     * partition's own key or else its parent's (which the partition has a clone of).
     */
    private List<String> keyColumns(QualifiedName target) {
        Partition p = partitionNamed(target);
        dev.evoplan.model.PrimaryKey key =
                p == null
                        ? table(target).primaryKey()
                        : p.primaryKey() != null ? p.primaryKey() : table(p.parent()).primaryKey();
        if (key == null) {
            throw new Unfoldable("there is no primary key for referenced table " + target);
        }
        return key.columns();
    }

    private void dropPartitionConstraint(QualifiedName name, String constraint) {
        Partition p = partitionNamed(name);
        if (!p.hasOwnConstraint(constraint)) {
            throw new Unfoldable("constraint " + constraint + " of " + name + " does not exist");
        }
        boolean referenced =
                schema.tables().values().stream()
                                .anyMatch(
                                        t ->
                                                t.foreignKeys().stream()
                                                        .anyMatch(f -> f.target().equals(name)))
                        || schema.partitions().stream()
                                .anyMatch(
                                        o ->
                                                o.foreignKeys().stream()
                                                        .anyMatch(f -> f.target().equals(name)));
        boolean key = !p.foreignKeys().stream().anyMatch(f -> f.name().equals(constraint));
        if (key && referenced) {
            // Which foreign keys depend on which key is not followed for partitions.
            throw new Unfoldable("a foreign key references partition " + name);
        }
        Partition edited =
                p.primaryKey() != null && p.primaryKey().name().equals(constraint)
                        ? p.withPrimaryKey(null)
                        : p.withUniques(
                                        p.uniques().stream()
                                                .filter(u -> !u.name().equals(constraint))
                                                .toList())
                                .withForeignKeys(
                                        p.foreignKeys().stream()
                                                .filter(f -> !f.name().equals(constraint))
                                                .toList());
        schema = schema.withObject(edited);
    }

    private Outcome createPartitionIndex(SqlStatement.CreateIndex c) {
        Partition p = partitionNamed(c.table());
        for (IndexElement e : c.elements()) {
            if (!e.expression()) {
                partitionColumn(p, e.columnOrExpression());
            }
        }
        String name = newIndexName(c);
        if (name == null) {
            return Outcome.none(
                    "CREATE INDEX", "create index if not exists " + c.name() + " (exists)");
        }
        List<Index> indexes = new ArrayList<>(p.indexes());
        indexes.add(newIndex(c, name));
        schema = schema.withObject(p.withIndexes(indexes));
        return Outcome.schema(
                "CREATE INDEX",
                "create "
                        + (c.unique() ? "unique " : "")
                        + "index "
                        + (c.concurrently() ? "concurrently " : "")
                        + name
                        + " on partition "
                        + c.table());
    }

    /** The partition holding {@code index} as its own (not a key's), or null. */
    private Partition partitionOwningIndex(QualifiedName index) {
        for (Partition p : schema.partitions()) {
            if (p.name().schema().equals(index.schema())
                    && p.indexes().stream().anyMatch(i -> i.name().equals(index.name()))) {
                return p;
            }
        }
        return null;
    }

    private void dropPartitionIndex(Partition p, QualifiedName index) {
        schema =
                schema.withObject(
                        p.withIndexes(
                                p.indexes().stream()
                                        .filter(i -> !i.name().equals(index.name()))
                                        .toList()));
    }

    // ---- drops ----------------------------------------------------------------------------

    private Outcome drop(SqlStatement.Drop d, String type) {
        List<String> dropped = new ArrayList<>();
        for (QualifiedName name : d.names()) {
            boolean exists =
                    switch (d.target()) {
                        case TABLE ->
                                schema.tables().containsKey(name)
                                        || schema.objects().containsKey(Partition.key(name));
                        case INDEX ->
                                indexNamed(name).isPresent()
                                        || materializedViewIndexNamed(name).isPresent()
                                        || partitionOwningIndex(name) != null;
                        case VIEW ->
                                schema.views().containsKey(name)
                                        && !schema.views().get(name).materialized();
                        case MATERIALIZED_VIEW ->
                                schema.views().containsKey(name)
                                        && schema.views().get(name).materialized();
                        case SEQUENCE -> schema.sequences().containsKey(name);
                        case TYPE -> schema.enums().containsKey(name);
                        case EXTENSION ->
                                schema.extensions().containsKey(Extension.key(name.name()))
                                        || name.name().equals(Extension.BUILT_IN);
                        case DOMAIN,
                                TRIGGER,
                                FUNCTION,
                                PROCEDURE,
                                SCHEMA,
                                STATISTICS,
                                DATABASE,
                                POLICY ->
                                true;
                    };
            if (!exists) {
                if (d.ifExists()) {
                    continue;
                }
                throw new Unfoldable(
                        d.target().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                                + " "
                                + name
                                + " does not exist");
            }
            switch (d.target()) {
                case TABLE -> {
                    if (schema.objects().get(Partition.key(name)) instanceof Partition p) {
                        dropPartition(p);
                    } else {
                        dropTable(name, d.cascade());
                    }
                }
                case INDEX -> {
                    java.util.Optional<MaterializedViewIndex> onView =
                            materializedViewIndexNamed(name);
                    if (onView.isPresent() && indexNamed(name).isEmpty()) {
                        // The index goes from the model; lint keeps the statement for review (no
                        // lock fact of its own is claimed for it yet), a plan runs it as written.
                        schema = schema.withoutObject(onView.get().key());
                        return maintenance(
                                "DROP INDEX ON MATERIALIZED VIEW",
                                onView.get().table(),
                                "drop index "
                                        + name
                                        + " of materialized view "
                                        + onView.get().table());
                    }
                    Partition owner = partitionOwningIndex(name);
                    if (owner != null && indexNamed(name).isEmpty()) {
                        dropPartitionIndex(owner, name);
                        dropped.add(name.toString());
                        continue;
                    }
                    Index i = indexNamed(name).orElseThrow();
                    Table t = table(i.table());
                    if (t.partitioned() && d.concurrently()) {
                        throw new Unfoldable(
                                "PostgreSQL refuses DROP INDEX CONCURRENTLY of "
                                        + name
                                        + ", an index of partitioned table "
                                        + t.name()
                                        + ": drop it without CONCURRENTLY");
                    }
                    schema =
                            schema.withTable(
                                    t.withIndexes(
                                            t.indexes().stream().filter(x -> x != i).toList()));
                }
                case VIEW, MATERIALIZED_VIEW -> {
                    schema = SchemaEdits.withoutView(schema, name);
                    if (d.cascade()) {
                        dropDependentViews(name);
                    }
                }
                case SEQUENCE -> dropSequence(name, d.cascade());
                case TYPE -> dropType(name, d.cascade());
                case STATISTICS -> {
                    return maintenance(
                            "DROP STATISTICS", null, "drop statistics " + names(d.names()));
                }
                case DATABASE -> {
                    return maintenance("DROP DATABASE", null, "drop database " + names(d.names()));
                }
                case DOMAIN -> {
                    if (d.cascade()) {
                        // CASCADE drops every column of the domain, which the model does not
                        // follow.
                        return Outcome.opaque(
                                type, "DROP DOMAIN CASCADE drops the columns of the domain");
                    }
                    return maintenance("DROP DOMAIN", null, "drop domain " + names(d.names()));
                }
                case EXTENSION -> {
                    if (name.name().equals(Extension.BUILT_IN)) {
                        return Outcome.opaque(
                                type, "plpgsql is built in; dropping it is not modelled");
                    }
                    // Without CASCADE PostgreSQL refuses while anything uses it; the model does not
                    // know what does, so a CASCADE (which may drop indexes and columns) is for
                    // review.
                    if (d.cascade()) {
                        return Outcome.opaque(
                                type,
                                "DROP EXTENSION ... CASCADE drops whatever uses it, which evoplan"
                                        + " does not know");
                    }
                    schema = schema.withoutExtension(name.name());
                }
                case TRIGGER -> {
                    dropUnmodelled(d);
                    if (d.cascade() || d.on() == null) {
                        return Outcome.opaque(
                                type, "its effect is on objects evoplan does not model");
                    }
                    QualifiedName key = Trigger.key(d.on(), name.name());
                    then(x -> x.withoutObject(key));
                    // ACCESS EXCLUSIVE on the trigger's table, brief (docs/lock-facts.md).
                    return maintenance(
                            type, d.on(), "drop trigger " + names(d.names()) + " on " + d.on());
                }
                case POLICY -> {
                    QualifiedName key = Policy.key(d.on(), name.name());
                    if (!schema.objects().containsKey(key) && !d.ifExists() && !assumeExisting) {
                        throw new Unfoldable(
                                "policy " + name.name() + " on " + d.on() + " does not exist");
                    }
                    then(x -> x.withoutObject(key));
                    return maintenance(
                            "DROP POLICY", d.on(), "drop policy " + name.name() + " on " + d.on());
                }
                case FUNCTION, PROCEDURE -> {
                    if (d.cascade()) {
                        // CASCADE drops the triggers, defaults and views that use it: not followed.
                        dropUnmodelled(d);
                        return Outcome.opaque(
                                type,
                                "DROP ... CASCADE drops what uses it, which evoplan does not follow");
                    }
                    dropRoutines(d);
                    return maintenance(
                            d.target() == SqlStatement.DropTarget.PROCEDURE
                                    ? "DROP PROCEDURE"
                                    : "DROP FUNCTION",
                            null,
                            type.toLowerCase(Locale.ROOT) + " " + names(d.names()));
                }
                case SCHEMA -> {
                    dropUnmodelled(d);
                    if (d.cascade()) {
                        // CASCADE drops every object in the schema, tables and their rows too,
                        // which the model does not follow.
                        return Outcome.opaque(
                                type,
                                "DROP SCHEMA ... CASCADE drops everything in the schema, which"
                                        + " evoplan does not follow");
                    }
                    // Without CASCADE PostgreSQL refuses while the schema holds anything: nothing
                    // but the empty schema can go.
                    return maintenance("DROP SCHEMA", null, "drop schema " + names(d.names()));
                }
            }
            dropped.add(name.toString());
        }
        return dropped.isEmpty()
                ? Outcome.none(type, type.toLowerCase(Locale.ROOT) + " if exists (nothing to drop)")
                : Outcome.schema(
                        type, type.toLowerCase(Locale.ROOT) + " " + String.join(", ", dropped));
    }

    /**
     * DROP ... CASCADE also drops every view and materialized view that reads the dropped relation,
     * and the views that read those: a view whose query names it (by its unqualified name, as
     * migrations write it) goes with it, so a later CREATE of the same view is not "already
     * exists".
     */
    private void dropDependentViews(QualifiedName dropped) {
        java.util.Deque<QualifiedName> gone = new java.util.ArrayDeque<>(List.of(dropped));
        while (!gone.isEmpty()) {
            QualifiedName next = gone.pop();
            for (View v : List.copyOf(schema.views().values())) {
                if (SqlText.identifiersOfQuery(v).contains(next.name())) {
                    schema = SchemaEdits.withoutView(schema, v.name());
                    gone.push(v.name());
                }
            }
        }
    }

    /**
     * A DROP of objects kept unmodelled removes them; one that finds none of them is kept itself
     * (by its text), since what it drops is not known.
     */
    private void dropUnmodelled(SqlStatement.Drop d) {
        List<QualifiedName> keys = new ArrayList<>();
        for (QualifiedName name : d.names()) {
            for (UnmodelledObject o : schema.unmodelled().values()) {
                boolean match =
                        switch (d.target()) {
                            case TRIGGER ->
                                    o.kind().equals("trigger")
                                            && d.on() != null
                                            && o.identity().equals(name.name() + " on " + d.on());
                            case FUNCTION, PROCEDURE ->
                                    o.kind().equals(d.target().name().toLowerCase(Locale.ROOT))
                                            && o.identity().startsWith(name + "(");
                            case EXTENSION ->
                                    o.kind().equals("extension")
                                            && o.identity().equals(name.name());
                            case SCHEMA ->
                                    o.kind().equals("schema") && o.identity().equals(name.name());
                            default -> false;
                        };
                if (match) {
                    keys.add(o.key());
                }
            }
        }
        if (keys.isEmpty()) {
            return; // fold() keeps the statement itself
        }
        then(
                x -> {
                    Schema out = x;
                    for (QualifiedName k : keys) {
                        out = out.withoutUnmodelled(k);
                    }
                    return out;
                });
    }

    /**
     * DROP FUNCTION/PROCEDURE: with a signature, that routine; without one, the routine of that
     * name (PostgreSQL refuses the name alone when several share it).
     */
    private void dropRoutines(SqlStatement.Drop d) {
        List<QualifiedName> keys = new ArrayList<>();
        for (int i = 0; i < d.names().size(); i++) {
            QualifiedName name = d.names().get(i);
            String written = d.arguments().get(i);
            if (written != null) {
                keys.add(Routine.key(name, argumentTypes(written)));
            } else {
                for (QualifiedName key : schema.objects().keySet()) {
                    if (Routine.keyNames(key, name)) {
                        keys.add(key);
                    }
                }
            }
        }
        dropUnmodelled(d);
        then(
                x -> {
                    Schema out = x;
                    for (QualifiedName k : keys) {
                        out = out.withoutObject(k);
                    }
                    return out;
                });
    }

    /**
     * ALTER FUNCTION/PROCEDURE: RENAME TO renames the routine; OWNER TO changes nothing the model
     * holds; any other action (SET, SECURITY DEFINER, ...) is kept as an unmodelled object of the
     * routine, so a state that sets it differently differs. No table is locked.
     */
    private Outcome alterRoutine(SqlStatement.AlterRoutine a, String type) {
        List<QualifiedName> keys = new ArrayList<>();
        if (a.arguments() != null) {
            keys.add(Routine.key(a.name(), argumentTypes(a.arguments())));
        } else {
            schema.objects().keySet().stream()
                    .filter(k -> Routine.keyNames(k, a.name()))
                    .forEach(keys::add);
        }
        List<Routine> routines = new ArrayList<>();
        for (QualifiedName k : keys) {
            if (schema.objects().get(k) instanceof Routine r) {
                routines.add(r);
            }
        }
        if (a.renameTo() != null) {
            for (Routine r : routines) {
                Routine renamed = r.renamed(a.name().sibling(a.renameTo()));
                then(x -> x.withoutObject(r.key()).withObject(renamed));
            }
        } else if (!a.action().startsWith("owner to")) {
            String identity =
                    a.name()
                            + "("
                            + (a.arguments() == null ? "" : argumentTypes(a.arguments()))
                            + ")";
            keep(unmodelled("routine setting", identity + " " + a.action(), null));
        }
        // A rename is judged apart: callers still using the old name fail once it commits.
        return maintenance(
                a.renameTo() != null ? "ALTER ROUTINE RENAME" : "ALTER FUNCTION",
                null,
                type.toLowerCase(Locale.ROOT) + " " + a.name() + " " + a.action());
    }

    /** CREATE/ALTER/DROP POLICY, ALTER TABLE's row-security switches aside. */
    private Outcome policy(SqlStatement.Policy p, String type) {
        QualifiedName key = Policy.key(p.table(), p.name());
        String description = type.toLowerCase(Locale.ROOT) + " " + p.name() + " on " + p.table();
        switch (p.action()) {
            case CREATE -> {
                if (schema.objects().containsKey(key) && !assumeExisting) {
                    throw new Unfoldable(
                            "policy " + p.name() + " on " + p.table() + " already exists");
                }
                Policy policy =
                        new Policy(
                                p.table(),
                                p.name(),
                                p.permissive() == null || p.permissive(),
                                p.command(),
                                p.roles(),
                                p.using(),
                                p.withCheck());
                then(x -> x.withObject(policy));
                return maintenance("CREATE POLICY", p.table(), description);
            }
            case ALTER -> {
                if (schema.objects().get(key) instanceof Policy old) {
                    Policy now = old.altered(p.renameTo(), p.roles(), p.using(), p.withCheck());
                    then(x -> x.withoutObject(key).withObject(now));
                } else if (!assumeExisting) {
                    throw new Unfoldable(
                            "policy " + p.name() + " on " + p.table() + " does not exist");
                }
                return maintenance("ALTER POLICY", p.table(), description);
            }
            case DROP -> throw new IllegalStateException("DROP POLICY is a Drop");
        }
        throw new IllegalStateException("unreachable");
    }

    /** A partition dropped: its rows go, and its parent no longer lists it. */
    private void dropPartition(Partition p) {
        schema =
                schema.withoutObject(p.key())
                        .mapTable(
                                p.parent(),
                                t ->
                                        t.partitioned()
                                                ? t.withPartitioning(
                                                        t.partitioning().withoutPartition(p.name()))
                                                : t);
    }

    private void dropTable(QualifiedName name, boolean cascade) {
        schema = edited(() -> SchemaEdits.dropTable(schema, name, cascade));
    }

    private void dropSequence(QualifiedName name, boolean cascade) {
        schema = edited(() -> SchemaEdits.dropSequence(schema, name, cascade));
    }

    private void dropType(QualifiedName name, boolean cascade) {
        for (Table t : schema.tables().values()) {
            for (Column c : t.columns()) {
                if (usesType(c.type(), name)) {
                    throw new Unfoldable(
                            "column "
                                    + t.name()
                                    + "."
                                    + c.name()
                                    + " depends on type "
                                    + name
                                    + (cascade
                                            ? " (DROP TYPE CASCADE drops columns: not modelled)"
                                            : ""));
                }
            }
        }
        schema = schema.withoutEnum(name);
    }

    private static boolean usesType(SqlType type, QualifiedName enumName) {
        return type.name().equals(enumName.name())
                || type.name().equals(enumName.schema() + "." + enumName.name())
                || type.name().equals(enumName.sql());
    }

    // ---- extensions ---------------------------------------------------------------------------

    /** PL/pgSQL is in every database already: creating it is a no-op, not an object. */
    private Outcome createExtension(SqlStatement.CreateExtension e, String type) {
        boolean exists =
                schema.extensions().containsKey(Extension.key(e.name()))
                        || e.name().equals(Extension.BUILT_IN);
        if (exists) {
            if (e.ifNotExists() || e.name().equals(Extension.BUILT_IN)) {
                return Outcome.none(
                        type, "create extension if not exists " + e.name() + " (exists)");
            }
            throw new Unfoldable("extension " + e.name() + " already exists");
        }
        schema = schema.withExtension(new Extension(e.name(), e.schema(), e.version()));
        return Outcome.schema(type, "create extension " + e.name());
    }

    // ---- types, sequences, views, comments -------------------------------------------------

    private Outcome createType(SqlStatement.CreateType c) {
        if (c.form() != SqlStatement.TypeForm.ENUM) {
            return Outcome.opaque(
                    "CREATE TYPE",
                    c.form().name().toLowerCase(Locale.ROOT) + " types are not modelled");
        }
        if (schema.enums().containsKey(c.name())) {
            if (c.ifMissing()) {
                return Outcome.none(
                        "CREATE TYPE", "create type " + c.name() + " if missing (exists)");
            }
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
                        return Outcome.none(
                                "ALTER TYPE", "add value if not exists " + a.value() + " (exists)");
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
                    throw new Unfoldable(
                            "cannot rename enum label " + a.value() + " to " + a.neighbor());
                }
                values.set(at, a.neighbor());
                schema = schema.withEnum(new EnumType(e.name(), values));
                // Kept in the model (later statements use the new label), judged as the rename it
                // is:
                // the differ would see a changed label list it cannot type.
                return maintenance(
                        "ALTER TYPE RENAME VALUE",
                        null,
                        "rename value " + a.value() + " of " + a.name() + " to " + a.neighbor());
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
                            SqlType renamed =
                                    new SqlType(
                                            to.name(),
                                            c.type().modifiers(),
                                            c.type().arrayDimensions());
                            edited = edited.mapColumn(c.name(), x -> x.withType(renamed));
                        }
                    }
                    schema = schema.withTable(edited);
                }
                return Outcome.schema(
                        "ALTER TYPE", "rename type " + a.name() + " to " + a.newName());
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
                return Outcome.none(
                        "CREATE SEQUENCE",
                        "create sequence if not exists " + c.name() + " (exists)");
            }
            throw new Unfoldable("relation " + c.name() + " already exists");
        }
        Sequence s = SequenceOptions.apply(Sequence.of(c.name()), c.options());
        schema =
                schema.withSequence(
                        withOwner(s, ownedBy(c.name(), c.options(), null)).normalized());
        return Outcome.schema("CREATE SEQUENCE", "create sequence " + c.name());
    }

    private Outcome alterSequence(SqlStatement.AlterSequence a) {
        Sequence s = schema.sequences().get(a.name());
        if (s == null && identityOfSequence(a.name()) != null) {
            return alterIdentitySequence(a, identityOfSequence(a.name()));
        }
        if (s == null) {
            if (a.ifExists()) {
                return Outcome.none(
                        "ALTER SEQUENCE", "alter sequence if exists " + a.name() + " (missing)");
            }
            throw new Unfoldable("sequence " + a.name() + " does not exist");
        }
        Matcher rename = RENAME_TO.matcher(a.options());
        if (rename.find()) {
            QualifiedName to = a.name().sibling(Identifiers.fold(rename.group(1)));
            requireFreeRelation(to);
            schema = schema.withoutSequence(a.name()).withSequence(s.withName(to));
            return new Outcome(
                    SourceChange.Kind.SCHEMA,
                    "ALTER SEQUENCE",
                    List.of(new Rename(Rename.Kind.SEQUENCE, a.name(), a.name().name(), to.name())),
                    "rename sequence " + a.name() + " to " + to.name(),
                    null);
        }
        Sequence changed = SequenceOptions.apply(s, a.options());
        Sequence after =
                withOwner(changed, ownedBy(a.name(), a.options(), s.ownedBy())).normalized();
        // RESTART changes no option the model holds, but locks the sequence against nextval().
        if (after.equals(s.normalized()) && SequenceOptions.restarts(a.options())) {
            return maintenance(
                    SEQUENCE_RESTART, a.name(), "alter sequence " + a.name() + " restart");
        }
        schema = schema.withSequence(after);
        return Outcome.schema("ALTER SEQUENCE", "alter sequence " + a.name());
    }

    private java.util.Map.Entry<QualifiedName, Column> identityOfSequence(QualifiedName sequence) {
        return SchemaEdits.identityWithSequence(schema, sequence);
    }

    /**
     * {@code ALTER SEQUENCE} of an identity column's own sequence: its options are the column's
     * (the differ judges them as an identity change), its data type one other than the column's is
     * kept for review, RESTART alone is judged by its lock on the sequence; PostgreSQL refuses
     * OWNED BY (55000), and a rename is not modelled.
     */
    private Outcome alterIdentitySequence(
            SqlStatement.AlterSequence a, java.util.Map.Entry<QualifiedName, Column> identity) {
        QualifiedName table = identity.getKey();
        Column c = identity.getValue();
        if (RENAME_TO.matcher(a.options()).find()) {
            throw new Unfoldable("the name of an identity's sequence is not modelled");
        }
        if (OWNED_BY.matcher(a.options()).find()) {
            throw new Unfoldable("cannot change ownership of identity sequence " + a.name());
        }
        Sequence was = c.identityOptions().sequence(c.type());
        Sequence now = SequenceOptions.apply(was, a.options()).normalized();
        Schema before = schema;
        schema =
                edited(
                        () ->
                                SchemaEdits.alterIdentity(
                                        schema, table, c.name(), null, IdentityOptions.of(now)));
        boolean typeWritten = !now.dataType().equals(was.dataType());
        if (typeWritten) {
            // Only an AS other than the column's type is kept (an AS back to the column's own,
            // after one that differed, stays for review: the model does not hold the first). The
            // statement is for review; the state keeps the object a live database reads too.
            identitySequenceType(table, c.name(), c.type(), now.dataType());
            return Outcome.opaque(
                    "ALTER SEQUENCE",
                    "the identity sequence of "
                            + table
                            + "."
                            + c.name()
                            + " would have another data type than its column, which evoplan"
                            + " does not model");
        }
        if (schema == before && !typeWritten && SequenceOptions.restarts(a.options())) {
            return maintenance(
                    SEQUENCE_RESTART, a.name(), "alter sequence " + a.name() + " restart");
        }
        return Outcome.schema(
                "ALTER SEQUENCE",
                "alter sequence " + a.name() + " (identity of " + table + "." + c.name() + ")");
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
        // table.column or schema.table.column, each part quoted or not (quoted ones may hold
        // spaces and dots).
        List<String> parts = Identifiers.splitQualified(m.group(1));
        if (parts.size() < 2 || parts.size() > 3) {
            throw new Unfoldable("OWNED BY needs table.column");
        }
        String col = Identifiers.fold(parts.get(parts.size() - 1));
        QualifiedName table =
                parts.size() == 2
                        ? existingName(null, Identifiers.fold(parts.get(0)))
                        : new QualifiedName(
                                Identifiers.fold(parts.get(0)), Identifiers.fold(parts.get(1)));
        column(table(table), col);
        if (!table.schema().equals(sequence.schema())) {
            throw new Unfoldable(
                    "sequence must be in the same schema as the table it is linked to");
        }
        return owner(table, col);
    }

    private Outcome createView(SqlStatement.CreateView c, String type) {
        View existing = schema.views().get(c.name());
        if (existing != null || relationExists(c.name())) {
            if (c.ifNotExists()) {
                return Outcome.none(
                        type,
                        type.toLowerCase(Locale.ROOT) + " if not exists " + c.name() + " (exists)");
            }
            if (!c.orReplace() || existing == null || existing.materialized() != c.materialized()) {
                throw new Unfoldable("relation " + c.name() + " already exists");
            }
        }
        // CREATE OR REPLACE sets the options anew, as PostgreSQL does.
        schema =
                schema.withView(
                        new View(
                                c.name(),
                                c.query().strip(),
                                c.materialized(),
                                StorageParameters.parse(c.options())));
        return Outcome.schema(type, type.toLowerCase(Locale.ROOT) + " " + c.name());
    }

    /**
     * ALTER [MATERIALIZED] VIEW v SET / RESET (...): the view's options, as CREATE ... WITH sets
     * them. The differ carries the change and its lock (the options' own).
     */
    private Outcome alterView(SqlStatement.AlterView a, String type) {
        View v = schema.views().get(a.name());
        if (v == null || v.materialized() != a.materialized()) {
            if (a.ifExists() && v == null) {
                return Outcome.none(
                        type, type.toLowerCase(Locale.ROOT) + " " + a.name() + " (missing)");
            }
            throw new Unfoldable(
                    (a.materialized() ? "materialized view " : "view ")
                            + a.name()
                            + " does not exist");
        }
        java.util.SortedMap<String, String> options = new java.util.TreeMap<>(v.options());
        java.util.Map<String, String> given = StorageParameters.parse(a.options());
        if (a.reset()) {
            options.keySet().removeAll(given.keySet());
        } else {
            options.putAll(given);
        }
        schema = schema.withView(v.withOptions(options));
        return Outcome.schema(type, type.toLowerCase(Locale.ROOT) + " " + a.name() + " options");
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
            case "EXTENSION" -> {
                if (builtInComment(c)) {
                    return maintenance(
                            COMMENT_ON,
                            null,
                            "comment on extension " + c.target() + " (built in, as it is)");
                }
                return unmodelledComment(c, type);
            }
            default -> {
                return unmodelledComment(c, type);
            }
        }
    }

    /** A comment on an object the model keeps no comment for, judged by COMMENT ON's lock. */
    private static final String COMMENT_ON = "COMMENT ON";

    /** The object types whose name is a relation COMMENT ON locks (not its table). */
    private static final java.util.Set<String> COMMENTED_RELATIONS =
            java.util.Set.of("INDEX", "SEQUENCE", "VIEW", "MATERIALIZED VIEW", "FOREIGN TABLE");

    /** The object types named {@code name ON table}: COMMENT ON locks the table. */
    private static final java.util.Set<String> COMMENTED_ON_TABLE =
            java.util.Set.of("CONSTRAINT", "TRIGGER", "RULE", "POLICY");

    /**
     * The relation a COMMENT ON locks: the index, view or sequence it names, or the table of a
     * constraint, trigger, rule or policy; null for any other object (a type, a function, an
     * extension, a domain's constraint), which is locked as an object and locks no table.
     */
    private static QualifiedName commentLocks(SqlStatement.Comment c) {
        String target = c.target();
        if (COMMENTED_RELATIONS.contains(c.objectType())) {
            return QualifiedName.parse(target);
        }
        if (COMMENTED_ON_TABLE.contains(c.objectType())) {
            int on = target.lastIndexOf(" on ");
            String table = on < 0 ? null : target.substring(on + 4);
            return table == null || table.startsWith("domain ") ? null : QualifiedName.parse(table);
        }
        return null;
    }

    /**
     * PL/pgSQL's own comment, which every database has with the extension: pg_dump wrote it with
     * {@code CREATE EXTENSION plpgsql} (a no-op here too) until PostgreSQL 11, and newer dumps
     * leave both out. Any other comment on it is the user's, kept as any unmodelled comment.
     */
    private static boolean builtInComment(SqlStatement.Comment c) {
        return Identifiers.fold(c.target()).equals(Extension.BUILT_IN)
                && BUILT_IN_COMMENT.equals(c.comment());
    }

    private static final String BUILT_IN_COMMENT = "PL/pgSQL procedural language";

    private Outcome unmodelledComment(SqlStatement.Comment c, String type) {
        // Comments on indexes, views, types, ... are not part of the model: kept unmodelled.
        String identity = c.objectType().toLowerCase(Locale.ROOT) + " " + c.target();
        if (c.comment() == null) {
            then(x -> x.withoutUnmodelled(UnmodelledObject.key("comment", identity)));
        } else {
            keep(unmodelled("comment", identity, null));
        }
        return maintenance(
                COMMENT_ON, commentLocks(c), type.toLowerCase(Locale.ROOT) + " " + c.target());
    }

    /**
     * GRANT / REVOKE of table privileges on tables the schema holds, read into the model ({@link
     * TableGrantStatement}); null for any other form, which stays an unmodelled object.
     */
    private Outcome tableGrant(SqlStatement.Grant g, String type) {
        TableGrantStatement read = TableGrantStatement.read(g, n -> existingName(null, n));
        if (read == null || !read.tables().stream().allMatch(schema.tables()::containsKey)) {
            return null; // also a view or sequence, which GRANT ... ON name reaches too
        }
        for (QualifiedName table : read.tables()) {
            for (String grantee : read.grantees()) {
                for (String privilege : read.privileges()) {
                    schema =
                            read.revoke()
                                    ? SchemaEdits.revoke(
                                            schema, table, grantee, privilege, read.optionOnly())
                                    : SchemaEdits.grant(
                                            schema,
                                            new dev.evoplan.model.TableGrant(
                                                    table,
                                                    grantee,
                                                    privilege,
                                                    read.withGrantOption()));
                }
            }
        }
        return Outcome.schema(
                type,
                type.toLowerCase(Locale.ROOT)
                        + " "
                        + String.join(", ", read.privileges()).toLowerCase(Locale.ROOT)
                        + " on "
                        + read.tables().stream()
                                .map(QualifiedName::toString)
                                .reduce((a, b) -> a + ", " + b)
                                .orElse(""));
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
        return t.column(col)
                .orElseThrow(
                        () ->
                                new Unfoldable(
                                        "column " + col + " of " + t.name() + " does not exist"));
    }

    /**
     * Tables, views, sequences, indexes and key constraints (whose index has their name) share one
     * namespace.
     */
    private boolean relationExists(QualifiedName name) {
        // Schema.relationExists, with the index and key names looked up in this reader's cache.
        return schema.holdsRelationNamed(name)
                || names().relations.containsKey(name)
                || schema.partitionIndexNamed(name);
    }

    private java.util.Optional<Index> indexNamed(QualifiedName name) {
        return java.util.Optional.ofNullable(names().indexes.get(name));
    }

    private boolean constraintExists(String schemaName, String name) {
        return names().constraints.containsKey(QualifiedName.of(schemaName, name));
    }

    /**
     * The index, key and constraint names of the current schema, brought up to date with the tables
     * that changed since it was last asked: a large migration folder asks many times per statement
     * (choosing default names), and gathering every table's names each time made reading thousands
     * of files quadratic.
     */
    private Names names() {
        if (names.of != schema) {
            Schema.forEachChangedTable(names.of, schema, names::replace);
            names.of = schema;
        }
        return names;
    }

    private final Names names = new Names();

    /**
     * Name counts (a constraint name may repeat on different tables) and the index of each index
     * name.
     */
    private static final class Names {
        Schema of = Schema.EMPTY;
        final java.util.Map<QualifiedName, Integer> relations = new java.util.HashMap<>();
        final java.util.Map<QualifiedName, Index> indexes = new java.util.HashMap<>();
        final java.util.Map<QualifiedName, Integer> constraints = new java.util.HashMap<>();

        /**
         * Brings the names up to date with a table that changed ({@code was} null: created; {@code
         * now} null: dropped). A table edit keeps the lists it did not touch as the same objects,
         * so only the kinds of name whose list changed are gathered again: adding a column touches
         * none, adding an index only the relation and index names.
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
            boolean keys =
                    !java.util.Objects.equals(was.primaryKey(), now.primaryKey())
                            || was.uniques() != now.uniques();
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
                    constraints.computeIfPresent(
                            was.name().sibling(c), (k, v) -> v == 1 ? null : v - 1);
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
            return t.indexRelationNames();
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
            throw new Unfoldable(
                    "constraint " + name + " for relation " + t.name() + " already exists");
        }
    }

    private static String owner(QualifiedName table, String column) {
        return SchemaEdits.Owner.text(table, column);
    }

    private static Sequence withOwner(Sequence s, String owner) {
        return new Sequence(
                s.name(),
                s.dataType(),
                s.start(),
                s.increment(),
                s.minValue(),
                s.maxValue(),
                s.cache(),
                s.cycle(),
                owner);
    }

    /** A statement on one line, cut at 120 characters, as notes and findings quote it. */
    static String oneLine(String text) {
        String s = text.strip().replaceAll("\\s+", " ");
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
