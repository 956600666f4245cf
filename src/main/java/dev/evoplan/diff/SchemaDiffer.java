package dev.evoplan.diff;

import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import dev.evoplan.model.ColumnList;
import dev.evoplan.model.EnumType;
import dev.evoplan.model.Extension;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.IdentityOptions;
import dev.evoplan.model.Index;
import dev.evoplan.model.IndexElement;
import dev.evoplan.model.MaterializedViewIndex;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Rename;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.Table;
import dev.evoplan.model.UniqueConstraint;
import dev.evoplan.model.UnmodelledObject;
import dev.evoplan.model.View;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Works out the typed changes that turn one schema state into another. */
public final class SchemaDiffer {
    private SchemaDiffer() {}

    /**
     * The typed changes that turn {@code from} into {@code to}, in dependency order
     * (docs/decisions.md). {@code renames} are those the source stated; a rename not stated stays a
     * drop and an add.
     */
    public static List<Change> diff(Schema from, Schema to, List<Rename> renames) {
        Objects.requireNonNull(from, "from is null");
        Objects.requireNonNull(to, "to is null");
        Renamer.Result renamed = Renamer.apply(from, List.copyOf(renames));
        Schema base = renamed.schema();
        List<Change> changes = new ArrayList<>(renamed.changes());
        // Schema states share the maps an edit left alone: the same map on both sides differs in
        // nothing.
        if (base.extensions() != to.extensions()) {
            changes.addAll(EXTENSIONS.diff(base.extensions().values(), to.extensions().values()));
        }
        if (base.enums() != to.enums()) {
            changes.addAll(ENUMS.diff(base.enums().values(), to.enums().values()));
        }
        if (base.sequences() != to.sequences()) {
            changes.addAll(SEQUENCES.diff(base.sequences().values(), to.sequences().values()));
        }
        List<Change> tableChanges =
                withForeignKeyCyclesBroken(
                        withDependentForeignKeysRecreated(
                                base,
                                to,
                                TABLES.diff(base.tables().values(), to.tables().values())));
        changes.addAll(tableChanges);
        List<Change> partitioning = PartitionChanges.partitioning(base, to);
        changes.addAll(partitioning);
        List<Change> viewChanges = views(base, to, tableChanges);
        changes.addAll(viewChanges);
        changes.addAll(materializedViewIndexChanges(base, to, viewChanges));
        changes.addAll(unmodelledChanges(base, to));
        // SchemaEdits.renameTable moved each renamed table's triggers and policies onto its new
        // name.
        changes.addAll(
                PartitionChanges.withoutPartitionsOfReshapedTables(
                        objectChanges(base, to), base, to));
        changes.addAll(PartitionChanges.ownChanges(base, to));
        changes =
                new ArrayList<>(
                        PartitionChanges.withChangesOnReplacedPartitionsForReview(
                                PartitionChanges.withParentKeysOverOwnForReview(changes, base, to),
                                base,
                                to));
        return ChangeOrder.sort(
                PartitionChanges.withChangesOfReshapedTablesFolded(
                        withoutDropsOfOwnedSequences(changes), base, to));
    }

    /**
     * Routines, triggers, policies and row-security switches added, defined otherwise or removed.
     * Those of a table that is dropped go with it (DROP TABLE drops them); a table's switches off
     * are no object at all.
     */
    static List<Change> objectChanges(Schema from, Schema to) {
        if (from.objects() == to.objects()) {
            return List.of();
        }
        List<Change> out = new ArrayList<>();
        for (dev.evoplan.model.SchemaObject was : from.objects().values()) {
            dev.evoplan.model.SchemaObject now = to.objects().get(was.key());
            if (was instanceof MaterializedViewIndex) {
                continue; // materializedViewIndexChanges
            }
            if (now == null) {
                boolean tableGoes =
                        was.table() != null
                                && !to.tables().containsKey(was.table())
                                && !dev.evoplan.model.SchemaEdits.isPartition(to, was.table());
                if (!tableGoes) {
                    out.add(new Change.DropObject(was));
                }
            } else if (was instanceof dev.evoplan.model.Partition a
                    && now instanceof dev.evoplan.model.Partition b
                    && !a.sameAs(b)) {
                out.add(PartitionChanges.boundChanged(a, b));
            } else if (!sameObject(was, now)) {
                out.add(new Change.AlterObject(was, now));
            }
        }
        for (dev.evoplan.model.SchemaObject now : to.objects().values()) {
            if (!from.objects().containsKey(now.key()) && !(now instanceof MaterializedViewIndex)) {
                if (now instanceof dev.evoplan.model.Partition p
                        && from.holdsRelationNamed(p.name())) {
                    // The old relation of that name is another kind (a partition with settings of
                    // its own, a plain table): creating the new one first fails, and dropping the
                    // old one first loses its rows.
                    out.add(
                            new Change.Opaque(
                                    now.describe(),
                                    now.describe()
                                            + " replaces a relation of the same name that is not a"
                                            + " plain partition; no in-place form: "
                                            + String.join("; ", now.createSql())));
                    continue;
                }
                String waits =
                        now instanceof dev.evoplan.model.Partition p
                                ? PartitionChanges.ownKeysWaitForNew(p, from)
                                : null;
                if (waits != null) {
                    out.add(
                            new Change.Opaque(
                                    now.describe(),
                                    "added "
                                            + now.describe()
                                            + ", for review: "
                                            + waits
                                            + ": "
                                            + String.join("; ", now.createSql())));
                    continue;
                }
                out.add(
                        onNewPartition(from, to, now)
                                ? new Change.Opaque(
                                        now.describe(),
                                        "added "
                                                + now.describe()
                                                + ", a partition added for review: "
                                                + String.join("; ", now.createSql()))
                                : new Change.CreateObject(now));
            }
        }
        return out;
    }

    /**
     * Indexes of materialized views, as index changes (the index plans build and drop them
     * CONCURRENTLY). A view that is dropped takes its indexes with it; one created, or dropped and
     * created (a materialized view is never replaced in place), gets every index of the target
     * built again after it. An index whose definition changes is dropped and built anew.
     */
    static List<Change> materializedViewIndexChanges(
            Schema from, Schema to, List<Change> viewChanges) {
        if (from.objects() == to.objects() && viewChanges.isEmpty()) {
            return List.of();
        }
        Set<QualifiedName> madeAnew = new TreeSet<>();
        for (Change c : viewChanges) {
            if (c instanceof Change.CreateView create) {
                madeAnew.add(create.view().name());
            } else if (c instanceof Change.ReplaceView replace
                    && (replace.from().materialized() || replace.to().materialized())) {
                madeAnew.add(replace.to().name());
            }
        }
        List<Change> out = new ArrayList<>();
        for (dev.evoplan.model.SchemaObject o : from.objects().values()) {
            if (o instanceof MaterializedViewIndex was) {
                QualifiedName view = was.table();
                boolean viewStays = to.views().containsKey(view) && !madeAnew.contains(view);
                dev.evoplan.model.SchemaObject now = to.objects().get(was.key());
                if (viewStays && !was.equals(now)) {
                    out.add(new Change.DropIndex(was.index()));
                }
            }
        }
        for (dev.evoplan.model.SchemaObject o : to.objects().values()) {
            if (o instanceof MaterializedViewIndex now
                    && (madeAnew.contains(now.table())
                            || !now.equals(from.objects().get(now.key())))) {
                out.add(new Change.CreateIndex(now.index()));
            }
        }
        return out;
    }

    /**
     * Whether {@code o} belongs to a partition {@code from} does not have: the partition's own
     * creation is for review (docs/partitioning.md), so a setting on it is too, rather than a step
     * that would run before the partition exists.
     */
    private static boolean onNewPartition(
            Schema from, Schema to, dev.evoplan.model.SchemaObject o) {
        QualifiedName t = o.table();
        return t != null
                && !to.tables().containsKey(t)
                && dev.evoplan.model.SchemaEdits.isPartition(to, t)
                && !from.tables().containsKey(t)
                && !dev.evoplan.model.SchemaEdits.isPartition(from, t);
    }

    /**
     * Whether both define the same object. A trigger's and a policy's expressions are compared the
     * way checks are ({@link SqlExpressions#same}): PostgreSQL prints them back with its own case
     * and parentheses (a live database's are read as it prints them), and {@code EXECUTE PROCEDURE}
     * is its older spelling of {@code EXECUTE FUNCTION}.
     */
    static boolean sameObject(
            dev.evoplan.model.SchemaObject was, dev.evoplan.model.SchemaObject now) {
        if (now.sameAs(was)) {
            return true;
        }
        if (was instanceof dev.evoplan.model.Trigger a
                && now instanceof dev.evoplan.model.Trigger b) {
            return a.table().equals(b.table())
                    && a.name().equals(b.name())
                    && a.constraint() == b.constraint()
                    && SqlExpressions.same(a.timingEvents(), b.timingEvents())
                    && SqlExpressions.same(triggerAction(a.rest()), triggerAction(b.rest()));
        }
        if (was instanceof dev.evoplan.model.Policy a
                && now instanceof dev.evoplan.model.Policy b) {
            return a.table().equals(b.table())
                    && a.name().equals(b.name())
                    && a.permissive() == b.permissive()
                    && a.command().equalsIgnoreCase(b.command())
                    && a.roles().equals(b.roles())
                    && SqlExpressions.same(a.using(), b.using())
                    && SqlExpressions.same(a.withCheck(), b.withCheck());
        }
        return false;
    }

    /** What follows the table in CREATE TRIGGER, with FOR EACH STATEMENT (the default) written. */
    private static String triggerAction(String rest) {
        String s =
                rest.replaceAll("(?i)\\bEXECUTE\\s+PROCEDURE\\b", "EXECUTE FUNCTION")
                        .replaceAll("(?i)\\bFOR\\s+ROW\\b", "FOR EACH ROW")
                        .replaceAll("(?i)\\bFOR\\s+STATEMENT\\b", "FOR EACH STATEMENT");
        s = s.matches("(?is).*\\bFOR\\s+EACH\\b.*") ? s : "FOR EACH STATEMENT " + s;
        // PostgreSQL prints the WHEN condition in a second pair of parentheses.
        java.util.regex.Matcher when =
                java.util.regex.Pattern.compile("(?i)\\bWHEN\\s*\\(").matcher(s);
        if (when.find()) {
            int open = when.end() - 1;
            int close = dev.evoplan.model.SqlText.closingParenthesis(s, open);
            if (close > open) {
                s =
                        s.substring(0, open + 1)
                                + dev.evoplan.model.SqlText.withoutRedundantParentheses(
                                        s.substring(open + 1, close))
                                + s.substring(close);
            }
        }
        return s;
    }

    /**
     * What two states differ in among the objects the model does not hold: each one added, removed
     * or written differently is an opaque change a person must review, quoting its statement and
     * where it was read. Equal on both sides gives nothing.
     */
    public static List<Change> unmodelledChanges(Schema from, Schema to) {
        if (from.unmodelled() == to.unmodelled()) {
            return List.of();
        }
        return UNMODELLED.diff(from.unmodelled().values(), to.unmodelled().values());
    }

    /**
     * {@link #unmodelledChanges} without the removals: what the new side's statements added or
     * changed. A removal in a continued history comes from a written statement that was judged as
     * written (a drop, a rename that moves the object under another name).
     */
    public static List<Change> unmodelledAddedOrChanged(Schema from, Schema to) {
        if (from.unmodelled() == to.unmodelled()) {
            return List.of();
        }
        return UNMODELLED_ADDED.diff(from.unmodelled().values(), to.unmodelled().values());
    }

    private static final ListDiffer<QualifiedName, UnmodelledObject> UNMODELLED_ADDED =
            ListDiffer.<QualifiedName, UnmodelledObject>of(
                            UnmodelledObject::key,
                            (a, b) -> a == b || a.sameAs(b),
                            o -> one(unmodelled("added", o, null)),
                            o -> List.of())
                    .alteredBy((a, b) -> one(unmodelled("changed", b, a)));

    private static final ListDiffer<QualifiedName, UnmodelledObject> UNMODELLED =
            ListDiffer.<QualifiedName, UnmodelledObject>of(
                            UnmodelledObject::key,
                            (a, b) -> a == b || a.sameAs(b),
                            o -> one(unmodelled("added", o, null)),
                            o -> one(unmodelled("removed", o, null)))
                    .alteredBy((a, b) -> one(unmodelled("changed", b, a)));

    private static Change unmodelled(String what, UnmodelledObject o, UnmodelledObject was) {
        StringBuilder text = new StringBuilder(what).append(' ').append(o.describe());
        if (!o.identity().equals(o.text())) {
            text.append(": ").append(o.text());
        }
        String place = o.origin().place();
        if (place != null) {
            text.append(" (")
                    .append(what.equals("removed") ? "was at " : "")
                    .append(place)
                    .append(')');
        }
        if (was != null) {
            text.append("; was: ").append(was.text());
            if (was.origin().place() != null) {
                text.append(" (").append(was.origin().place()).append(')');
            }
        }
        // A schema added or removed is nothing but its CREATE / DROP SCHEMA: the planner writes
        // it (before everything, after everything).
        boolean schema = o.kind().equals("schema") && !what.equals("changed");
        return new Change.Opaque(
                o.kind(),
                text.toString(),
                schema
                        ? new Change.Opaque.NamedSchema(o.identity(), what.equals("removed"))
                        : null);
    }

    /** The changes that turn {@code from} into {@code to}, with no renames stated. */
    public static List<Change> diff(Schema from, Schema to) {
        return diff(from, to, List.of());
    }

    /**
     * Equality that first asks for the same object: schema states share every object an edit left
     * alone, and a record's own equals compares field by field even then.
     */
    private static boolean identicalOrEqual(Object a, Object b) {
        return a == b || a.equals(b);
    }

    private static List<Change> one(Change c) {
        return List.of(c);
    }

    // ---- extensions, enums, sequences

    /**
     * An extension moved to another schema is for a person (ALTER EXTENSION ... SET SCHEMA moves
     * every object of it); otherwise extensions are added and dropped.
     */
    private static final ListDiffer<QualifiedName, Extension> EXTENSIONS =
            ListDiffer.<QualifiedName, Extension>of(
                            Extension::key,
                            Extension::sameAs,
                            e -> one(new Change.CreateExtension(e)),
                            e -> one(new Change.DropExtension(e)))
                    .alteredBy(
                            (a, b) ->
                                    !a.sameVersion(b)
                                            ? one(
                                                    new Change.Opaque(
                                                            "extension",
                                                            "extension "
                                                                    + b.name()
                                                                    + " goes from version "
                                                                    + a.version()
                                                                    + " to "
                                                                    + b.version()
                                                                    + ": "
                                                                    + b.updateSql()
                                                                    + " runs the extension's own"
                                                                    + " update scripts; needs"
                                                                    + " review",
                                                            null,
                                                            b))
                                            : one(
                                                    new Change.Opaque(
                                                            "extension",
                                                            "extension "
                                                                    + b.name()
                                                                    + " moves from schema "
                                                                    + a.schema()
                                                                    + " to "
                                                                    + b.schema()
                                                                    + ": ALTER EXTENSION "
                                                                    + b.name()
                                                                    + " SET SCHEMA "
                                                                    + b.schema()
                                                                    + " moves every object of it; needs review")));

    private static final ListDiffer<QualifiedName, EnumType> ENUMS =
            ListDiffer.<QualifiedName, EnumType>of(
                            EnumType::name,
                            EnumType::equals,
                            e -> one(new Change.CreateEnum(e)),
                            e -> one(new Change.DropEnum(e)))
                    .alteredBy(SchemaDiffer::enumValues);

    /**
     * New labels become ADD VALUE; PostgreSQL cannot remove or reorder a label in place, so that is
     * handed to a person rather than dropped silently.
     */
    private static List<Change> enumValues(EnumType from, EnumType to) {
        if (!isSubsequence(from.values(), to.values())) {
            return one(
                    new Change.Opaque(
                            "enum",
                            "enum type "
                                    + to.name()
                                    + " changes its labels from "
                                    + from.values()
                                    + " to "
                                    + to.values()
                                    + ": a removed or reordered label cannot be altered in place and needs manual migration"));
        }
        List<Change> out = new ArrayList<>();
        Set<String> existing = new HashSet<>(from.values());
        for (int i = 0; i < to.values().size(); i++) {
            String label = to.values().get(i);
            if (!existing.contains(label)) {
                out.add(
                        new Change.AddEnumValue(
                                to.name(), label, i == 0 ? null : to.values().get(i - 1)));
            }
        }
        return out;
    }

    private static boolean isSubsequence(List<String> part, List<String> whole) {
        int i = 0;
        for (String w : whole) {
            if (i < part.size() && part.get(i).equals(w)) {
                i++;
            }
        }
        return i == part.size() && new HashSet<>(part).size() == part.size();
    }

    private static final ListDiffer<QualifiedName, Sequence> SEQUENCES =
            ListDiffer.<QualifiedName, Sequence>of(
                            // Compare with PostgreSQL defaults spelled out or left out alike (start
                            // 1 = no start).
                            Sequence::name,
                            (a, b) -> a.normalized().equals(b.normalized()),
                            s -> one(new Change.CreateSequence(s)),
                            s -> one(new Change.DropSequence(s)))
                    .alteredBy((a, b) -> one(new Change.AlterSequence(a, b)));

    /**
     * PostgreSQL drops a sequence together with the table or column that owns it, so a separate
     * DROP SEQUENCE would fail.
     */
    private static List<Change> withoutDropsOfOwnedSequences(List<Change> changes) {
        Set<QualifiedName> droppedTables = new HashSet<>();
        Set<OwnedBy> droppedColumns = new HashSet<>();
        for (Change c : changes) {
            if (c instanceof Change.DropTable d) {
                droppedTables.add(d.definition().name());
            } else if (c instanceof Change.DropColumn d) {
                droppedColumns.add(new OwnedBy(d.table(), d.column().name()));
            }
        }
        return changes.stream()
                .filter(
                        c -> {
                            if (!(c instanceof Change.DropSequence d)) {
                                return true;
                            }
                            OwnedBy owner = OwnedBy.of(d.sequence());
                            return owner == null
                                    || !(droppedTables.contains(owner.table())
                                            || droppedColumns.contains(owner));
                        })
                .toList();
    }

    // ---- tables

    private static final ListDiffer<QualifiedName, Table> TABLES =
            ListDiffer.<QualifiedName, Table>of(
                            Table::name,
                            SchemaDiffer::identicalOrEqual,
                            SchemaDiffer::createTable,
                            t -> one(new Change.DropTable(t)))
                    .alteredBy(SchemaDiffer::alterTable);

    /**
     * docs/decisions.md: a new table is created bare, its foreign keys and indexes follow as their
     * own changes.
     */
    private static List<Change> createTable(Table t) {
        List<Change> out = new ArrayList<>();
        out.add(new Change.CreateTable(t.withForeignKeys(List.of()).withIndexes(List.of())));
        t.foreignKeys().forEach(fk -> out.add(new Change.AddForeignKey(t.name(), fk)));
        t.indexes().forEach(i -> out.add(new Change.CreateIndex(i)));
        return out;
    }

    private static List<Change> alterTable(Table from, Table to) {
        QualifiedName t = to.name();
        List<Change> out = new ArrayList<>();
        // A table edit keeps the lists it did not touch as the same objects: those give no change.
        List<Column> appended = ColumnList.appendedTo(from.columns(), to.columns());
        Column[] replaced = ColumnList.replacedBetween(from.columns(), to.columns());
        Column removed = ColumnList.removedBetween(from.columns(), to.columns());
        if (replaced != null && replaced[0].name().equals(replaced[1].name())) {
            // One column edited under its own name (type, default, NOT NULL...): the walk below
            // finds only that one, after sorting every column of the table for each statement.
            if (!identicalOrEqual(replaced[0], replaced[1])) {
                out.addAll(alterColumn(t, replaced[0], replaced[1]));
            }
        } else if (removed != null) {
            out.add(new Change.DropColumn(t, removed));
        } else if (appended != null) {
            // Columns only appended (ADD COLUMN): what the walk below finds, without walking every
            // column the two share (n ADD COLUMNs on one table cost n² that way).
            appended.stream()
                    .sorted(Comparator.comparing(Column::name))
                    .forEach(c -> out.add(new Change.AddColumn(t, c)));
        } else if (from.columns() != to.columns()) {
            out.addAll(
                    ListDiffer.<String, Column>of(
                                    Column::name,
                                    SchemaDiffer::identicalOrEqual,
                                    c -> one(new Change.AddColumn(t, c)),
                                    c -> one(new Change.DropColumn(t, c)))
                            .alteredBy((a, b) -> alterColumn(t, a, b))
                            .diff(from.columns(), to.columns()));
        }
        if (!Objects.equals(from.comment(), to.comment())) {
            out.add(new Change.SetTableComment(t, from.comment(), to.comment()));
        }
        out.addAll(
                ListDiffer.<String, PrimaryKey>of(
                                PrimaryKey::name,
                                PrimaryKey::equals,
                                pk -> one(new Change.AddPrimaryKey(t, pk)),
                                pk -> one(new Change.DropPrimaryKey(t, pk)))
                        .diff(optional(from.primaryKey()), optional(to.primaryKey())));
        if (from.uniques() != to.uniques()) {
            out.addAll(
                    ListDiffer.<String, UniqueConstraint>of(
                                    UniqueConstraint::name,
                                    SchemaDiffer::identicalOrEqual,
                                    u -> one(new Change.AddUnique(t, u)),
                                    u -> one(new Change.DropUnique(t, u)))
                            .diff(from.uniques(), to.uniques()));
        }
        if (from.checks() != to.checks()) {
            out.addAll(
                    ListDiffer.<String, CheckConstraint>of(
                                    CheckConstraint::name,
                                    (a, b) -> a == b || sameCheck(a, b),
                                    c -> one(new Change.AddCheck(t, c)),
                                    c -> one(new Change.DropCheck(t, c)))
                            .alteredBy(
                                    (a, b) ->
                                            SqlExpressions.same(a.expression(), b.expression())
                                                            && a.noInherit() == b.noInherit()
                                                            && !a.validated()
                                                    ? one(new Change.ValidateCheck(t, b))
                                                    : List.of(
                                                            new Change.DropCheck(t, a),
                                                            new Change.AddCheck(t, b)))
                            .diff(from.checks(), to.checks()));
        }
        if (from.foreignKeys() != to.foreignKeys()) {
            out.addAll(
                    ListDiffer.<String, ForeignKey>of(
                                    ForeignKey::name,
                                    SchemaDiffer::identicalOrEqual,
                                    fk -> one(new Change.AddForeignKey(t, fk)),
                                    fk -> one(new Change.DropForeignKey(t, fk)))
                            .alteredBy(
                                    (a, b) ->
                                            a.sameDefinition(b) && !a.validated()
                                                    ? one(new Change.ValidateForeignKey(t, b))
                                                    : deferralOnly(a, b)
                                                            ? one(alterConstraint(t, b))
                                                            : List.of(
                                                                    new Change.DropForeignKey(t, a),
                                                                    new Change.AddForeignKey(t, b)))
                            .diff(from.foreignKeys(), to.foreignKeys()));
        }
        if (from.indexes() != to.indexes()) {
            out.addAll(
                    ListDiffer.<String, Index>of(
                                    Index::name,
                                    (a, b) -> a == b || sameIndex(a, b),
                                    i -> one(new Change.CreateIndex(i)),
                                    i -> one(new Change.DropIndex(i)))
                            .diff(from.indexes(), to.indexes()));
        }
        return out;
    }

    /**
     * Whether two foreign keys differ in their deferral alone, which ALTER CONSTRAINT changes in
     * place (no rebuild, no validation).
     */
    private static boolean deferralOnly(ForeignKey a, ForeignKey b) {
        return a.validated() == b.validated()
                && a.columns().equals(b.columns())
                && a.target().equals(b.target())
                && a.targetColumns().equals(b.targetColumns())
                && a.onDelete() == b.onDelete()
                && a.onUpdate() == b.onUpdate();
    }

    /** {@code ALTER TABLE t ALTER CONSTRAINT fk ...} setting both deferral attributes to fk's. */
    private static Change alterConstraint(QualifiedName t, ForeignKey fk) {
        return new Change.Maintenance(
                t,
                Change.Maintenance.Operation.ALTER_CONSTRAINT,
                false,
                "ALTER TABLE "
                        + t.sql()
                        + " ALTER CONSTRAINT "
                        + dev.evoplan.model.Identifiers.quote(fk.name())
                        + (fk.deferrable() ? " DEFERRABLE" : " NOT DEFERRABLE")
                        + (fk.initiallyDeferred() ? " INITIALLY DEFERRED" : " INITIALLY IMMEDIATE")
                        + ";");
    }

    /** A table and a set of its columns: what a foreign key's target is matched by. */
    private record Key(QualifiedName table, Set<String> columns) {}

    /**
     * A foreign key depends on the primary key, unique constraint or unique index backing its
     * target columns, and PostgreSQL refuses to drop that while the foreign key exists. When a
     * backing key is dropped (or recreated) the foreign keys on it are dropped first and added
     * again afterwards, even where their own definition does not change.
     */
    private static List<Change> withDependentForeignKeysRecreated(
            Schema base, Schema to, List<Change> changes) {
        Set<Key> droppedKeys = new HashSet<>();
        Set<QualifiedName> droppedTables = new HashSet<>();
        Set<List<Object>> droppedForeignKeys = new HashSet<>();
        for (Change c : changes) {
            if (c instanceof Change.DropPrimaryKey d) {
                droppedKeys.add(new Key(d.table(), Set.copyOf(d.primaryKey().columns())));
            } else if (c instanceof Change.DropUnique d) {
                droppedKeys.add(new Key(d.table(), Set.copyOf(d.constraint().columns())));
            } else if (c instanceof Change.DropIndex d && isPlainUniqueIndex(d.index())) {
                droppedKeys.add(new Key(d.table(), Set.copyOf(d.index().columnNames())));
            } else if (c instanceof Change.DropTable d) {
                droppedTables.add(d.table());
            } else if (c instanceof Change.DropForeignKey d) {
                droppedForeignKeys.add(List.of(d.table(), d.foreignKey().name()));
            }
        }
        if (droppedKeys.isEmpty()) {
            return changes;
        }
        List<Change> out = new ArrayList<>(changes);
        for (Table t : base.tables().values()) {
            if (droppedTables.contains(t.name())) {
                List<ForeignKey> inTheWay =
                        t.foreignKeys().stream()
                                .filter(
                                        fk ->
                                                droppedKeys.contains(
                                                        new Key(
                                                                fk.target(),
                                                                Set.copyOf(fk.targetColumns()))))
                                .toList();
                if (!inTheWay.isEmpty()) {
                    // The table goes later than the key it refers to: its foreign key must go
                    // first.
                    List<ForeignKey> rest =
                            t.foreignKeys().stream().filter(fk -> !inTheWay.contains(fk)).toList();
                    out.replaceAll(
                            c ->
                                    c.kind() == Change.Kind.DROP_TABLE && c.table().equals(t.name())
                                            ? new Change.DropTable(t.withForeignKeys(rest))
                                            : c);
                    inTheWay.forEach(fk -> out.add(new Change.DropForeignKey(t.name(), fk)));
                }
                continue;
            }
            for (ForeignKey fk : t.foreignKeys()) {
                boolean dependsOnDroppedKey =
                        droppedKeys.contains(new Key(fk.target(), Set.copyOf(fk.targetColumns())));
                if (!dependsOnDroppedKey
                        || droppedForeignKeys.contains(List.of(t.name(), fk.name()))) {
                    continue;
                }
                ForeignKey kept =
                        to.tables().get(t.name()).foreignKeys().stream()
                                .filter(f -> f.name().equals(fk.name()))
                                .findFirst()
                                .orElseThrow();
                out.removeIf(
                        c ->
                                c.kind() == Change.Kind.VALIDATE_FOREIGN_KEY
                                        && c.table().equals(t.name())
                                        && ((Change.ValidateForeignKey) c)
                                                .foreignKey()
                                                .name()
                                                .equals(fk.name()));
                out.add(new Change.DropForeignKey(t.name(), fk));
                out.add(new Change.AddForeignKey(t.name(), kept));
            }
        }
        return out;
    }

    /**
     * Dropped tables go referencing table first; tables that refer to each other in a ring have no
     * such order, so the foreign keys within the ring are dropped on their own beforehand.
     */
    private static List<Change> withForeignKeyCyclesBroken(List<Change> changes) {
        Map<QualifiedName, Table> dropped = new TreeMap<>();
        changes.stream()
                .filter(c -> c.kind() == Change.Kind.DROP_TABLE)
                .map(c -> ((Change.DropTable) c).definition())
                .forEach(t -> dropped.put(t.name(), t));
        List<Change> out = new ArrayList<>(changes);
        for (Table t : dropped.values()) {
            List<ForeignKey> inRing =
                    t.foreignKeys().stream()
                            .filter(
                                    fk ->
                                            !fk.target().equals(t.name())
                                                    && dropped.containsKey(fk.target())
                                                    && reaches(fk.target(), t.name(), dropped))
                            .toList();
            if (!inRing.isEmpty()) {
                List<ForeignKey> rest =
                        t.foreignKeys().stream().filter(fk -> !inRing.contains(fk)).toList();
                out.replaceAll(
                        c ->
                                c.kind() == Change.Kind.DROP_TABLE && c.table().equals(t.name())
                                        ? new Change.DropTable(t.withForeignKeys(rest))
                                        : c);
                inRing.forEach(fk -> out.add(new Change.DropForeignKey(t.name(), fk)));
            }
        }
        return out;
    }

    /** Whether foreign keys among {@code tables} lead from {@code from} to {@code to}. */
    private static boolean reaches(
            QualifiedName from, QualifiedName to, Map<QualifiedName, Table> tables) {
        Set<QualifiedName> seen = new HashSet<>();
        Deque<QualifiedName> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            QualifiedName n = todo.pop();
            if (n.equals(to)) {
                return true;
            }
            if (seen.add(n) && tables.containsKey(n)) {
                tables.get(n).foreignKeys().forEach(fk -> todo.push(fk.target()));
            }
        }
        return false;
    }

    /** Only a unique index over plain columns, without a predicate, can back a foreign key. */
    private static boolean isPlainUniqueIndex(Index i) {
        return i.unique() && i.predicate() == null && i.columnNames().size() == i.elements().size();
    }

    private static <T> List<T> optional(T item) {
        return item == null ? List.of() : List.of(item);
    }

    private static List<Change> alterColumn(QualifiedName t, Column a, Column b) {
        List<Change> out = new ArrayList<>();
        String c = b.name();
        if (!a.type().equals(b.type()) || !Objects.equals(a.collation(), b.collation())) {
            out.add(
                    new Change.AlterColumnType(
                            t, c, a.type(), b.type(), null, a.collation(), b.collation()));
        }
        if (!SqlExpressions.same(a.generatedExpression(), b.generatedExpression())) {
            // Before PostgreSQL 17 a generation expression cannot be changed in place (13+ can only
            // drop it), and recreating the column would lose its place and its dependants.
            out.add(
                    new Change.Opaque(
                            "generated column",
                            "column "
                                    + t
                                    + "."
                                    + c
                                    + " changes its generation expression from "
                                    + describe(a.generatedExpression())
                                    + " to "
                                    + describe(b.generatedExpression())
                                    + ": needs manual migration"));
        }
        if (b.defaultValue() == null && a.defaultValue() != null) {
            out.add(new Change.DropDefault(t, c, a.defaultValue()));
        } else if (b.defaultValue() != null && !b.defaultValue().sameAs(a.defaultValue())) {
            out.add(new Change.SetDefault(t, c, a.defaultValue(), b.defaultValue()));
        }
        if (a.nullable() && !b.nullable()) {
            out.add(new Change.SetNotNull(t, c));
        } else if (!a.nullable() && b.nullable()) {
            out.add(new Change.DropNotNull(t, c));
        }
        // The old options read for the new type: a type change alone moves the sequence's
        // default bounds with it (PostgreSQL changes the sequence's type too).
        IdentityOptions before =
                a.identityOptions() == null ? null : a.identityOptions().forType(b.type());
        if (a.identity() != b.identity() || !Objects.equals(before, b.identityOptions())) {
            out.add(
                    new Change.AlterIdentity(
                            t, c, a.identity(), b.identity(), before, b.identityOptions()));
        }
        if (!Objects.equals(a.comment(), b.comment())) {
            out.add(new Change.SetColumnComment(t, c, a.comment(), b.comment()));
        }
        return out;
    }

    private static String describe(String generated) {
        return generated == null ? "none" : "(" + generated + ")";
    }

    private static boolean sameCheck(CheckConstraint a, CheckConstraint b) {
        return a.validated() == b.validated()
                && a.noInherit() == b.noInherit()
                && SqlExpressions.same(a.expression(), b.expression());
    }

    /** Same definition, with predicates and expression keys compared the way checks are. */
    private static boolean sameIndex(Index a, Index b) {
        return normalized(a).equals(normalized(b));
    }

    private static Index normalized(Index i) {
        List<IndexElement> elements =
                i.elements().stream()
                        .map(
                                e ->
                                        e.expression()
                                                ? new IndexElement(
                                                        SqlExpressions.normalize(
                                                                e.columnOrExpression()),
                                                        true,
                                                        e.descending(),
                                                        e.nullsFirst(),
                                                        e.opclass())
                                                : e)
                        .toList();
        return new Index(
                i.name(),
                i.table(),
                i.unique(),
                i.method(),
                elements,
                i.include(),
                SqlExpressions.normalize(i.predicate()));
    }

    // ---- views

    /**
     * Views are compared by their normalised query. A view that reads a column whose type changes
     * must be dropped first (PostgreSQL refuses the ALTER otherwise) and created again afterwards,
     * and so must every view built on a view that is dropped (for good or to be created again).
     */
    private static List<Change> views(Schema base, Schema to, List<Change> tableChanges) {
        List<Change.AlterColumnType> retyped =
                tableChanges.stream()
                        .filter(c -> c.kind() == Change.Kind.ALTER_COLUMN_TYPE)
                        .map(c -> (Change.AlterColumnType) c)
                        .toList();
        // Linting judges each statement by a diff of its before and after, which share the views
        // map unless the statement touched a view: then nothing is to be compared or normalised.
        if (base.views() == to.views() && retyped.isEmpty()) {
            return List.of();
        }
        Set<QualifiedName> recreated = new TreeSet<>();
        for (View v : base.views().values()) {
            View target = to.views().get(v.name());
            if (target != null
                    && (target.materialized() != v.materialized()
                            || (!retyped.isEmpty() && readsRetypedColumn(v, retyped)))) {
                recreated.add(v.name());
            }
        }
        // A view on a view that goes away, for good or to come back, must go first and come back
        // after.
        Set<QualifiedName> goingAway = new TreeSet<>(recreated);
        base.views().keySet().stream()
                .filter(n -> !to.views().containsKey(n))
                .forEach(goingAway::add);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (View v : base.views().values()) {
                if (!goingAway.contains(v.name())
                        && goingAway.stream()
                                .anyMatch(r -> ChangeOrder.dependsOn(v, base.views().get(r)))) {
                    recreated.add(v.name());
                    grew = goingAway.add(v.name());
                }
            }
        }
        return ListDiffer.<QualifiedName, View>of(
                        View::name,
                        (a, b) -> !recreated.contains(a.name()) && sameView(a, b),
                        v -> one(new Change.CreateView(v)),
                        v -> one(new Change.DropView(v)))
                .alteredBy(
                        (a, b) ->
                                recreated.contains(a.name())
                                        ? List.of(new Change.DropView(a), new Change.CreateView(b))
                                        : one(new Change.ReplaceView(a, b)))
                .diff(base.views().values(), to.views().values());
    }

    private static boolean sameView(View a, View b) {
        return a == b
                || a.materialized() == b.materialized()
                        && (a.definition().equals(b.definition())
                                || a.normalizedDefinition().equals(b.normalizedDefinition()))
                        && a.options().equals(b.options());
    }

    /**
     * A textual test: the query names the table and the column (a false positive only recreates the
     * view).
     */
    private static boolean readsRetypedColumn(View v, List<Change.AlterColumnType> retyped) {
        Set<String> words = ChangeOrder.identifiersOf(v);
        return retyped.stream()
                .anyMatch(c -> words.contains(c.table().name()) && words.contains(c.column()));
    }
}
