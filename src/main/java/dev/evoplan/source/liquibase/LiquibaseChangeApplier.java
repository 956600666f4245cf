package dev.evoplan.source.liquibase;

import dev.evoplan.model.Column;
import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.Identifiers;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.Index;
import dev.evoplan.model.IndexElement;
import dev.evoplan.model.Origin;
import dev.evoplan.model.PostgresNames;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.ReferentialAction;
import dev.evoplan.model.Rename;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SchemaEdits;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.Table;
import dev.evoplan.model.UniqueConstraint;
import dev.evoplan.model.View;
import dev.evoplan.model.WrittenFacts;
import dev.evoplan.source.sql.SqlParser;
import dev.evoplan.source.sql.SqlScript;
import dev.evoplan.source.sql.SqlStatementApplier;
import dev.evoplan.source.sql.StatementFacts;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.Scope;
import liquibase.change.AddColumnConfig;
import liquibase.change.Change;
import liquibase.change.ChangeFactory;
import liquibase.change.ColumnConfig;
import liquibase.change.ConstraintsConfig;
import liquibase.change.core.AddAutoIncrementChange;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddDefaultValueChange;
import liquibase.change.core.AddForeignKeyConstraintChange;
import liquibase.change.core.AddLookupTableChange;
import liquibase.change.core.AddNotNullConstraintChange;
import liquibase.change.core.AddPrimaryKeyChange;
import liquibase.change.core.AddUniqueConstraintChange;
import liquibase.change.core.AlterSequenceChange;
import liquibase.change.core.CreateIndexChange;
import liquibase.change.core.CreateProcedureChange;
import liquibase.change.core.CreateSequenceChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.CreateViewChange;
import liquibase.change.core.DeleteDataChange;
import liquibase.change.core.DropAllForeignKeyConstraintsChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropDefaultValueChange;
import liquibase.change.core.DropForeignKeyConstraintChange;
import liquibase.change.core.DropIndexChange;
import liquibase.change.core.DropNotNullConstraintChange;
import liquibase.change.core.DropPrimaryKeyChange;
import liquibase.change.core.DropSequenceChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.DropUniqueConstraintChange;
import liquibase.change.core.DropViewChange;
import liquibase.change.core.EmptyChange;
import liquibase.change.core.ExecuteShellCommandChange;
import liquibase.change.core.InsertDataChange;
import liquibase.change.core.LoadDataChange;
import liquibase.change.core.LoadUpdateDataChange;
import liquibase.change.core.MergeColumnChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.change.core.OutputChange;
import liquibase.change.core.RawSQLChange;
import liquibase.change.core.RenameColumnChange;
import liquibase.change.core.RenameSequenceChange;
import liquibase.change.core.RenameTableChange;
import liquibase.change.core.RenameViewChange;
import liquibase.change.core.SQLFileChange;
import liquibase.change.core.SetColumnRemarksChange;
import liquibase.change.core.SetTableRemarksChange;
import liquibase.change.core.StopChange;
import liquibase.change.core.TagDatabaseChange;
import liquibase.change.core.UpdateDataChange;
import liquibase.change.custom.CustomChangeWrapper;
import liquibase.sql.visitor.SqlVisitor;
import liquibase.statement.SequenceNextValueFunction;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.AddDefaultValueStatement;
import liquibase.statement.core.CreateViewStatement;
import liquibase.structure.DatabaseObject;

/**
 * Folds one Liquibase change into the schema as PostgreSQL would end up after Liquibase ran it, and
 * describes it as a {@link SourceChange}. Changes that do not alter the schema (data, opaque SQL,
 * tags) leave it as it was; none is dropped.
 */
final class LiquibaseChangeApplier {
    // Liquibase quotes names by the kind of object they name; its classes share our model's names.
    private static final Class<? extends DatabaseObject> TABLE =
            liquibase.structure.core.Table.class;
    private static final Class<? extends DatabaseObject> COLUMN =
            liquibase.structure.core.Column.class;
    private static final Class<? extends DatabaseObject> PRIMARY_KEY =
            liquibase.structure.core.PrimaryKey.class;
    private static final Class<? extends DatabaseObject> UNIQUE =
            liquibase.structure.core.UniqueConstraint.class;
    private static final Class<? extends DatabaseObject> FOREIGN_KEY =
            liquibase.structure.core.ForeignKey.class;
    private static final Class<? extends DatabaseObject> INDEX =
            liquibase.structure.core.Index.class;
    private static final Class<? extends DatabaseObject> SEQUENCE =
            liquibase.structure.core.Sequence.class;
    private static final Class<? extends DatabaseObject> VIEW = liquibase.structure.core.View.class;
    private static final Pattern REFERENCES =
            Pattern.compile("(?s)^\\s*(.+?)\\s*\\(\\s*(.+?)\\s*\\)\\s*$");
    private static final Pattern PLAIN_NAME =
            Pattern.compile("\"[^\"]+\"|[\\p{L}_][\\p{L}\\p{N}_$]*");
    private static final Pattern VIEW_PREFIX =
            Pattern.compile(
                    "(?is)^\\s*create\\s+(?:or\\s+replace\\s+)?(?:(?:temp|temporary|recursive)\\s+)*view\\s+.+?\\s+as\\s+(.*)$");

    private final OfflinePostgres pg;
    private final WorkingSchema schema;

    /** The change being folded's place: raw SQL's unmodelled objects are reported there. */
    private Origin currentOrigin = Origin.UNKNOWN;

    /** Whether the change being folded put Liquibase's own tables in the schema. */
    private boolean bookkept;

    LiquibaseChangeApplier(OfflinePostgres pg, WorkingSchema schema) {
        this.pg = pg;
        this.schema = schema;
    }

    /** What one change did: its kind, the renames it states and a line for reports. */
    private record Folded(
            SourceChange.Kind kind, List<Rename> renames, String description, QualifiedName table) {
        Folded(SourceChange.Kind kind, List<Rename> renames, String description) {
            this(kind, renames, description, null);
        }

        static Folded data(String verb, QualifiedName table) {
            return new Folded(SourceChange.Kind.DATA, List.of(), verb + " " + table, table);
        }

        static Folded schema(String description) {
            return new Folded(SourceChange.Kind.SCHEMA, List.of(), description);
        }

        static Folded rename(Rename rename, String description) {
            return new Folded(SourceChange.Kind.SCHEMA, List.of(rename), description);
        }
    }

    /**
     * Folds one change.
     *
     * @param modifySql the changeset's {@code modifySql} rewrites that apply to PostgreSQL; they
     *     change the SQL Liquibase sends, not what we fold
     */
    SourceChange fold(Change change, Origin origin, List<SqlVisitor> modifySql) {
        return foldAll(change, origin, modifySql).get(0);
    }

    /**
     * Folds one change into what it did: one change, or, for raw SQL ({@code sql}, {@code sqlFile},
     * {@code createProcedure}) that is not all schema change, one change per statement, read like a
     * {@code .sql} file: a statement evoplan cannot fold is opaque on its own, and the others still
     * fold and are judged.
     */
    List<SourceChange> foldAll(Change change, Origin origin, List<SqlVisitor> modifySql) {
        currentOrigin = origin;
        if (modifySql.isEmpty()) {
            List<SourceChange> statements = rawStatements(change, origin);
            if (statements != null) {
                return statements;
            }
        }
        return withSuppliedValues(change, foldOne(change, origin, modifySql));
    }

    /**
     * The UPDATEs Liquibase runs with values the change supplies for rows that exist (addColumn's
     * {@code value}, {@code valueComputed}, {@code valueNumeric}...; addNotNullConstraint's {@code
     * defaultNullValue}), each also a data change of its own, after the column is added or before
     * NOT NULL is set: the plan then fills the old rows with the changelog's value, in committed
     * batches before NOT NULL is validated, instead of asking a person for one. The schema change
     * keeps its whole SQL, so it is judged as Liquibase runs it.
     */
    private List<SourceChange> withSuppliedValues(Change change, SourceChange folded) {
        QualifiedName table;
        boolean before;
        if (change instanceof AddColumnChange c
                && c.getColumns().stream().anyMatch(column -> column.getValueObject() != null)) {
            table = tableName(c.getSchemaName(), c.getTableName());
            before = false;
        } else if (change instanceof AddNotNullConstraintChange c
                && c.getDefaultNullValue() != null) {
            table = tableName(c.getSchemaName(), c.getTableName());
            before = true;
        } else {
            return List.of(folded);
        }
        if (folded.kind() != SourceChange.Kind.SCHEMA) {
            return List.of(folded);
        }
        Schema at = before ? folded.before() : folded.after();
        List<SourceChange> updates = new ArrayList<>();
        for (String sql : folded.writtenSql()) {
            if (sql.stripLeading().regionMatches(true, 0, "UPDATE ", 0, 7)) {
                updates.add(
                        new SourceChange(
                                SourceChange.Kind.DATA,
                                "update",
                                folded.origin(),
                                List.of(sql),
                                at,
                                at,
                                List.of(),
                                "update " + table,
                                table));
            }
        }
        List<SourceChange> out = new ArrayList<>();
        if (!before) {
            out.add(folded);
        }
        out.addAll(updates);
        if (before) {
            out.add(folded);
        }
        return out;
    }

    private SourceChange foldOne(Change change, Origin origin, List<SqlVisitor> modifySql) {
        String type = changeType(change);
        Schema before = schema.snapshot();
        bookkept = false;
        if (!modifySql.isEmpty() && safeToGenerate(change)) {
            // modifySql rewrites the SQL Liquibase sends: what PostgreSQL runs is that text, so
            // where it differs from the generated SQL, the rewritten text is folded as SQL.
            List<String> generated = pg.generate(change);
            List<String> modified = modified(generated, modifySql);
            if (!generated.isEmpty() && !modified.equals(generated)) {
                Folded read = foldSqlText(String.join(";\n", modified));
                if (read != null) {
                    return new SourceChange(
                            read.kind(),
                            type,
                            origin,
                            modified,
                            bookkept ? Bookkeeping.with(before) : before,
                            schema.snapshot(),
                            read.renames(),
                            read.description(),
                            read.table(),
                            StatementFacts.ofGenerated(modified));
                }
            }
        }
        Folded folded = apply(change, type);
        if (bookkept) {
            // Liquibase's tables were there before this change; it found them, not made them.
            before = Bookkeeping.with(before);
        }
        List<String> sql =
                folded.kind() == SourceChange.Kind.NONE || !safeToGenerate(change)
                        ? List.of()
                        : modified(pg.generate(change), modifySql);
        // How it is written, read by the SQL parser from what Liquibase sends (raw SQL included).
        WrittenFacts written = sql.isEmpty() ? WrittenFacts.NONE : StatementFacts.ofGenerated(sql);
        // Most generated SQL says nothing of how it runs: one shared NONE, not a copy per change.
        written = written.equals(WrittenFacts.NONE) ? WrittenFacts.NONE : written;
        return new SourceChange(
                folded.kind(),
                type,
                origin,
                sql,
                before,
                schema.snapshot(),
                folded.renames(),
                folded.description(),
                folded.table(),
                written);
    }

    private List<String> modified(List<String> sql, List<SqlVisitor> modifySql) {
        if (modifySql.isEmpty()) {
            return sql;
        }
        List<String> out = new ArrayList<>();
        for (String statement : sql) {
            String s = statement;
            for (SqlVisitor visitor : modifySql) {
                s = visitor.modifySql(s, pg.database());
            }
            out.add(s);
        }
        return out;
    }

    static String changeType(Change change) {
        if (change.getClass().getPackageName().equals("liquibase.change.core")) {
            String name = CORE_CHANGE_TYPES.get(change.getClass());
            if (name != null) {
                return name;
            }
        }
        return Scope.getCurrentScope()
                .getSingleton(ChangeFactory.class)
                .getChangeMetaData(change)
                .getName();
    }

    /**
     * Liquibase's own change classes are named by their {@code @DatabaseChange} annotation, which
     * is what the factory's meta-data says for every one of them (checked on Liquibase 4.33's 47);
     * the factory's look-up builds a cache key from every property of the change and searches all
     * change types by priority: 14% of planning a 4,000-changeset changelog.
     */
    private static final ClassValue<String> CORE_CHANGE_TYPES =
            new ClassValue<>() {
                @Override
                protected String computeValue(Class<?> type) {
                    liquibase.change.DatabaseChange annotation =
                            type.getAnnotation(liquibase.change.DatabaseChange.class);
                    return annotation == null ? null : annotation.name();
                }
            };

    /**
     * Generating SQL runs code: executeCommand runs its command, output prints, customChange calls
     * user code. Only Liquibase's own statement-building changes are asked.
     */
    private static boolean safeToGenerate(Change change) {
        return change.getClass().getPackageName().equals("liquibase.change.core")
                && !(change instanceof ExecuteShellCommandChange)
                && !(change instanceof OutputChange)
                && !(change instanceof StopChange)
                && !(change instanceof TagDatabaseChange)
                && !(change instanceof EmptyChange);
    }

    private Folded apply(Change change, String type) {
        if (change instanceof CreateTableChange c) {
            return createTable(c);
        } else if (change instanceof DropTableChange c) {
            QualifiedName name = tableName(c.getSchemaName(), c.getTableName());
            dropTable(name);
            return Folded.schema("drop table " + name);
        } else if (change instanceof RenameTableChange c) {
            return renameTable(c);
        } else if (change instanceof AddColumnChange c) {
            return addColumns(c);
        } else if (change instanceof DropColumnChange c) {
            return dropColumns(c);
        } else if (change instanceof RenameColumnChange c) {
            return renameColumn(c);
        } else if (change instanceof ModifyDataTypeChange c) {
            QualifiedName name = tableName(c.getSchemaName(), c.getTableName());
            String col = columnName(c.getColumnName());
            editColumn(
                    name,
                    col,
                    column ->
                            column.withType(pg.type(required(c.getNewDataType(), "newDataType"))));
            return Folded.schema("alter column type " + name + "." + col);
        } else if (change instanceof AddNotNullConstraintChange c) {
            QualifiedName name = tableName(c.getSchemaName(), c.getTableName());
            String col = columnName(c.getColumnName());
            editColumn(name, col, column -> column.withNullable(false));
            return Folded.schema("set not null " + name + "." + col);
        } else if (change instanceof DropNotNullConstraintChange c) {
            return dropNotNull(c);
        } else if (change instanceof AddDefaultValueChange c) {
            return addDefault(c);
        } else if (change instanceof DropDefaultValueChange c) {
            QualifiedName name = tableName(c.getSchemaName(), c.getTableName());
            String col = columnName(c.getColumnName());
            editColumn(name, col, column -> column.withDefault(null));
            return Folded.schema("drop default " + name + "." + col);
        } else if (change instanceof AddPrimaryKeyChange c) {
            return addPrimaryKey(c);
        } else if (change instanceof DropPrimaryKeyChange c) {
            return dropPrimaryKey(c);
        } else if (change instanceof AddUniqueConstraintChange c) {
            return addUnique(c);
        } else if (change instanceof DropUniqueConstraintChange c) {
            return dropUnique(c);
        } else if (change instanceof AddForeignKeyConstraintChange c) {
            return addForeignKey(c);
        } else if (change instanceof DropForeignKeyConstraintChange c) {
            return dropForeignKey(c);
        } else if (change instanceof DropAllForeignKeyConstraintsChange c) {
            QualifiedName name = tableName(c.getBaseTableSchemaName(), c.getBaseTableName());
            schema.put(schema.table(name).withForeignKeys(List.of()));
            return Folded.schema("drop all foreign keys on " + name);
        } else if (change instanceof CreateIndexChange c) {
            return createIndex(c);
        } else if (change instanceof DropIndexChange c) {
            return dropIndex(c);
        } else if (change instanceof CreateSequenceChange c) {
            return createSequence(c);
        } else if (change instanceof DropSequenceChange c) {
            QualifiedName name = sequenceName(c.getSchemaName(), c.getSequenceName());
            schema.sequence(name);
            dropSequence(name);
            return Folded.schema("drop sequence " + name);
        } else if (change instanceof AlterSequenceChange c) {
            return alterSequence(c);
        } else if (change instanceof RenameSequenceChange c) {
            return renameSequence(c);
        } else if (change instanceof CreateViewChange c) {
            return createView(c);
        } else if (change instanceof DropViewChange c) {
            QualifiedName name = pg.qualified(c.getSchemaName(), c.getViewName(), VIEW);
            if (!Boolean.TRUE.equals(c.isIfExists()) || schema.hasView(name)) {
                schema.view(name);
                schema.removeView(name);
            }
            return Folded.schema("drop view " + name);
        } else if (change instanceof RenameViewChange c) {
            return renameView(c);
        } else if (change instanceof SetTableRemarksChange c) {
            QualifiedName name = tableName(c.getSchemaName(), c.getTableName());
            schema.put(schema.table(name).withComment(blankToNull(c.getRemarks())));
            return Folded.schema("comment on table " + name);
        } else if (change instanceof SetColumnRemarksChange c) {
            return setColumnRemarks(c);
        } else if (change instanceof AddAutoIncrementChange c) {
            return addAutoIncrement(c);
        } else if (change instanceof AddLookupTableChange c) {
            return addLookupTable(c);
        } else if (change instanceof MergeColumnChange c) {
            return mergeColumns(c);
        } else if (change instanceof TagDatabaseChange c) {
            return new Folded(SourceChange.Kind.NONE, List.of(), "tag database " + c.getTag());
        } else if (change instanceof EmptyChange) {
            return new Folded(SourceChange.Kind.NONE, List.of(), "empty");
        } else if (change instanceof OutputChange c) {
            return new Folded(
                    SourceChange.Kind.NONE, List.of(), "output " + oneLine(c.getMessage()));
        }
        return dataOrOpaque(change, type);
    }

    private Folded dataOrOpaque(Change change, String type) {
        if (change instanceof InsertDataChange c) {
            return Folded.data("insert into", tableName(c.getSchemaName(), c.getTableName()));
        } else if (change instanceof UpdateDataChange c) {
            return Folded.data("update", tableName(c.getSchemaName(), c.getTableName()));
        } else if (change instanceof DeleteDataChange c) {
            return Folded.data("delete from", tableName(c.getSchemaName(), c.getTableName()));
        } else if (change instanceof LoadUpdateDataChange c) {
            return Folded.data(
                    "load/update data into", tableName(c.getSchemaName(), c.getTableName()));
        } else if (change instanceof LoadDataChange c) {
            return Folded.data("load data into", tableName(c.getSchemaName(), c.getTableName()));
        }
        Folded read = foldRawSql(change);
        if (read != null) {
            return read;
        }
        String text = null;
        if (change instanceof RawSQLChange c) {
            text = c.getSql();
        } else if (change instanceof SQLFileChange c) {
            text = sqlFileText(c);
        } else if (change instanceof CreateProcedureChange c) {
            text = procedureText(c);
            if (text != null) {
                keepUnmodelled(SqlParser.parse(text, "sql"));
            } else if (c.getPath() != null) {
                text = "createProcedure " + c.getPath();
            }
        } else if (change instanceof CustomChangeWrapper c) {
            text = "customChange " + c.getClassName();
        } else if (change instanceof ExtensionChange c) {
            text = c.description();
        }
        return new Folded(
                SourceChange.Kind.OPAQUE,
                List.of(),
                text == null || text.isBlank() ? type : oneLine(text));
    }

    /**
     * Raw SQL ({@code sql}, {@code sqlFile}, formatted-SQL changesets) read by evoplan's own SQL
     * front end: when every statement is understood and changes only the schema, it is folded like
     * a typed change; otherwise null, and the change stays opaque (needs review).
     */
    private Folded foldRawSql(Change change) {
        String text =
                change instanceof RawSQLChange c
                        ? c.getSql()
                        : change instanceof SQLFileChange f ? sqlFileText(f) : null;
        if (text == null || text.isBlank()) {
            return null;
        }
        return foldSqlText(text);
    }

    /**
     * Raw SQL split into its statements and folded one by one, as the SQL source folds a file; null
     * when it is one schema change as a whole (folded as one change, as before), empty, not raw
     * SQL, or not readable as statements (a syntax error: splitting it could be wrong).
     */
    private List<SourceChange> rawStatements(Change change, Origin origin) {
        String text =
                change instanceof RawSQLChange c
                        ? c.getSql()
                        : change instanceof SQLFileChange f
                                ? sqlFileText(f)
                                : change instanceof CreateProcedureChange p
                                        ? procedureText(p)
                                        : change instanceof CreateIndexChange i
                                                        && onMaterializedView(i)
                                                ? String.join(";\n", pg.generate(change))
                                                : null;
        if (text == null
                || text.isBlank()
                || (change instanceof SQLFileChange f && text.equals("sqlFile " + f.getPath()))) {
            return null;
        }
        if (Bookkeeping.mentionedIn(text)) {
            admitBookkeeping();
        }
        SqlScript script = SqlParser.parse(text, "sql");
        if (script.statements().isEmpty()
                || script.diagnostics().stream()
                        .anyMatch(
                                d ->
                                        d.severity()
                                                == dev.evoplan.source.sql.Diagnostic.Severity
                                                        .ERROR)) {
            return null;
        }
        SqlStatementApplier folder = new SqlStatementApplier(schema.snapshot());
        List<SourceChange> folded = folder.foldAll(script);
        boolean schemaOnly =
                folded.stream()
                        .allMatch(
                                c ->
                                        c.kind() == SourceChange.Kind.SCHEMA
                                                || c.kind() == SourceChange.Kind.NONE
                                                || SqlStatementApplier.settingOnly(c));
        if (schemaOnly && !(change instanceof CreateProcedureChange)) {
            return null;
        }
        schema.replaceAll(placed(folder.schema()));
        List<SourceChange> out = new ArrayList<>();
        for (SourceChange c : folded) {
            // Placed at the changeset: a statement's line counts from the start of the SQL text,
            // not the file.
            out.add(c.at(origin));
        }
        return out;
    }

    /**
     * SQL text read by the SQL front end and folded, when all of it is understood schema change;
     * else null.
     */
    private Folded foldSqlText(String text) {
        if (Bookkeeping.mentionedIn(text)) {
            admitBookkeeping();
        }
        SqlScript script = SqlParser.parse(text, "sql");
        if (!SqlStatementApplier.understands(script)) {
            keepUnmodelled(script);
            return null;
        }
        SqlStatementApplier folder = new SqlStatementApplier(schema.snapshot());
        List<SourceChange> folded = folder.foldAll(script);
        boolean schemaOnly =
                !folded.isEmpty()
                        && folded.stream()
                                .allMatch(
                                        c ->
                                                c.kind() == SourceChange.Kind.SCHEMA
                                                        || c.kind() == SourceChange.Kind.NONE
                                                        || SqlStatementApplier.settingOnly(c));
        if (!schemaOnly) {
            schema.replaceUnmodelled(placed(folder.schema()));
            return null;
        }
        schema.replaceAll(placed(folder.schema()));
        List<Rename> renames = folded.stream().flatMap(c -> c.renames().stream()).toList();
        return new Folded(SourceChange.Kind.SCHEMA, renames, oneLine(text));
    }

    /**
     * Raw SQL that stays opaque still leaves what the model does not hold (a function, a trigger, a
     * DO block) as unmodelled objects, the same ones the SQL source keeps, so a state diff of two
     * changelogs does not lose it.
     */
    private void keepUnmodelled(SqlScript script) {
        SqlStatementApplier folder = new SqlStatementApplier(schema.snapshot());
        folder.foldAll(script);
        schema.replaceUnmodelled(placed(folder.schema()));
    }

    /**
     * {@code folded} with the unmodelled objects the change made placed at the change (not at a
     * line of its SQL).
     */
    private Schema placed(Schema folded) {
        Schema before = schema.snapshot();
        Schema[] out = {folded};
        // Only what the SQL made or replaced: the states share the rest.
        Schema.forEachChanged(
                before.unmodelled(),
                folded.unmodelled(),
                (was, now) -> {
                    if (now != null) {
                        out[0] = out[0].withUnmodelled(now.withOrigin(currentOrigin));
                    }
                });
        return out[0];
    }

    /**
     * A createProcedure's body: written inline, or read from its {@code path} (DependencyTrack
     * keeps each function in procedures/*.sql) through Liquibase's own resource lookup; null when
     * neither can be read.
     */
    private static String procedureText(CreateProcedureChange c) {
        if (c.getProcedureText() != null || c.getPath() == null) {
            return c.getProcedureText();
        }
        try (java.io.InputStream in = c.openSqlStream()) {
            if (in == null) {
                return null;
            }
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static String sqlFileText(SQLFileChange c) {
        try {
            String sql = c.getSql();
            return sql == null ? "sqlFile " + c.getPath() : sql;
        } catch (RuntimeException e) {
            return "sqlFile " + c.getPath();
        }
    }

    // ---- tables -------------------------------------------------------------------------

    private Folded createTable(CreateTableChange c) {
        QualifiedName name = tableName(c.getSchemaName(), c.getTableName());
        if (schema.hasTable(name) || schema.relationExists(name)) {
            if (Boolean.TRUE.equals(c.getIfNotExists())) {
                return Folded.schema("create table if not exists " + name + " (exists)");
            }
            throw new FoldException("relation " + name + " already exists");
        }
        List<Column> columns = new ArrayList<>();
        List<String> pkColumns = new ArrayList<>();
        String pkName = null;
        List<ColumnConfig> uniqueColumns = new ArrayList<>();
        List<ColumnConfig> fkColumns = new ArrayList<>();
        for (ColumnConfig config : c.getColumns()) {
            boolean serialType = config.getType() != null && pg.autoIncrementType(config.getType());
            Column column = column(config, name, serialType);
            ConstraintsConfig k = config.getConstraints();
            if (k != null && Boolean.TRUE.equals(k.isPrimaryKey())) {
                pkColumns.add(column.name());
                column = column.withNullable(false);
                if (pkName == null && k.getPrimaryKeyName() != null) {
                    pkName = pg.name(k.getPrimaryKeyName(), PRIMARY_KEY);
                }
            }
            if (k != null && Boolean.TRUE.equals(k.isUnique())) {
                uniqueColumns.add(config);
            }
            if (k != null && (k.getReferences() != null || k.getReferencedTableName() != null)) {
                fkColumns.add(config);
            }
            String columnName = column.name();
            if (columns.stream().anyMatch(existing -> existing.name().equals(columnName))) {
                throw new FoldException("column " + columnName + " specified more than once");
            }
            columns.add(column);
        }
        Table table =
                Table.empty(name).withColumns(columns).withComment(blankToNull(c.getRemarks()));
        Set<String> local = new HashSet<>();
        if (!pkColumns.isEmpty()) {
            // Unlike PostgreSQL, Liquibase names the key itself here, and shortens long names its
            // own way.
            String chosen =
                    pkName != null
                            ? pkName
                            : pg.name(
                                    pg.database().generatePrimaryKeyName(c.getTableName().strip()),
                                    PRIMARY_KEY);
            requireFreeRelation(name.sibling(chosen), local);
            local.add(chosen);
            table = table.withPrimaryKey(new PrimaryKey(chosen, pkColumns));
        }
        // Self-references resolve against the table being created.
        schema.put(table);
        for (ColumnConfig config : uniqueColumns) {
            // Within one CREATE TABLE, PostgreSQL drops a UNIQUE that repeats the primary key.
            if (!List.of(columnName(config.getName())).equals(pkColumns)) {
                table = withColumnUnique(table, config, local);
            }
        }
        for (ColumnConfig config : fkColumns) {
            table = withColumnForeignKey(table, config, local, true);
        }
        schema.put(table);
        return Folded.schema("create table " + name);
    }

    /** A column as createTable/addColumn declare it, before its key and reference constraints. */
    private Column column(ColumnConfig config, QualifiedName table, boolean serialType) {
        String name = columnName(required(config.getName(), "column name"));
        if (config.getType() == null) {
            throw new FoldException("column " + table + "." + name + " has no type");
        }
        boolean identity = Boolean.TRUE.equals(config.isAutoIncrement()) || serialType;
        IdentityKind kind =
                !identity
                        ? IdentityKind.NONE
                        : "ALWAYS".equalsIgnoreCase(strip(config.getGenerationType()))
                                ? IdentityKind.ALWAYS
                                : IdentityKind.BY_DEFAULT;
        DefaultValue defaultValue = null;
        Object value = config.getDefaultValueObject();
        if (value != null && !identity) {
            defaultValue = defaultOrNone(pg.defaultForType(value, config.getType()));
        }
        boolean nullable =
                config.getConstraints() == null
                        || !Boolean.FALSE.equals(config.getConstraints().isNullable());
        return new Column(
                        name,
                        pg.type(config.getType()),
                        nullable,
                        defaultValue,
                        IdentityKind.NONE,
                        null,
                        blankToNull(config.getRemarks()))
                .withIdentity(kind);
    }

    private Table withColumnUnique(Table table, ColumnConfig config, Set<String> local) {
        String column = columnName(config.getName());
        String given = config.getConstraints().getUniqueConstraintName();
        String name =
                given != null
                        ? pg.name(given, UNIQUE)
                        : PostgresNames.choose(
                                table.name().name(),
                                column,
                                "key",
                                relationTaken(table.name(), local));
        requireFreeRelation(table.name().sibling(name), local);
        local.add(name);
        List<UniqueConstraint> uniques = new ArrayList<>(table.uniques());
        uniques.add(new UniqueConstraint(name, List.of(column), false));
        return table.withUniques(uniques);
    }

    private Table withColumnForeignKey(
            Table table, ColumnConfig config, Set<String> local, boolean inCreateTable) {
        ConstraintsConfig k = config.getConstraints();
        String column = columnName(config.getName());
        QualifiedName target;
        List<String> targetColumns;
        if (k.getReferences() != null) {
            Matcher m = REFERENCES.matcher(k.getReferences());
            if (!m.matches()) {
                throw new FoldException(
                        "cannot read references=\"" + k.getReferences() + "\" on column " + column);
            }
            target = qualifiedTable(m.group(1));
            targetColumns = columnList(m.group(2));
        } else {
            target = tableName(k.getReferencedTableSchemaName(), k.getReferencedTableName());
            targetColumns =
                    columnList(required(k.getReferencedColumnNames(), "referencedColumnNames"));
        }
        Table referenced = target.equals(table.name()) ? table : schema.table(target);
        for (String tc : targetColumns) {
            WorkingSchema.column(referenced, tc);
        }
        String name =
                k.getForeignKeyName() != null
                        ? pg.name(k.getForeignKeyName(), FOREIGN_KEY)
                        : PostgresNames.choose(
                                table.name().name(),
                                column,
                                "fkey",
                                constraintTaken(table.name(), local));
        requireFreeConstraint(table, name, local);
        local.add(name);
        boolean validated = inCreateTable || !Boolean.FALSE.equals(k.getValidateForeignKey());
        ReferentialAction onDelete =
                Boolean.TRUE.equals(k.isDeleteCascade())
                        ? ReferentialAction.CASCADE
                        : ReferentialAction.NO_ACTION;
        List<ForeignKey> fks = new ArrayList<>(table.foreignKeys());
        fks.add(
                new ForeignKey(
                        name,
                        List.of(column),
                        target,
                        targetColumns,
                        onDelete,
                        ReferentialAction.NO_ACTION,
                        Boolean.TRUE.equals(k.isDeferrable()),
                        Boolean.TRUE.equals(k.isInitiallyDeferred()),
                        validated));
        return table.withForeignKeys(fks);
    }

    private void dropTable(QualifiedName name) {
        schema.table(name);
        // PostgreSQL refuses without CASCADE while others reference the table; the dependents are
        // dropped here either way, so a reference we failed to track cannot block the fold.
        edit(s -> SchemaEdits.dropTable(s, name, true));
    }

    /** PostgreSQL's effect of a rename or drop on the model, one home: {@link SchemaEdits}. */
    private void edit(UnaryOperator<Schema> edit) {
        try {
            schema.replaceAll(edit.apply(schema.snapshot()));
        } catch (SchemaEdits.Refused e) {
            throw new FoldException(e.getMessage());
        }
    }

    private Folded renameTable(RenameTableChange c) {
        QualifiedName from = tableName(c.getSchemaName(), c.getOldTableName());
        QualifiedName to =
                from.sibling(pg.name(required(c.getNewTableName(), "newTableName"), TABLE));
        schema.table(from);
        if (schema.relationExists(to)) {
            throw new FoldException("relation " + to + " already exists");
        }
        edit(s -> SchemaEdits.renameTable(s, from, to));
        return Folded.rename(
                new Rename(Rename.Kind.TABLE, from, from.name(), to.name()),
                "rename table " + from + " to " + to.name());
    }

    // ---- columns ------------------------------------------------------------------------

    private Folded addColumns(AddColumnChange c) {
        QualifiedName name = tableName(c.getSchemaName(), c.getTableName());
        List<String> added = new ArrayList<>();
        for (AddColumnConfig config : c.getColumns()) {
            Table table = schema.table(name);
            // addColumn does not read serial as auto-increment: Liquibase writes a plain integer.
            Column column = column(config, name, false);
            if (table.hasColumn(column.name())) {
                throw new FoldException(
                        "column " + column.name() + " of table " + name + " already exists");
            }
            ConstraintsConfig k = config.getConstraints();
            boolean primary = k != null && Boolean.TRUE.equals(k.isPrimaryKey());
            if (primary) {
                if (table.primaryKey() != null) {
                    throw new FoldException(
                            "multiple primary keys for table " + name + " are not allowed");
                }
                column = column.withNullable(false);
            }
            table = table.withColumn(column);
            Set<String> local = new HashSet<>();
            if (primary) {
                // Liquibase writes "ADD col ... PRIMARY KEY" without the name: PostgreSQL picks it.
                String pk =
                        PostgresNames.choose(name.name(), null, "pkey", relationTaken(name, local));
                table = table.withPrimaryKey(new PrimaryKey(pk, List.of(column.name())));
            }
            schema.put(table);
            if (k != null && Boolean.TRUE.equals(k.isUnique())) {
                table = withColumnUnique(table, config, local);
            }
            if (k != null && (k.getReferences() != null || k.getReferencedTableName() != null)) {
                table = withColumnForeignKey(table, config, local, false);
            }
            schema.put(table);
            added.add(column.name());
        }
        return Folded.schema("add column " + name + "." + String.join(", " + name + ".", added));
    }

    private Folded dropColumns(DropColumnChange c) {
        QualifiedName name = tableName(c.getSchemaName(), c.getTableName());
        List<String> columns = new ArrayList<>();
        if (c.getColumnName() != null) {
            columns.add(columnName(c.getColumnName()));
        }
        if (c.getColumns() != null) {
            for (ColumnConfig config : c.getColumns()) {
                columns.add(columnName(config.getName()));
            }
        }
        if (columns.isEmpty()) {
            throw new FoldException("dropColumn on " + name + " names no column");
        }
        for (String column : columns) {
            dropColumn(name, column);
        }
        return Folded.schema("drop column " + name + "." + String.join(", " + name + ".", columns));
    }

    /**
     * Drops a column and what PostgreSQL drops with it: constraints and indexes on it, owned
     * sequences.
     */
    private void dropColumn(QualifiedName name, String column) {
        WorkingSchema.column(schema.table(name), column);
        // Liquibase writes DROP COLUMN without CASCADE; like dropTable, the dependents go either
        // way.
        edit(s -> SchemaEdits.dropColumn(s, name, column, true));
    }

    private Folded renameColumn(RenameColumnChange c) {
        QualifiedName name = tableName(c.getSchemaName(), c.getTableName());
        String from = columnName(required(c.getOldColumnName(), "oldColumnName"));
        String to = columnName(required(c.getNewColumnName(), "newColumnName"));
        Table table = schema.table(name);
        WorkingSchema.column(table, from);
        if (table.hasColumn(to)) {
            throw new FoldException("column " + to + " of table " + name + " already exists");
        }
        edit(s -> SchemaEdits.renameColumn(s, name, from, to));
        return Folded.rename(
                new Rename(Rename.Kind.COLUMN, name, from, to),
                "rename column " + name + "." + from + " to " + to);
    }

    private Folded dropNotNull(DropNotNullConstraintChange c) {
        QualifiedName name = tableName(c.getSchemaName(), c.getTableName());
        String col = columnName(c.getColumnName());
        Table table = schema.table(name);
        Column column = WorkingSchema.column(table, col);
        if (table.primaryKey() != null && table.primaryKey().columns().contains(col)) {
            throw new FoldException("column " + col + " is in a primary key");
        }
        if (column.identity() != IdentityKind.NONE) {
            throw new FoldException(
                    "column " + col + " of table " + name + " is an identity column");
        }
        schema.put(table.mapColumn(col, x -> x.withNullable(true)));
        return Folded.schema("drop not null " + name + "." + col);
    }

    private Folded addDefault(AddDefaultValueChange c) {
        QualifiedName name = tableName(c.getSchemaName(), c.getTableName());
        String col = columnName(c.getColumnName());
        Column column = WorkingSchema.column(schema.table(name), col);
        if (column.identity() != IdentityKind.NONE) {
            throw new FoldException(
                    "column " + col + " of table " + name + " is an identity column");
        }
        Object value = null;
        // The change turns its typed attributes into one value object; take it from Liquibase.
        for (SqlStatement statement : c.generateStatements(pg.database())) {
            if (statement instanceof AddDefaultValueStatement s) {
                value = s.getDefaultValue();
            }
        }
        if (value == null) {
            throw new FoldException("addDefaultValue on " + name + "." + col + " gives no value");
        }
        DefaultValue defaultValue = defaultOrNone(pg.defaultForValue(value));
        editColumn(name, col, x -> x.withDefault(defaultValue));
        if (value instanceof SequenceNextValueFunction next) {
            QualifiedName sequence = sequenceName(next.getSchemaName(), next.getValue());
            if (schema.hasSequence(sequence)) {
                Sequence s = schema.sequence(sequence);
                schema.put(withOwner(s, owner(name, col)));
            }
        }
        return Folded.schema("set default " + name + "." + col);
    }

    private Folded setColumnRemarks(SetColumnRemarksChange c) {
        if ("VIEW".equalsIgnoreCase(strip(c.getColumnParentType()))) {
            // View columns are not modelled; the comment changes nothing we compare.
            return Folded.schema(
                    "comment on view column " + c.getTableName() + "." + c.getColumnName());
        }
        QualifiedName name = tableName(c.getSchemaName(), c.getTableName());
        String col = columnName(c.getColumnName());
        editColumn(name, col, x -> x.withComment(blankToNull(c.getRemarks())));
        return Folded.schema("comment on column " + name + "." + col);
    }

    /**
     * On PostgreSQL, Liquibase's addAutoIncrement is a serial built by hand: sequence, default,
     * owner.
     */
    private Folded addAutoIncrement(AddAutoIncrementChange c) {
        QualifiedName name = tableName(c.getSchemaName(), c.getTableName());
        String col = columnName(c.getColumnName());
        Column column = WorkingSchema.column(schema.table(name), col);
        if (column.identity() != IdentityKind.NONE) {
            throw new FoldException(
                    "column " + col + " of table " + name + " is an identity column");
        }
        QualifiedName seq =
                name.sibling(OfflinePostgres.truncate(name.name() + "_" + col + "_seq"));
        // CREATE SEQUENCE IF NOT EXISTS: an existing sequence of that name is reused as it is.
        Sequence sequence =
                schema.hasSequence(seq)
                        ? schema.sequence(seq)
                        : new Sequence(
                                seq,
                                "bigint",
                                toLong(c.getStartWith()),
                                toLong(c.getIncrementBy()),
                                null,
                                null,
                                null,
                                false,
                                null);
        schema.put(withOwner(sequence, owner(name, col)));
        DefaultValue nextval =
                DefaultValue.of("nextval(" + Identifiers.literal(seq.sql()) + "::regclass)");
        editColumn(name, col, x -> x.withNullable(false).withDefault(nextval));
        return Folded.schema("add auto-increment " + name + "." + col);
    }

    private Folded addLookupTable(AddLookupTableChange c) {
        QualifiedName existing =
                tableName(c.getExistingTableSchemaName(), c.getExistingTableName());
        String existingColumn = columnName(c.getExistingColumnName());
        Table source = schema.table(existing);
        Column sourceColumn = WorkingSchema.column(source, existingColumn);
        QualifiedName lookup = tableName(c.getNewTableSchemaName(), c.getNewTableName());
        if (schema.relationExists(lookup)) {
            throw new FoldException("relation " + lookup + " already exists");
        }
        String lookupColumn = columnName(c.getNewColumnName());
        // CREATE TABLE ... AS SELECT keeps the source column's type; newColumnDataType is not used.
        Table table =
                Table.empty(lookup).withColumn(Column.of(lookupColumn, sourceColumn.type(), false));
        String pk =
                PostgresNames.choose(lookup.name(), null, "pkey", relationTaken(lookup, Set.of()));
        schema.put(table.withPrimaryKey(new PrimaryKey(pk, List.of(lookupColumn))));
        String fkName = pg.name(c.getFinalConstraintName(), FOREIGN_KEY);
        requireFreeConstraint(source, fkName, Set.of());
        List<ForeignKey> fks = new ArrayList<>(source.foreignKeys());
        fks.add(
                new ForeignKey(
                        fkName,
                        List.of(existingColumn),
                        lookup,
                        List.of(lookupColumn),
                        ReferentialAction.NO_ACTION,
                        ReferentialAction.NO_ACTION,
                        false,
                        false,
                        true));
        schema.put(source.withForeignKeys(fks));
        return Folded.schema(
                "add lookup table " + lookup + " for " + existing + "." + existingColumn);
    }

    private Folded mergeColumns(MergeColumnChange c) {
        QualifiedName name = tableName(c.getSchemaName(), c.getTableName());
        String first = columnName(c.getColumn1Name());
        String second = columnName(c.getColumn2Name());
        String merged = columnName(c.getFinalColumnName());
        Table table = schema.table(name);
        WorkingSchema.column(table, first);
        WorkingSchema.column(table, second);
        if (table.hasColumn(merged)) {
            throw new FoldException("column " + merged + " of table " + name + " already exists");
        }
        schema.put(
                table.withColumn(
                        Column.of(
                                merged,
                                pg.type(required(c.getFinalColumnType(), "finalColumnType")),
                                true)));
        dropColumn(name, first);
        dropColumn(name, second);
        return Folded.schema(
                "merge columns " + name + "." + first + " and " + second + " into " + merged);
    }

    // ---- keys and constraints -----------------------------------------------------------

    private Folded addPrimaryKey(AddPrimaryKeyChange c) {
        QualifiedName name = tableName(c.getSchemaName(), c.getTableName());
        Table table = schema.table(name);
        List<String> columns = columnList(required(c.getColumnNames(), "columnNames"));
        for (String column : columns) {
            WorkingSchema.column(table, column);
        }
        if (table.primaryKey() != null) {
            throw new FoldException("multiple primary keys for table " + name + " are not allowed");
        }
        String pk =
                c.getConstraintName() != null
                        ? pg.name(c.getConstraintName(), PRIMARY_KEY)
                        : PostgresNames.choose(
                                name.name(), null, "pkey", relationTaken(name, Set.of()));
        requireFreeRelation(name.sibling(pk), Set.of());
        for (String column : columns) {
            table = table.mapColumn(column, x -> x.withNullable(false));
        }
        schema.put(table.withPrimaryKey(new PrimaryKey(pk, columns)));
        return Folded.schema("add primary key " + pk + " on " + name);
    }

    private Folded dropPrimaryKey(DropPrimaryKeyChange c) {
        QualifiedName name = tableName(c.getSchemaName(), c.getTableName());
        Table table = schema.table(name);
        if (table.primaryKey() == null) {
            throw new FoldException("table " + name + " has no primary key");
        }
        if (c.getConstraintName() != null) {
            String given = pg.name(c.getConstraintName(), PRIMARY_KEY);
            if (!given.equals(table.primaryKey().name())) {
                throw new FoldException(
                        "constraint "
                                + given
                                + " of table "
                                + name
                                + " does not exist (the primary key is "
                                + table.primaryKey().name()
                                + ")");
            }
        }
        String dropped = table.primaryKey().name();
        schema.put(table.withPrimaryKey(null));
        return Folded.schema("drop primary key " + dropped + " on " + name);
    }

    private Folded addUnique(AddUniqueConstraintChange c) {
        QualifiedName name = tableName(c.getSchemaName(), c.getTableName());
        Table table = schema.table(name);
        List<String> columns = columnList(required(c.getColumnNames(), "columnNames"));
        for (String column : columns) {
            WorkingSchema.column(table, column);
        }
        String unique =
                c.getConstraintName() != null
                        ? pg.name(c.getConstraintName(), UNIQUE)
                        : PostgresNames.choose(
                                name.name(),
                                PostgresNames.columnsPart(columns),
                                "key",
                                relationTaken(name, Set.of()));
        requireFreeRelation(name.sibling(unique), Set.of());
        List<UniqueConstraint> uniques = new ArrayList<>(table.uniques());
        uniques.add(new UniqueConstraint(unique, columns, Boolean.TRUE.equals(c.getDeferrable())));
        schema.put(table.withUniques(uniques));
        return Folded.schema("add unique " + unique + " on " + name);
    }

    private Folded dropUnique(DropUniqueConstraintChange c) {
        QualifiedName name = tableName(c.getSchemaName(), c.getTableName());
        Table table = schema.table(name);
        String unique = pg.name(required(c.getConstraintName(), "constraintName"), UNIQUE);
        if (table.uniques().stream().noneMatch(u -> u.name().equals(unique))) {
            throw new FoldException(
                    "unique constraint " + unique + " of table " + name + " does not exist");
        }
        schema.put(
                table.withUniques(
                        table.uniques().stream().filter(u -> !u.name().equals(unique)).toList()));
        return Folded.schema("drop unique " + unique + " on " + name);
    }

    private Folded addForeignKey(AddForeignKeyConstraintChange c) {
        QualifiedName name = tableName(c.getBaseTableSchemaName(), c.getBaseTableName());
        Table table = schema.table(name);
        List<String> columns = columnList(required(c.getBaseColumnNames(), "baseColumnNames"));
        for (String column : columns) {
            WorkingSchema.column(table, column);
        }
        QualifiedName target =
                tableName(c.getReferencedTableSchemaName(), c.getReferencedTableName());
        Table referenced = schema.table(target);
        List<String> targetColumns =
                columnList(required(c.getReferencedColumnNames(), "referencedColumnNames"));
        for (String column : targetColumns) {
            WorkingSchema.column(referenced, column);
        }
        String fk =
                c.getConstraintName() != null
                        ? pg.name(c.getConstraintName(), FOREIGN_KEY)
                        : PostgresNames.choose(
                                name.name(),
                                PostgresNames.columnsPart(columns),
                                "fkey",
                                constraintTaken(name, Set.of()));
        requireFreeConstraint(table, fk, Set.of());
        // deleteCascade: true is stored by Liquibase as onDelete CASCADE.
        ReferentialAction onDelete = action(c.getOnDelete());
        List<ForeignKey> fks = new ArrayList<>(table.foreignKeys());
        fks.add(
                new ForeignKey(
                        fk,
                        columns,
                        target,
                        targetColumns,
                        onDelete,
                        action(c.getOnUpdate()),
                        Boolean.TRUE.equals(c.getDeferrable()),
                        Boolean.TRUE.equals(c.getInitiallyDeferred()),
                        !Boolean.FALSE.equals(c.getValidate())));
        schema.put(table.withForeignKeys(fks));
        return Folded.schema("add foreign key " + fk + " on " + name);
    }

    private Folded dropForeignKey(DropForeignKeyConstraintChange c) {
        QualifiedName name = tableName(c.getBaseTableSchemaName(), c.getBaseTableName());
        Table table = schema.table(name);
        String fk = pg.name(required(c.getConstraintName(), "constraintName"), FOREIGN_KEY);
        if (table.foreignKeys().stream().noneMatch(f -> f.name().equals(fk))) {
            throw new FoldException("foreign key " + fk + " of table " + name + " does not exist");
        }
        schema.put(
                table.withForeignKeys(
                        table.foreignKeys().stream().filter(f -> !f.name().equals(fk)).toList()));
        return Folded.schema("drop foreign key " + fk + " on " + name);
    }

    private static ReferentialAction action(String written) {
        try {
            return ReferentialAction.parse(written);
        } catch (IllegalArgumentException e) {
            throw new FoldException("unknown referential action " + written);
        }
    }

    // ---- indexes ------------------------------------------------------------------------

    /**
     * Whether {@code c} builds its index on a materialized view (DependencyTrack gives one made in
     * raw SQL the unique index REFRESH ... CONCURRENTLY needs). The model keeps such an index among
     * the schema's objects, as the SQL front end does: the change is folded as the SQL Liquibase
     * sends for it.
     */
    private boolean onMaterializedView(CreateIndexChange c) {
        QualifiedName name = tableName(c.getSchemaName(), c.getTableName());
        return !schema.hasTable(name) && schema.hasView(name) && schema.view(name).materialized();
    }

    private Folded createIndex(CreateIndexChange c) {
        QualifiedName name = tableName(c.getSchemaName(), c.getTableName());
        Table table = schema.table(name);
        List<IndexElement> elements = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Boolean> expressions = new ArrayList<>();
        for (AddColumnConfig config : c.getColumns()) {
            // An expression: computed="true", a valueComputed, or a name that is no identifier
            // (Keycloak writes name="VALUE(255)" valueComputed="VALUE(255)").
            boolean expression =
                    Boolean.TRUE.equals(config.getComputed())
                            || config.getValueComputed() != null
                            || (config.getName() != null
                                    && !PLAIN_NAME.matcher(config.getName().strip()).matches());
            String key =
                    expression
                            ? required(config.getName(), "column name").strip()
                            : columnName(config.getName());
            if (!expression) {
                WorkingSchema.column(table, key);
            }
            keys.add(key);
            expressions.add(expression);
            elements.add(
                    new IndexElement(
                            key,
                            expression,
                            Boolean.TRUE.equals(config.getDescending()),
                            null,
                            null));
        }
        if (elements.isEmpty()) {
            throw new FoldException("createIndex on " + name + " names no column");
        }
        String index =
                c.getIndexName() != null
                        ? pg.name(c.getIndexName(), INDEX)
                        : PostgresNames.choose(
                                name.name(),
                                PostgresNames.columnsPart(PostgresNames.indexKeyNames(elements)),
                                "idx",
                                relationTaken(name, Set.of()));
        requireFreeRelation(name.sibling(index), Set.of());
        String method = c.getUsing() == null ? null : c.getUsing().strip().toLowerCase(Locale.ROOT);
        List<Index> indexes = new ArrayList<>(table.indexes());
        indexes.add(
                new Index(
                        index,
                        name,
                        Boolean.TRUE.equals(c.isUnique()),
                        method,
                        elements,
                        List.of(),
                        null));
        schema.put(table.withIndexes(indexes));
        return Folded.schema("create index " + index + " on " + name);
    }

    private Folded dropIndex(DropIndexChange c) {
        String index = pg.name(required(c.getIndexName(), "indexName"), INDEX);
        QualifiedName qualified;
        if (c.getTableName() != null) {
            QualifiedName table = tableName(c.getSchemaName(), c.getTableName());
            qualified = table.sibling(index);
        } else {
            qualified = pg.qualified(c.getSchemaName(), c.getIndexName(), INDEX);
        }
        Table table =
                schema.tableOfIndex(qualified)
                        .orElseThrow(
                                () ->
                                        schema.relationExists(qualified)
                                                ? new FoldException(
                                                        "cannot drop index "
                                                                + qualified
                                                                + ": it is not a standalone index (a constraint or other relation owns that name)")
                                                : new FoldException(
                                                        "index " + qualified + " does not exist"));
        schema.put(
                table.withIndexes(
                        table.indexes().stream().filter(i -> !i.name().equals(index)).toList()));
        return Folded.schema("drop index " + qualified);
    }

    // ---- sequences ----------------------------------------------------------------------

    private Folded createSequence(CreateSequenceChange c) {
        QualifiedName name = sequenceName(c.getSchemaName(), c.getSequenceName());
        if (schema.hasSequence(name)) {
            // Liquibase writes CREATE SEQUENCE IF NOT EXISTS: the existing one stays as it is.
            return Folded.schema("create sequence if not exists " + name + " (exists)");
        }
        if (schema.relationExists(name)) {
            throw new FoldException("relation " + name + " already exists");
        }
        schema.put(
                new Sequence(
                        name,
                        sequenceType(c.getDataType()),
                        toLong(c.getStartValue()),
                        toLong(c.getIncrementBy()),
                        toLong(c.getMinValue()),
                        toLong(c.getMaxValue()),
                        toLong(c.getCacheSize()),
                        Boolean.TRUE.equals(c.getCycle()),
                        null));
        return Folded.schema("create sequence " + name);
    }

    private Folded alterSequence(AlterSequenceChange c) {
        QualifiedName name = sequenceName(c.getSchemaName(), c.getSequenceName());
        Sequence s = schema.sequence(name);
        schema.put(
                new Sequence(
                        name,
                        c.getDataType() != null ? sequenceType(c.getDataType()) : s.dataType(),
                        s.start(),
                        c.getIncrementBy() != null ? toLong(c.getIncrementBy()) : s.increment(),
                        c.getMinValue() != null ? toLong(c.getMinValue()) : s.minValue(),
                        c.getMaxValue() != null ? toLong(c.getMaxValue()) : s.maxValue(),
                        c.getCacheSize() != null ? toLong(c.getCacheSize()) : s.cache(),
                        c.getCycle() != null ? c.getCycle() : s.cycle(),
                        s.ownedBy()));
        return Folded.schema("alter sequence " + name);
    }

    private Folded renameSequence(RenameSequenceChange c) {
        QualifiedName from = sequenceName(c.getSchemaName(), c.getOldSequenceName());
        QualifiedName to =
                from.sibling(
                        pg.name(required(c.getNewSequenceName(), "newSequenceName"), SEQUENCE));
        schema.sequence(from);
        if (schema.relationExists(to)) {
            throw new FoldException("relation " + to + " already exists");
        }
        edit(x -> SchemaEdits.renameSequence(x, from, to));
        return Folded.rename(
                new Rename(Rename.Kind.SEQUENCE, from, from.name(), to.name()),
                "rename sequence " + from + " to " + to.name());
    }

    /** Liquibase drops sequences with CASCADE, which also drops the defaults that call them. */
    private void dropSequence(QualifiedName name) {
        edit(x -> SchemaEdits.dropSequence(x, name, true));
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

    /** {@code table.column} as Sequence.ownedBy holds it. */
    static String owner(QualifiedName table, String column) {
        return SchemaEdits.Owner.text(table, column);
    }

    private String sequenceType(String liquibaseType) {
        return liquibaseType == null ? null : pg.type(liquibaseType).sql();
    }

    // ---- views --------------------------------------------------------------------------

    private Folded createView(CreateViewChange c) {
        QualifiedName name =
                pg.qualified(c.getSchemaName(), required(c.getViewName(), "viewName"), VIEW);
        String query = null;
        boolean full = Boolean.TRUE.equals(c.getFullDefinition());
        // The statement carries the query whether it is inline or read from a file.
        for (SqlStatement statement : c.generateStatements(pg.database())) {
            if (statement instanceof CreateViewStatement s) {
                query = s.getSelectQuery();
                full = s.isFullDefinition();
            }
        }
        if (query == null) {
            throw new FoldException("createView " + name + " has no query");
        }
        if (full) {
            Matcher m = VIEW_PREFIX.matcher(query);
            if (m.matches()) {
                query = m.group(1);
            }
        }
        if (schema.hasView(name) && !Boolean.TRUE.equals(c.getReplaceIfExists())) {
            throw new FoldException("relation " + name + " already exists");
        }
        if (!schema.hasView(name) && schema.relationExists(name)) {
            throw new FoldException("relation " + name + " already exists");
        }
        schema.put(new View(name, query.strip(), false));
        return Folded.schema("create view " + name);
    }

    private Folded renameView(RenameViewChange c) {
        QualifiedName from =
                pg.qualified(c.getSchemaName(), required(c.getOldViewName(), "oldViewName"), VIEW);
        QualifiedName to = from.sibling(pg.name(required(c.getNewViewName(), "newViewName"), VIEW));
        View view = schema.view(from);
        if (schema.relationExists(to)) {
            throw new FoldException("relation " + to + " already exists");
        }
        schema.removeView(from);
        schema.put(view.withName(to));
        return Folded.rename(
                new Rename(Rename.Kind.VIEW, from, from.name(), to.name()),
                "rename view " + from + " to " + to.name());
    }

    // ---- helpers ------------------------------------------------------------------------

    private void editColumn(QualifiedName table, String column, UnaryOperator<Column> edit) {
        Table t = schema.table(table);
        WorkingSchema.column(t, column);
        schema.put(t.mapColumn(column, edit));
    }

    private QualifiedName tableName(String schemaName, String table) {
        QualifiedName name = pg.qualified(schemaName, required(table, "tableName"), TABLE);
        if (Bookkeeping.TABLES.contains(name)) {
            admitBookkeeping();
        }
        return name;
    }

    /**
     * Puts Liquibase's own tables in the schema, where a change names one: Liquibase made them
     * before the first changeset ({@link Bookkeeping}). Only then, so that the states of a
     * changelog that never names them stay as they were.
     */
    private void admitBookkeeping() {
        Schema now = schema.snapshot();
        Schema with = Bookkeeping.with(now);
        if (with != now) {
            schema.replaceAll(with);
            bookkept = true;
        }
    }

    private QualifiedName sequenceName(String schemaName, String sequence) {
        return pg.qualified(schemaName, required(sequence, "sequenceName"), SEQUENCE);
    }

    /** {@code other} or {@code schema.other}, as a column's {@code references} names its table. */
    private QualifiedName qualifiedTable(String written) {
        String s = written.strip();
        int dot = s.lastIndexOf('.');
        if (dot > 0 && !s.endsWith("\"")) {
            return tableName(s.substring(0, dot), s.substring(dot + 1));
        }
        return tableName(null, s);
    }

    private String columnName(String written) {
        return pg.name(required(written, "columnName"), COLUMN);
    }

    private List<String> columnList(String written) {
        List<String> out = new ArrayList<>();
        for (String part : written.split(",")) {
            if (!part.isBlank()) {
                out.add(columnName(part));
            }
        }
        return out;
    }

    private Predicate<String> relationTaken(QualifiedName table, Set<String> local) {
        return n ->
                local.contains(n)
                        || schema.relationExists(table.sibling(n))
                        || schema.constraintExists(table.schema(), n);
    }

    private Predicate<String> constraintTaken(QualifiedName table, Set<String> local) {
        return n -> local.contains(n) || schema.constraintExists(table.schema(), n);
    }

    private void requireFreeRelation(QualifiedName name, Set<String> local) {
        if (local.contains(name.name()) || schema.relationExists(name)) {
            throw new FoldException("relation " + name + " already exists");
        }
    }

    private void requireFreeConstraint(Table table, String name, Set<String> local) {
        if (local.contains(name) || table.constraintNames().contains(name)) {
            throw new FoldException(
                    "constraint " + name + " for relation " + table.name() + " already exists");
        }
    }

    private static Long toLong(BigInteger value) {
        return value == null ? null : value.longValue();
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new FoldException(what + " is missing");
        }
        return value;
    }

    /**
     * The default a rendered value gives: none for SQL NULL ({@code defaultValueComputed="NULL"},
     * {@code defaultValue="NULL"}, which Liquibase renders as no text or as the word), because
     * PostgreSQL stores no default for a NULL constant either.
     */
    private static DefaultValue defaultOrNone(String rendered) {
        if (rendered == null || rendered.isBlank() || rendered.strip().equalsIgnoreCase("null")) {
            return null;
        }
        return DefaultValue.of(rendered);
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ");
    }
}
