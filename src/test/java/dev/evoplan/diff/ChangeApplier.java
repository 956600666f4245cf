package dev.evoplan.diff;

import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import dev.evoplan.model.EnumType;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.Index;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.SqlText;
import dev.evoplan.model.Table;
import dev.evoplan.model.View;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Carries out changes on a model schema, one after the other, refusing what PostgreSQL would refuse
 * at that point (a foreign key to a missing table, dropping a key a foreign key needs, altering a
 * column a view reads, ...; each refusal checked against PostgreSQL 16). Tests use it to check that
 * a diff, applied in its order, turns the source into the target.
 */
final class ChangeApplier {
    private ChangeApplier() {}

    static Schema apply(Schema start, List<Change> changes) {
        Schema s = start;
        for (Change c : changes) {
            s = apply(s, c);
        }
        return s;
    }

    /**
     * Both schemas with every table's columns in name order: ADD COLUMN appends, the order is no
     * difference.
     */
    static Schema columnsSorted(Schema s) {
        Schema out = s;
        for (Table t : s.tables().values()) {
            List<Column> cols = new ArrayList<>(t.columns());
            cols.sort(Comparator.comparing(Column::name));
            out = out.withTable(t.withColumns(cols));
        }
        return out;
    }

    private static void require(boolean ok, Change c, String why) {
        if (!ok) {
            throw new IllegalStateException("cannot " + c.summary() + ": " + why);
        }
    }

    private static Schema apply(Schema s, Change c) {
        return switch (c.kind()) {
            case CREATE_TABLE -> {
                Table t = ((Change.CreateTable) c).definition();
                require(!s.tables().containsKey(t.name()), c, "exists");
                require(
                        t.foreignKeys().isEmpty() && t.indexes().isEmpty(),
                        c,
                        "a new table comes bare");
                t.columns().forEach(col -> requireType(s, col, c));
                yield s.withTable(t);
            }
            case DROP_TABLE -> {
                Table t = ((Change.DropTable) c).definition();
                require(t.equals(s.tables().get(t.name())), c, "not the table there");
                require(
                        s.tables().values().stream()
                                .filter(o -> !o.name().equals(t.name()))
                                .flatMap(o -> o.foreignKeys().stream())
                                .noneMatch(fk -> fk.target().equals(t.name())),
                        c,
                        "a foreign key refers to it");
                require(
                        s.views().values().stream().noneMatch(v -> reads(v, t.name().name())),
                        c,
                        "a view reads it");
                Schema out = s.withoutTable(t.name());
                for (Sequence q : s.sequences().values()) {
                    OwnedBy o = OwnedBy.of(q);
                    if (o != null && o.table().equals(t.name())) {
                        out = out.withoutSequence(q.name());
                    }
                }
                yield out;
            }
            case SET_TABLE_COMMENT -> {
                Change.SetTableComment x = (Change.SetTableComment) c;
                require(
                        Objects.equals(table(s, x.table(), c).comment(), x.from()),
                        c,
                        "comment differs");
                yield s.withTable(table(s, x.table(), c).withComment(x.to()));
            }
            case ADD_COLUMN -> {
                Change.AddColumn x = (Change.AddColumn) c;
                require(!table(s, x.table(), c).hasColumn(x.column().name()), c, "exists");
                requireType(s, x.column(), c);
                yield s.withTable(table(s, x.table(), c).withColumn(x.column()));
            }
            case DROP_COLUMN -> {
                Change.DropColumn x = (Change.DropColumn) c;
                Table t = table(s, x.table(), c);
                require(
                        x.column().equals(t.column(x.column().name()).orElse(null)),
                        c,
                        "not the column there");
                require(
                        s.views().values().stream()
                                .noneMatch(v -> reads(v, t.name().name(), x.column().name())),
                        c,
                        "a view reads it");
                Schema out = s.withTable(t.withoutColumn(x.column().name()));
                for (Sequence q : s.sequences().values()) {
                    if (new OwnedBy(x.table(), x.column().name()).equals(OwnedBy.of(q))) {
                        out = out.withoutSequence(q.name());
                    }
                }
                yield out;
            }
            case ALTER_COLUMN_TYPE -> {
                Change.AlterColumnType x = (Change.AlterColumnType) c;
                require(
                        column(s, x.table(), x.column(), c).type().equals(x.from()),
                        c,
                        "type differs");
                require(
                        s.views().values().stream()
                                .noneMatch(v -> reads(v, x.table().name(), x.column())),
                        c,
                        "a view reads the column");
                requireType(s, column(s, x.table(), x.column(), c).withType(x.to()), c);
                yield editColumn(s, x.table(), x.column(), col -> col.withType(x.to()), c);
            }
            case SET_NOT_NULL -> {
                Change.SetNotNull x = (Change.SetNotNull) c;
                require(column(s, x.table(), x.column(), c).nullable(), c, "already NOT NULL");
                yield editColumn(s, x.table(), x.column(), col -> col.withNullable(false), c);
            }
            case DROP_NOT_NULL -> {
                Change.DropNotNull x = (Change.DropNotNull) c;
                Column col = column(s, x.table(), x.column(), c);
                require(!col.nullable(), c, "already nullable");
                require(col.identity() == IdentityKind.NONE, c, "an identity column");
                Table t = table(s, x.table(), c);
                require(
                        t.primaryKey() == null || !t.primaryKey().columns().contains(x.column()),
                        c,
                        "in a primary key");
                yield editColumn(s, x.table(), x.column(), k -> k.withNullable(true), c);
            }
            case SET_DEFAULT -> {
                Change.SetDefault x = (Change.SetDefault) c;
                Column col = column(s, x.table(), x.column(), c);
                require(
                        x.from() == null
                                ? col.defaultValue() == null
                                : x.from().sameAs(col.defaultValue()),
                        c,
                        "default differs");
                require(col.identity() == IdentityKind.NONE, c, "an identity column");
                yield editColumn(s, x.table(), x.column(), k -> k.withDefault(x.to()), c);
            }
            case DROP_DEFAULT -> {
                Change.DropDefault x = (Change.DropDefault) c;
                require(
                        column(s, x.table(), x.column(), c).defaultValue() != null,
                        c,
                        "no default");
                yield editColumn(s, x.table(), x.column(), k -> k.withDefault(null), c);
            }
            case ALTER_IDENTITY -> {
                Change.AlterIdentity x = (Change.AlterIdentity) c;
                Column col = column(s, x.table(), x.column(), c);
                require(col.identity() == x.from(), c, "identity differs");
                if (x.from() == IdentityKind.NONE) {
                    require(
                            !col.nullable(),
                            c,
                            "must be declared NOT NULL before identity can be added");
                    require(col.defaultValue() == null, c, "already has a default value");
                }
                yield editColumn(
                        s,
                        x.table(),
                        x.column(),
                        k ->
                                new Column(
                                        k.name(),
                                        k.type(),
                                        k.nullable(),
                                        k.defaultValue(),
                                        x.to(),
                                        k.generatedExpression(),
                                        k.comment()),
                        c);
            }
            case SET_COLUMN_COMMENT -> {
                Change.SetColumnComment x = (Change.SetColumnComment) c;
                require(
                        Objects.equals(column(s, x.table(), x.column(), c).comment(), x.from()),
                        c,
                        "comment differs");
                yield editColumn(s, x.table(), x.column(), k -> k.withComment(x.to()), c);
            }
            case ADD_PRIMARY_KEY -> {
                Change.AddPrimaryKey x = (Change.AddPrimaryKey) c;
                Table t = table(s, x.table(), c);
                require(t.primaryKey() == null, c, "has one");
                requireColumns(t, x.primaryKey().columns(), c);
                yield s.withTable(t.withPrimaryKey(x.primaryKey()));
            }
            case DROP_PRIMARY_KEY -> {
                Change.DropPrimaryKey x = (Change.DropPrimaryKey) c;
                Table t = table(s, x.table(), c);
                require(x.primaryKey().equals(t.primaryKey()), c, "not the key there");
                requireNoForeignKeyOn(s, x.table(), x.primaryKey().columns(), c);
                yield s.withTable(t.withPrimaryKey(null));
            }
            case ADD_UNIQUE -> {
                Change.AddUnique x = (Change.AddUnique) c;
                Table t = table(s, x.table(), c);
                require(
                        t.uniques().stream().noneMatch(u -> u.name().equals(x.constraint().name())),
                        c,
                        "exists");
                requireColumns(t, x.constraint().columns(), c);
                yield s.withTable(t.withUniques(plus(t.uniques(), x.constraint())));
            }
            case DROP_UNIQUE -> {
                Change.DropUnique x = (Change.DropUnique) c;
                Table t = table(s, x.table(), c);
                require(t.uniques().contains(x.constraint()), c, "not there");
                requireNoForeignKeyOn(s, x.table(), x.constraint().columns(), c);
                yield s.withTable(t.withUniques(minus(t.uniques(), x.constraint())));
            }
            case ADD_CHECK -> {
                Change.AddCheck x = (Change.AddCheck) c;
                Table t = table(s, x.table(), c);
                require(
                        t.checks().stream().noneMatch(k -> k.name().equals(x.constraint().name())),
                        c,
                        "exists");
                yield s.withTable(t.withChecks(plus(t.checks(), x.constraint())));
            }
            case DROP_CHECK -> {
                Change.DropCheck x = (Change.DropCheck) c;
                Table t = table(s, x.table(), c);
                require(t.checks().contains(x.constraint()), c, "not there");
                yield s.withTable(t.withChecks(minus(t.checks(), x.constraint())));
            }
            case VALIDATE_CHECK -> {
                Change.ValidateCheck x = (Change.ValidateCheck) c;
                Table t = table(s, x.table(), c);
                CheckConstraint there =
                        t.checks().stream()
                                .filter(k -> k.name().equals(x.constraint().name()))
                                .findFirst()
                                .orElse(null);
                require(
                        there != null
                                && !there.validated()
                                && x.constraint().validated()
                                && SqlExpressions.same(
                                        there.expression(), x.constraint().expression()),
                        c,
                        "nothing to validate");
                yield s.withTable(t.withChecks(plus(minus(t.checks(), there), x.constraint())));
            }
            case ADD_FOREIGN_KEY -> {
                Change.AddForeignKey x = (Change.AddForeignKey) c;
                Table t = table(s, x.table(), c);
                ForeignKey fk = x.foreignKey();
                require(
                        t.foreignKeys().stream().noneMatch(f -> f.name().equals(fk.name())),
                        c,
                        "exists");
                requireColumns(t, fk.columns(), c);
                Table target = table(s, fk.target(), c);
                requireColumns(target, fk.targetColumns(), c);
                require(
                        backingKeys(target).contains(Set.copyOf(fk.targetColumns())),
                        c,
                        "no key on the target columns");
                yield s.withTable(t.withForeignKeys(plus(t.foreignKeys(), fk)));
            }
            case DROP_FOREIGN_KEY -> {
                Change.DropForeignKey x = (Change.DropForeignKey) c;
                Table t = table(s, x.table(), c);
                require(t.foreignKeys().contains(x.foreignKey()), c, "not there");
                yield s.withTable(t.withForeignKeys(minus(t.foreignKeys(), x.foreignKey())));
            }
            case VALIDATE_FOREIGN_KEY -> {
                Change.ValidateForeignKey x = (Change.ValidateForeignKey) c;
                Table t = table(s, x.table(), c);
                ForeignKey there =
                        t.foreignKeys().stream()
                                .filter(f -> f.name().equals(x.foreignKey().name()))
                                .findFirst()
                                .orElse(null);
                require(
                        there != null && !there.validated() && there.sameDefinition(x.foreignKey()),
                        c,
                        "nothing to validate");
                yield s.withTable(
                        t.withForeignKeys(plus(minus(t.foreignKeys(), there), x.foreignKey())));
            }
            case CREATE_INDEX -> {
                Index i = ((Change.CreateIndex) c).index();
                Table t = table(s, i.table(), c);
                require(
                        t.indexes().stream().noneMatch(k -> k.name().equals(i.name())),
                        c,
                        "exists");
                requireColumns(t, i.columnNames(), c);
                yield s.withTable(t.withIndexes(plus(t.indexes(), i)));
            }
            case DROP_INDEX -> {
                Index i = ((Change.DropIndex) c).index();
                Table t = table(s, i.table(), c);
                require(t.indexes().contains(i), c, "not there");
                if (i.unique()
                        && i.predicate() == null
                        && i.columnNames().size() == i.elements().size()) {
                    requireNoForeignKeyOn(s, i.table(), i.columnNames(), c);
                }
                yield s.withTable(t.withIndexes(minus(t.indexes(), i)));
            }
            case CREATE_SEQUENCE -> {
                Sequence q = ((Change.CreateSequence) c).sequence();
                require(!s.sequences().containsKey(q.name()), c, "exists");
                yield s.withSequence(q);
            }
            case DROP_SEQUENCE -> {
                Sequence q = ((Change.DropSequence) c).sequence();
                require(q.equals(s.sequences().get(q.name())), c, "not the sequence there");
                yield s.withoutSequence(q.name());
            }
            case ALTER_SEQUENCE -> {
                Change.AlterSequence x = (Change.AlterSequence) c;
                require(
                        x.from().equals(s.sequences().get(x.from().name())),
                        c,
                        "not the sequence there");
                yield s.withSequence(x.to());
            }
            case CREATE_ENUM -> {
                EnumType e = ((Change.CreateEnum) c).type();
                require(!s.enums().containsKey(e.name()), c, "exists");
                yield s.withEnum(e);
            }
            case DROP_ENUM -> {
                EnumType e = ((Change.DropEnum) c).type();
                require(e.equals(s.enums().get(e.name())), c, "not the type there");
                require(
                        s.tables().values().stream()
                                .flatMap(t -> t.columns().stream())
                                .noneMatch(col -> col.type().name().equals(e.name().name())),
                        c,
                        "a column has the type");
                yield s.withoutEnum(e.name());
            }
            case ADD_ENUM_VALUE -> {
                Change.AddEnumValue x = (Change.AddEnumValue) c;
                EnumType e = s.enums().get(x.type());
                require(
                        e != null && !e.values().contains(x.value()),
                        c,
                        "no such type, or the label exists");
                require(
                        x.after() == null || e.values().contains(x.after()),
                        c,
                        "no label " + x.after());
                List<String> values = new ArrayList<>(e.values());
                values.add(x.after() == null ? 0 : values.indexOf(x.after()) + 1, x.value());
                yield s.withEnum(new EnumType(e.name(), values));
            }
            case CREATE_VIEW -> {
                View v = ((Change.CreateView) c).view();
                require(!s.views().containsKey(v.name()), c, "exists");
                requireReadable(s, v, c);
                yield s.withView(v);
            }
            case DROP_VIEW -> {
                View v = ((Change.DropView) c).view();
                require(v.equals(s.views().get(v.name())), c, "not the view there");
                require(
                        s.views().values().stream().noneMatch(o -> ChangeOrder.dependsOn(o, v)),
                        c,
                        "a view reads it");
                yield s.withoutView(v.name());
            }
            case REPLACE_VIEW -> {
                Change.ReplaceView x = (Change.ReplaceView) c;
                require(x.from().equals(s.views().get(x.from().name())), c, "not the view there");
                require(
                        x.from().materialized() == x.to().materialized(),
                        c,
                        "CREATE OR REPLACE keeps the kind");
                requireReadable(s, x.to(), c);
                yield s.withView(x.to());
            }
            case CREATE_EXTENSION -> {
                var e = ((Change.CreateExtension) c).extension();
                require(!s.extensions().containsKey(e.key()), c, "exists");
                yield s.withExtension(e);
            }
            case DROP_EXTENSION -> {
                var e = ((Change.DropExtension) c).extension();
                require(s.extensions().containsKey(e.key()), c, "no such extension");
                yield s.withoutExtension(e.name());
            }
            case CREATE_OBJECT -> {
                var o = ((Change.CreateObject) c).object();
                require(!s.objects().containsKey(o.key()), c, "exists");
                yield s.withObject(o);
            }
            case ALTER_OBJECT -> {
                var o = ((Change.AlterObject) c).to();
                require(s.objects().containsKey(o.key()), c, "no such object");
                yield s.withObject(o);
            }
            case DROP_OBJECT -> {
                var o = ((Change.DropObject) c).object();
                require(s.objects().containsKey(o.key()), c, "no such object");
                yield s.withoutObject(o.key());
            }
            case RENAME_TABLE,
                    RENAME_COLUMN,
                    RENAME_INDEX,
                    RENAME_SEQUENCE,
                    RENAME_VIEW,
                    DATA_CHANGE,
                    MAINTENANCE,
                    OPAQUE ->
                    throw new UnsupportedOperationException("not applied in tests: " + c.summary());
        };
    }

    private static Table table(Schema s, QualifiedName name, Change c) {
        Table t = s.tables().get(name);
        require(t != null, c, "no table " + name);
        return t;
    }

    private static Column column(Schema s, QualifiedName table, String column, Change c) {
        Column col = table(s, table, c).column(column).orElse(null);
        require(col != null, c, "no column " + column);
        return col;
    }

    private static Schema editColumn(
            Schema s, QualifiedName table, String column, UnaryOperator<Column> edit, Change c) {
        column(s, table, column, c);
        return s.withTable(table(s, table, c).mapColumn(column, edit));
    }

    private static void requireColumns(Table t, List<String> columns, Change c) {
        columns.forEach(col -> require(t.hasColumn(col), c, "no column " + col));
    }

    /**
     * A column of an enum type needs the type; the generator names enum types by their simple name.
     */
    private static void requireType(Schema s, Column col, Change c) {
        boolean enumLike = col.type().name().equals("mood") || col.type().name().equals("color");
        require(
                !enumLike || s.enums().containsKey(QualifiedName.of(col.type().name())),
                c,
                "no type " + col.type());
    }

    private static Set<Set<String>> backingKeys(Table t) {
        Set<Set<String>> keys = new java.util.HashSet<>();
        if (t.primaryKey() != null) {
            keys.add(Set.copyOf(t.primaryKey().columns()));
        }
        t.uniques().stream()
                .filter(u -> !u.deferrable())
                .forEach(u -> keys.add(Set.copyOf(u.columns())));
        t.indexes().stream()
                .filter(
                        i ->
                                i.unique()
                                        && i.predicate() == null
                                        && i.columnNames().size() == i.elements().size())
                .forEach(i -> keys.add(Set.copyOf(i.columnNames())));
        return keys;
    }

    private static void requireNoForeignKeyOn(
            Schema s, QualifiedName table, List<String> columns, Change c) {
        boolean used =
                s.tables().values().stream()
                        .flatMap(t -> t.foreignKeys().stream())
                        .anyMatch(
                                fk ->
                                        fk.target().equals(table)
                                                && Set.copyOf(fk.targetColumns())
                                                        .equals(Set.copyOf(columns)));
        require(!used, c, "a foreign key depends on it");
    }

    /** Views in the tests name the tables, columns and views they read; all must exist. */
    private static void requireReadable(Schema s, View v, Change c) {
        Set<String> words = SqlText.identifiers(v.definition());
        for (String w : words) {
            if (w.startsWith("t_") || w.startsWith("v_")) {
                boolean exists =
                        s.tables().containsKey(QualifiedName.of(w))
                                || s.views().containsKey(QualifiedName.of(w));
                require(exists, c, "reads missing " + w);
            }
        }
    }

    private static boolean reads(View v, String table) {
        return SqlText.identifiers(v.definition()).contains(table);
    }

    private static boolean reads(View v, String table, String column) {
        Set<String> words = SqlText.identifiers(v.definition());
        return words.contains(table) && words.contains(column);
    }

    private static <T> List<T> plus(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }

    private static <T> List<T> minus(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.remove(item);
        return out;
    }
}
