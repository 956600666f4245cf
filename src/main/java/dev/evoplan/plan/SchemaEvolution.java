package dev.evoplan.plan;

import dev.evoplan.diff.Change;
import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.EnumType;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.Index;
import dev.evoplan.model.IndexElement;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.Table;
import dev.evoplan.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The schema after one change, so the planner sees each change against the state the earlier
 * changes leave (a column added before its index, a table renamed before its columns).
 */
public final class SchemaEvolution {
    private SchemaEvolution() {}

    public static Schema apply(Schema s, Change change) {
        return switch (change.kind()) {
            case CREATE_TABLE -> s.withTable(((Change.CreateTable) change).definition());
            case DROP_TABLE -> s.withoutTable(change.table()).withObjectsOf(change.table(), null);
            case RENAME_TABLE -> renameTable(s, (Change.RenameTable) change);
            case SET_TABLE_COMMENT ->
                    s.mapTable(
                            change.table(),
                            t -> t.withComment(((Change.SetTableComment) change).to()));
            case ADD_COLUMN ->
                    s.mapTable(
                            change.table(),
                            t -> t.withColumn(((Change.AddColumn) change).column()));
            case DROP_COLUMN ->
                    s.mapTable(
                            change.table(),
                            t -> t.withoutColumn(((Change.DropColumn) change).column().name()));
            case RENAME_COLUMN ->
                    s.mapTable(change.table(), t -> renameColumn(t, (Change.RenameColumn) change));
            case ALTER_COLUMN_TYPE -> {
                Change.AlterColumnType c = (Change.AlterColumnType) change;
                yield s.mapTable(
                        c.table(), t -> t.mapColumn(c.column(), col -> col.withType(c.to())));
            }
            case SET_NOT_NULL ->
                    s.mapTable(
                            change.table(),
                            t ->
                                    t.mapColumn(
                                            ((Change.SetNotNull) change).column(),
                                            col -> col.withNullable(false)));
            case DROP_NOT_NULL ->
                    s.mapTable(
                            change.table(),
                            t ->
                                    t.mapColumn(
                                            ((Change.DropNotNull) change).column(),
                                            col -> col.withNullable(true)));
            case SET_DEFAULT -> {
                Change.SetDefault c = (Change.SetDefault) change;
                yield s.mapTable(
                        c.table(), t -> t.mapColumn(c.column(), col -> col.withDefault(c.to())));
            }
            case DROP_DEFAULT ->
                    s.mapTable(
                            change.table(),
                            t ->
                                    t.mapColumn(
                                            ((Change.DropDefault) change).column(),
                                            col -> col.withDefault(null)));
            case ALTER_IDENTITY -> {
                Change.AlterIdentity c = (Change.AlterIdentity) change;
                yield s.mapTable(
                        c.table(), t -> t.mapColumn(c.column(), col -> col.withIdentity(c.to())));
            }
            case SET_COLUMN_COMMENT -> {
                Change.SetColumnComment c = (Change.SetColumnComment) change;
                yield s.mapTable(
                        c.table(), t -> t.mapColumn(c.column(), col -> col.withComment(c.to())));
            }
            case ADD_PRIMARY_KEY ->
                    s.mapTable(
                            change.table(),
                            t -> t.withPrimaryKey(((Change.AddPrimaryKey) change).primaryKey()));
            case DROP_PRIMARY_KEY -> s.mapTable(change.table(), t -> t.withPrimaryKey(null));
            case ADD_UNIQUE ->
                    s.mapTable(
                            change.table(),
                            t ->
                                    t.withUniques(
                                            plus(
                                                    t.uniques(),
                                                    ((Change.AddUnique) change).constraint())));
            case DROP_UNIQUE -> {
                String name = ((Change.DropUnique) change).constraint().name();
                yield s.mapTable(
                        change.table(),
                        t -> t.withUniques(minus(t.uniques(), u -> u.name().equals(name))));
            }
            case ADD_CHECK ->
                    s.mapTable(
                            change.table(),
                            t ->
                                    t.withChecks(
                                            plus(
                                                    t.checks(),
                                                    ((Change.AddCheck) change).constraint())));
            case DROP_CHECK -> {
                String name = ((Change.DropCheck) change).constraint().name();
                yield s.mapTable(
                        change.table(),
                        t -> t.withChecks(minus(t.checks(), c -> c.name().equals(name))));
            }
            case VALIDATE_CHECK -> {
                CheckConstraint v = ((Change.ValidateCheck) change).constraint();
                yield s.mapTable(
                        change.table(),
                        t ->
                                t.withChecks(
                                        plus(
                                                minus(t.checks(), c -> c.name().equals(v.name())),
                                                new CheckConstraint(
                                                        v.name(), v.expression(), true))));
            }
            case ADD_FOREIGN_KEY ->
                    s.mapTable(
                            change.table(),
                            t ->
                                    t.withForeignKeys(
                                            plus(
                                                    t.foreignKeys(),
                                                    ((Change.AddForeignKey) change).foreignKey())));
            case DROP_FOREIGN_KEY -> {
                String name = ((Change.DropForeignKey) change).foreignKey().name();
                yield s.mapTable(
                        change.table(),
                        t -> t.withForeignKeys(minus(t.foreignKeys(), f -> f.name().equals(name))));
            }
            case VALIDATE_FOREIGN_KEY -> {
                ForeignKey v = ((Change.ValidateForeignKey) change).foreignKey();
                ForeignKey validated =
                        new ForeignKey(
                                v.name(),
                                v.columns(),
                                v.target(),
                                v.targetColumns(),
                                v.onDelete(),
                                v.onUpdate(),
                                v.deferrable(),
                                v.initiallyDeferred(),
                                true);
                yield s.mapTable(
                        change.table(),
                        t ->
                                t.withForeignKeys(
                                        plus(
                                                minus(
                                                        t.foreignKeys(),
                                                        f -> f.name().equals(v.name())),
                                                validated)));
            }
            case CREATE_INDEX -> {
                Index i = ((Change.CreateIndex) change).index();
                yield s.mapTable(i.table(), t -> t.withIndexes(plus(t.indexes(), i)));
            }
            case DROP_INDEX -> {
                Index i = ((Change.DropIndex) change).index();
                yield s.mapTable(
                        i.table(),
                        t -> t.withIndexes(minus(t.indexes(), x -> x.name().equals(i.name()))));
            }
            case RENAME_INDEX -> {
                Change.RenameIndex r = (Change.RenameIndex) change;
                yield s.mapTable(
                        r.table(),
                        t ->
                                t.withIndexes(
                                        t.indexes().stream()
                                                .map(
                                                        i ->
                                                                i.name().equals(r.from())
                                                                        ? renamed(i, r.to())
                                                                        : i)
                                                .toList()));
            }
            case CREATE_SEQUENCE -> s.withSequence(((Change.CreateSequence) change).sequence());
            case DROP_SEQUENCE ->
                    s.withoutSequence(((Change.DropSequence) change).sequence().name());
            case ALTER_SEQUENCE -> s.withSequence(((Change.AlterSequence) change).to());
            case RENAME_SEQUENCE -> {
                Change.RenameSequence r = (Change.RenameSequence) change;
                Sequence old = s.sequences().get(r.from());
                yield old == null
                        ? s
                        : s.withoutSequence(r.from()).withSequence(old.withName(r.to()));
            }
            case CREATE_ENUM -> s.withEnum(((Change.CreateEnum) change).type());
            case DROP_ENUM -> s.withoutEnum(((Change.DropEnum) change).type().name());
            case ADD_ENUM_VALUE -> addEnumValue(s, (Change.AddEnumValue) change);
            case CREATE_VIEW -> s.withView(((Change.CreateView) change).view());
            case DROP_VIEW -> s.withoutView(((Change.DropView) change).view().name());
            case REPLACE_VIEW -> s.withView(((Change.ReplaceView) change).to());
            case RENAME_VIEW -> {
                Change.RenameView r = (Change.RenameView) change;
                var old = s.views().get(r.from());
                yield old == null
                        ? s
                        : s.withoutView(r.from())
                                .withView(
                                        new dev.evoplan.model.View(
                                                r.to(), old.definition(), old.materialized()));
            }
            case CREATE_EXTENSION -> s.withExtension(((Change.CreateExtension) change).extension());
            case DROP_EXTENSION ->
                    s.withoutExtension(((Change.DropExtension) change).extension().name());
            case CREATE_OBJECT -> s.withObject(((Change.CreateObject) change).object());
            case ALTER_OBJECT -> s.withObject(((Change.AlterObject) change).to());
            case DROP_OBJECT -> s.withoutObject(((Change.DropObject) change).object().key());
            case DATA_CHANGE, MAINTENANCE, OPAQUE -> s;
        };
    }

    private static Schema renameTable(Schema s, Change.RenameTable r) {
        Table t = s.tables().get(r.from());
        if (t == null) {
            return s;
        }
        Schema out =
                s.withoutTable(r.from())
                        .withTable(t.withName(r.to()))
                        .withObjectsOf(r.from(), r.to());
        for (Table other : out.tables().values()) {
            if (other.foreignKeys().stream().anyMatch(f -> f.target().equals(r.from()))) {
                out =
                        out.withTable(
                                other.withForeignKeys(
                                        other.foreignKeys().stream()
                                                .map(
                                                        f ->
                                                                f.target().equals(r.from())
                                                                        ? retarget(
                                                                                f,
                                                                                r.to(),
                                                                                f.targetColumns())
                                                                        : f)
                                                .toList()));
            }
        }
        return out;
    }

    private static Table renameColumn(Table t, Change.RenameColumn r) {
        Table out = t.mapColumn(r.from(), c -> c.withName(r.to()));
        if (t.primaryKey() != null) {
            out =
                    out.withPrimaryKey(
                            new PrimaryKey(
                                    t.primaryKey().name(), rename(t.primaryKey().columns(), r)));
        }
        out =
                out.withUniques(
                        t.uniques().stream()
                                .map(
                                        u ->
                                                new UniqueConstraint(
                                                        u.name(),
                                                        rename(u.columns(), r),
                                                        u.deferrable()))
                                .toList());
        out =
                out.withChecks(
                        t.checks().stream()
                                .map(
                                        c ->
                                                new CheckConstraint(
                                                        c.name(),
                                                        ExpressionRewriter.renameColumn(
                                                                c.expression(), r.from(), r.to()),
                                                        c.validated()))
                                .toList());
        out =
                out.withForeignKeys(
                        t.foreignKeys().stream()
                                .map(
                                        f -> {
                                            ForeignKey g =
                                                    new ForeignKey(
                                                            f.name(),
                                                            rename(f.columns(), r),
                                                            f.target(),
                                                            f.targetColumns(),
                                                            f.onDelete(),
                                                            f.onUpdate(),
                                                            f.deferrable(),
                                                            f.initiallyDeferred(),
                                                            f.validated());
                                            return f.target().equals(t.name())
                                                    ? retarget(
                                                            g,
                                                            t.name(),
                                                            rename(f.targetColumns(), r))
                                                    : g;
                                        })
                                .toList());
        out =
                out.withIndexes(
                        t.indexes().stream().map(i -> renameInIndex(i, r.from(), r.to())).toList());
        return out;
    }

    static Index renameInIndex(Index i, String from, String to) {
        List<IndexElement> elements =
                i.elements().stream()
                        .map(
                                e ->
                                        e.expression()
                                                ? new IndexElement(
                                                        ExpressionRewriter.renameColumn(
                                                                e.columnOrExpression(), from, to),
                                                        true,
                                                        e.descending(),
                                                        e.nullsFirst(),
                                                        e.opclass())
                                                : e.columnOrExpression().equals(from)
                                                        ? new IndexElement(
                                                                to,
                                                                false,
                                                                e.descending(),
                                                                e.nullsFirst(),
                                                                e.opclass())
                                                        : e)
                        .toList();
        List<String> include = i.include().stream().map(c -> c.equals(from) ? to : c).toList();
        String predicate =
                i.predicate() == null
                        ? null
                        : ExpressionRewriter.renameColumn(i.predicate(), from, to);
        return new Index(i.name(), i.table(), i.unique(), i.method(), elements, include, predicate);
    }

    private static List<String> rename(List<String> columns, Change.RenameColumn r) {
        return columns.stream().map(c -> c.equals(r.from()) ? r.to() : c).toList();
    }

    private static ForeignKey retarget(
            ForeignKey f, QualifiedName target, List<String> targetColumns) {
        return new ForeignKey(
                f.name(),
                f.columns(),
                target,
                targetColumns,
                f.onDelete(),
                f.onUpdate(),
                f.deferrable(),
                f.initiallyDeferred(),
                f.validated());
    }

    static Index renamed(Index i, String name) {
        return new Index(
                name, i.table(), i.unique(), i.method(), i.elements(), i.include(), i.predicate());
    }

    private static Schema addEnumValue(Schema s, Change.AddEnumValue a) {
        EnumType e = s.enums().get(a.type());
        if (e == null) {
            return s;
        }
        List<String> values = new ArrayList<>(e.values());
        int at = a.after() == null ? 0 : values.indexOf(a.after()) + 1;
        values.add(at <= 0 && a.after() != null ? values.size() : at, a.value());
        return s.withEnum(new EnumType(e.name(), values));
    }

    private static <T> List<T> plus(List<T> items, T item) {
        List<T> out = new ArrayList<>(items);
        out.add(item);
        return out;
    }

    private static <T> List<T> minus(List<T> items, Predicate<T> drop) {
        return items.stream().filter(drop.negate()).toList();
    }
}
