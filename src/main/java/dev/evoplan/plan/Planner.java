package dev.evoplan.plan;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Schema;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns typed changes into a staged, runnable plan: each change is planned against the schema the
 * earlier changes leave, its steps go to their stages, and stages run in {@link StageKind} order
 * (all EXPAND steps, then all BACKFILL steps, ...), keeping the changes' order within a stage.
 */
public final class Planner {
    private Planner() {}

    /**
     * The plan that turns {@code from} into {@code to} with default settings (no known sizes, no
     * stated renames): what building a schema from empty, or checking that nothing is left to do,
     * needs.
     */
    public static Plan between(Schema from, Schema to, int pgVersion) {
        List<Change> changes = dev.evoplan.diff.SchemaDiffer.diff(from, to);
        return plan(
                from,
                changes,
                new PlanOptions(
                        pgVersion,
                        PlanOptions.DEFAULT_BATCH_SIZE,
                        PlanOptions.DEFAULT_LOCK_TIMEOUT,
                        dev.evoplan.rules.TableStats.UNKNOWN,
                        dev.evoplan.diff.Changes.createdTables(changes)));
    }

    /**
     * The staged plan for {@code changes} (already in dependency order) applied to {@code from}.
     */
    public static Plan plan(Schema from, List<Change> changes, PlanOptions options) {
        Objects.requireNonNull(from, "from is null");
        Objects.requireNonNull(changes, "changes is null");
        Objects.requireNonNull(options, "options is null");
        PlanContext ctx = new PlanContext(from, changes, options);
        Map<StageKind, List<Step>> stages = new EnumMap<>(StageKind.class);
        List<Stage> out = new ArrayList<>();
        for (Change change : changes) {
            if (change instanceof Change.Opaque opaque && opaque.schema() == null) {
                // A barrier: what it does is unknown, so nothing is staged across it. The changes
                // before it run all their stages first, it runs as a step of its own, and the
                // changes after it start their stages again.
                flush(stages, out);
                for (StagedStep s : steps(ctx, change)) {
                    stages.computeIfAbsent(s.stage(), k -> new ArrayList<>()).add(s.step());
                }
                flush(stages, out);
            } else {
                for (StagedStep s : steps(ctx, change)) {
                    stages.computeIfAbsent(s.stage(), k -> new ArrayList<>()).add(s.step());
                }
            }
            ctx.advance(change);
        }
        flush(stages, out);
        List<Step> schemas = createSchemas(from, changes);
        if (!schemas.isEmpty()) {
            // First of all, before the first stage (an opaque barrier may have cut the stages).
            List<Step> expand = new ArrayList<>(schemas);
            if (!out.isEmpty() && out.get(0).kind() == StageKind.EXPAND) {
                expand.addAll(out.remove(0).steps());
            }
            out.add(0, new Stage(StageKind.EXPAND, expand));
        }
        return new Plan(out);
    }

    /** Moves the stages gathered so far, in stage order, to the end of {@code out}. */
    private static void flush(Map<StageKind, List<Step>> stages, List<Stage> out) {
        stages.forEach((kind, steps) -> out.add(new Stage(kind, steps)));
        stages.clear();
    }

    /**
     * {@code CREATE SCHEMA IF NOT EXISTS} for each schema other than public that the changes create
     * an object in and no object of {@code from} lives in, first of all: the model holds no schemas
     * of their own, and PostgreSQL refuses an object in a schema that is not there. IF NOT EXISTS,
     * because an empty schema of the old database is not in the model either.
     */
    static List<Step> createSchemas(Schema from, List<Change> changes) {
        java.util.Set<String> wanted = new java.util.TreeSet<>();
        for (Change change : changes) {
            dev.evoplan.model.QualifiedName made =
                    switch (change.kind()) {
                        case CREATE_TABLE -> change.table();
                        case RENAME_TABLE -> ((Change.RenameTable) change).to();
                        case CREATE_SEQUENCE -> ((Change.CreateSequence) change).sequence().name();
                        case RENAME_SEQUENCE -> ((Change.RenameSequence) change).to();
                        case CREATE_ENUM -> ((Change.CreateEnum) change).type().name();
                        case CREATE_VIEW -> ((Change.CreateView) change).view().name();
                        case RENAME_VIEW -> ((Change.RenameView) change).to();
                        case CREATE_OBJECT -> createdObjectPlace((Change.CreateObject) change);
                        case CREATE_EXTENSION -> extensionPlace((Change.CreateExtension) change);
                        case OPAQUE -> addedSchema((Change.Opaque) change);
                        default -> null;
                    };
            if (made != null
                    && made.schema() != null
                    && !made.schema().equals(dev.evoplan.model.QualifiedName.DEFAULT_SCHEMA)) {
                wanted.add(made.schema());
            }
        }
        if (wanted.isEmpty()) {
            // The usual case, and the one asked once per finding's fix: walking every object of
            // a schema of 100,000 tables for each made plan and lint of large inputs quadratic.
            return List.of();
        }
        java.util.Set<String> existing = new java.util.HashSet<>();
        from.tables().keySet().forEach(n -> existing.add(n.schema()));
        from.views().keySet().forEach(n -> existing.add(n.schema()));
        from.sequences().keySet().forEach(n -> existing.add(n.schema()));
        from.enums().keySet().forEach(n -> existing.add(n.schema()));
        wanted.removeAll(existing);
        List<Step> steps = new ArrayList<>();
        for (String schema : wanted) {
            steps.add(
                    new Step(
                            Step.Kind.SQL,
                            SqlWriter.createSchema(schema),
                            "create schema " + schema + " for the objects planned in it",
                            true,
                            dev.evoplan.rules.LockLevel.NONE,
                            null,
                            null,
                            null,
                            SqlWriter.dropSchema(schema),
                            null,
                            "create schema " + schema));
        }
        return steps;
    }

    /** A place in the named schema the target adds (the differ marks it), else null. */
    private static dev.evoplan.model.QualifiedName addedSchema(Change.Opaque change) {
        Change.Opaque.NamedSchema schema = change.schema();
        return schema == null || schema.dropped()
                ? null
                : new dev.evoplan.model.QualifiedName(schema.name(), "schema");
    }

    /** Where a new routine, trigger or policy lives: its own name's or its table's schema. */
    private static dev.evoplan.model.QualifiedName createdObjectPlace(Change.CreateObject change) {
        dev.evoplan.model.SchemaObject o = change.object();
        if (o instanceof dev.evoplan.model.Partition p) {
            return p.name();
        }
        return o instanceof dev.evoplan.model.Routine r ? r.name() : o.table();
    }

    /**
     * The schema a new extension's objects go to ({@code WITH SCHEMA}), or null for the default.
     */
    private static dev.evoplan.model.QualifiedName extensionPlace(Change.CreateExtension change) {
        String schema = change.extension().schema();
        return schema == null ? null : dev.evoplan.model.QualifiedName.of(schema, "extension");
    }

    /** The steps of one change, each with its stage. */
    static List<StagedStep> steps(PlanContext ctx, Change change) {
        return switch (change.kind()) {
            case CREATE_TABLE -> TablePlans.createTable(ctx, (Change.CreateTable) change);
            case DROP_TABLE -> TablePlans.dropTable(ctx, (Change.DropTable) change);
            case RENAME_TABLE -> TablePlans.renameTable(ctx, (Change.RenameTable) change);
            case SET_TABLE_COMMENT -> TablePlans.tableComment(ctx, (Change.SetTableComment) change);
            case ADD_COLUMN -> ColumnPlans.addColumn(ctx, (Change.AddColumn) change);
            case DROP_COLUMN -> ColumnPlans.dropColumn(ctx, (Change.DropColumn) change);
            case RENAME_COLUMN -> ColumnReplacement.renameColumn(ctx, (Change.RenameColumn) change);
            case ALTER_COLUMN_TYPE -> ColumnPlans.alterType(ctx, (Change.AlterColumnType) change);
            case SET_NOT_NULL -> ColumnPlans.setNotNull(ctx, (Change.SetNotNull) change);
            case DROP_NOT_NULL -> ColumnPlans.dropNotNull(ctx, (Change.DropNotNull) change);
            case SET_DEFAULT -> ColumnPlans.setDefault(ctx, (Change.SetDefault) change);
            case DROP_DEFAULT -> ColumnPlans.dropDefault(ctx, (Change.DropDefault) change);
            case ALTER_IDENTITY -> ColumnPlans.alterIdentity(ctx, (Change.AlterIdentity) change);
            case SET_COLUMN_COMMENT ->
                    ColumnPlans.columnComment(ctx, (Change.SetColumnComment) change);
            case ADD_PRIMARY_KEY ->
                    ConstraintPlans.addPrimaryKey(ctx, (Change.AddPrimaryKey) change);
            case DROP_PRIMARY_KEY ->
                    ConstraintPlans.dropPrimaryKey(ctx, (Change.DropPrimaryKey) change);
            case ADD_UNIQUE -> ConstraintPlans.addUnique(ctx, (Change.AddUnique) change);
            case DROP_UNIQUE -> ConstraintPlans.dropUnique(ctx, (Change.DropUnique) change);
            case ADD_CHECK -> ConstraintPlans.addCheck(ctx, (Change.AddCheck) change);
            case DROP_CHECK -> ConstraintPlans.dropCheck(ctx, (Change.DropCheck) change);
            case VALIDATE_CHECK ->
                    ConstraintPlans.validate(
                            ctx,
                            change,
                            change.table(),
                            ((Change.ValidateCheck) change).constraint().name(),
                            false);
            case ADD_FOREIGN_KEY ->
                    ConstraintPlans.addForeignKey(ctx, (Change.AddForeignKey) change);
            case DROP_FOREIGN_KEY ->
                    ConstraintPlans.dropForeignKey(ctx, (Change.DropForeignKey) change);
            case VALIDATE_FOREIGN_KEY ->
                    ConstraintPlans.validate(
                            ctx,
                            change,
                            change.table(),
                            ((Change.ValidateForeignKey) change).foreignKey().name(),
                            true);
            case CREATE_INDEX -> ConstraintPlans.createIndex(ctx, (Change.CreateIndex) change);
            case DROP_INDEX -> ConstraintPlans.dropIndex(ctx, (Change.DropIndex) change);
            case RENAME_INDEX -> ObjectPlans.renameIndex(ctx, (Change.RenameIndex) change);
            case CREATE_SEQUENCE -> ObjectPlans.createSequence(ctx, (Change.CreateSequence) change);
            case DROP_SEQUENCE -> ObjectPlans.dropSequence(ctx, (Change.DropSequence) change);
            case ALTER_SEQUENCE -> ObjectPlans.alterSequence(ctx, (Change.AlterSequence) change);
            case RENAME_SEQUENCE -> ObjectPlans.renameSequence(ctx, (Change.RenameSequence) change);
            case CREATE_ENUM -> ObjectPlans.createEnum(ctx, (Change.CreateEnum) change);
            case DROP_ENUM -> ObjectPlans.dropEnum(ctx, (Change.DropEnum) change);
            case ADD_ENUM_VALUE -> ObjectPlans.addEnumValue(ctx, (Change.AddEnumValue) change);
            case CREATE_VIEW -> ObjectPlans.createView(ctx, (Change.CreateView) change);
            case DROP_VIEW -> ObjectPlans.dropView(ctx, (Change.DropView) change);
            case REPLACE_VIEW -> ObjectPlans.replaceView(ctx, (Change.ReplaceView) change);
            case RENAME_VIEW -> ObjectPlans.renameView(ctx, (Change.RenameView) change);
            case CREATE_EXTENSION ->
                    ObjectPlans.createExtension(ctx, (Change.CreateExtension) change);
            case DROP_EXTENSION -> ObjectPlans.dropExtension(ctx, (Change.DropExtension) change);
            case CREATE_OBJECT -> CodeObjectPlans.create(ctx, (Change.CreateObject) change);
            case ALTER_OBJECT -> CodeObjectPlans.alter(ctx, (Change.AlterObject) change);
            case DROP_OBJECT -> CodeObjectPlans.drop(ctx, (Change.DropObject) change);
            case DATA_CHANGE -> TablePlans.dataChange(ctx, (Change.DataChange) change);
            case MAINTENANCE -> MaintenancePlans.maintenance(ctx, (Change.Maintenance) change);
            case OPAQUE -> TablePlans.opaque(ctx, (Change.Opaque) change);
        };
    }
}
