package dev.evoplan.plan;

import dev.evoplan.diff.Change;
import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.EnumType;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.Index;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SchemaEdits;
import dev.evoplan.model.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The schema after one change, so the planner sees each change against the state the earlier
 * changes leave (a column added before its index, a table renamed before its columns).
 */
public final class SchemaEvolution {
    private SchemaEvolution() {}

    public static Schema apply(Schema s, Change change) {
        return switch (change.kind()) {
            case CREATE_TABLE -> s.withTable(((Change.CreateTable) change).definition());
            case DROP_TABLE -> edit(s, x -> SchemaEdits.dropTable(x, change.table(), true));
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
                    edit(
                            s,
                            x ->
                                    SchemaEdits.dropColumn(
                                            x,
                                            change.table(),
                                            ((Change.DropColumn) change).column().name(),
                                            true));
            case RENAME_COLUMN -> {
                Change.RenameColumn r = (Change.RenameColumn) change;
                yield edit(s, x -> SchemaEdits.renameColumn(x, r.table(), r.from(), r.to()));
            }
            case ALTER_COLUMN_TYPE -> {
                Change.AlterColumnType c = (Change.AlterColumnType) change;
                yield s.mapTable(
                        c.table(),
                        t ->
                                t.mapColumn(
                                        c.column(),
                                        col ->
                                                col.withType(c.to())
                                                        .withCollation(c.toCollation())));
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
                        c.table(),
                        t ->
                                t.mapColumn(
                                        c.column(),
                                        col ->
                                                col.withIdentity(c.to())
                                                        .withIdentityOptions(c.toOptions())));
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
                                                v.asValidated())));
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
        return edit(s, x -> SchemaEdits.renameTable(x, r.from(), r.to()));
    }

    /**
     * The edit PostgreSQL makes, or the schema as it was when the edit does not apply to it (the
     * planner evolves its own view of the schema and never stops on a stale change).
     */
    private static Schema edit(Schema s, UnaryOperator<Schema> edit) {
        try {
            return edit.apply(s);
        } catch (SchemaEdits.Refused e) {
            return s;
        }
    }

    static Index renameInIndex(Index i, String from, String to) {
        return SchemaEdits.renameInIndex(i, from, to);
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
