package dev.evoplan.diff;

import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.EnumType;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.Index;
import dev.evoplan.model.IndexElement;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.ReferentialAction;
import dev.evoplan.model.Rename;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.Table;
import dev.evoplan.model.UniqueConstraint;
import dev.evoplan.model.View;
import java.util.Arrays;
import java.util.List;

/** Short constructors for inline model values in the differ's tests. */
final class Models {
    private Models() {}

    static QualifiedName q(String name) {
        return QualifiedName.parse(name);
    }

    static SqlType type(String written) {
        return SqlType.parse(written);
    }

    /** A nullable column. */
    static Column col(String name, String type) {
        return Column.of(name, type(type), true);
    }

    /** A NOT NULL column. */
    static Column req(String name, String type) {
        return Column.of(name, type(type), false);
    }

    static Column identity(String name, String type, IdentityKind kind) {
        return new Column(name, type(type), false, null, kind, null, null);
    }

    static DefaultValue def(String expression) {
        return DefaultValue.of(expression);
    }

    static Table table(String name, Column... columns) {
        return Table.empty(q(name)).withColumns(List.of(columns));
    }

    static PrimaryKey pk(String name, String... columns) {
        return new PrimaryKey(name, List.of(columns));
    }

    static UniqueConstraint unique(String name, String... columns) {
        return new UniqueConstraint(name, List.of(columns), false);
    }

    static CheckConstraint check(String name, String expression) {
        return new CheckConstraint(name, expression, true);
    }

    static CheckConstraint notValidCheck(String name, String expression) {
        return new CheckConstraint(name, expression, false);
    }

    static ForeignKey fk(
            String name, List<String> columns, String target, String... targetColumns) {
        return new ForeignKey(
                name,
                columns,
                q(target),
                List.of(targetColumns),
                ReferentialAction.NO_ACTION,
                ReferentialAction.NO_ACTION,
                false,
                false,
                true);
    }

    static ForeignKey notValid(ForeignKey f) {
        return new ForeignKey(
                f.name(),
                f.columns(),
                f.target(),
                f.targetColumns(),
                f.onDelete(),
                f.onUpdate(),
                f.deferrable(),
                f.initiallyDeferred(),
                false);
    }

    static ForeignKey onDelete(ForeignKey f, ReferentialAction action) {
        return new ForeignKey(
                f.name(),
                f.columns(),
                f.target(),
                f.targetColumns(),
                action,
                f.onUpdate(),
                f.deferrable(),
                f.initiallyDeferred(),
                f.validated());
    }

    static Index index(String name, String table, String... columns) {
        return new Index(
                name,
                q(table),
                false,
                "btree",
                Arrays.stream(columns).map(IndexElement::column).toList(),
                List.of(),
                null);
    }

    static Index uniqueIndex(String name, String table, String... columns) {
        Index i = index(name, table, columns);
        return new Index(
                i.name(), i.table(), true, i.method(), i.elements(), i.include(), i.predicate());
    }

    static Index where(Index i, String predicate) {
        return new Index(
                i.name(), i.table(), i.unique(), i.method(), i.elements(), i.include(), predicate);
    }

    static Index onExpression(String name, String table, String expression) {
        return new Index(
                name,
                q(table),
                false,
                "btree",
                List.of(new IndexElement(expression, true, false, null, null)),
                List.of(),
                null);
    }

    static Sequence sequence(String name) {
        return Sequence.of(q(name));
    }

    static Sequence ownedSequence(String name, String ownedBy) {
        return new Sequence(q(name), "integer", null, null, null, null, null, false, ownedBy);
    }

    static Sequence withIncrement(Sequence s, long increment) {
        return new Sequence(
                s.name(),
                s.dataType(),
                s.start(),
                increment,
                s.minValue(),
                s.maxValue(),
                s.cache(),
                s.cycle(),
                s.ownedBy());
    }

    static EnumType enumType(String name, String... values) {
        return new EnumType(q(name), List.of(values));
    }

    static View view(String name, String definition) {
        return new View(q(name), definition, false);
    }

    static View materialized(String name, String definition) {
        return new View(q(name), definition, true);
    }

    static Rename renameTable(String table, String to) {
        return new Rename(Rename.Kind.TABLE, q(table), q(table).name(), to);
    }

    static Rename renameColumn(String table, String from, String to) {
        return new Rename(Rename.Kind.COLUMN, q(table), from, to);
    }

    static Rename renameSequence(String sequence, String to) {
        return new Rename(Rename.Kind.SEQUENCE, q(sequence), q(sequence).name(), to);
    }

    static Rename renameView(String view, String to) {
        return new Rename(Rename.Kind.VIEW, q(view), q(view).name(), to);
    }

    static Rename renameIndex(String table, String from, String to) {
        return new Rename(Rename.Kind.INDEX, q(table), from, to);
    }

    /** A schema holding the given tables, sequences, enum types and views. */
    static Schema schema(Object... objects) {
        Schema s = Schema.EMPTY;
        for (Object o : objects) {
            if (o instanceof Table t) {
                s = s.withTable(t);
            } else if (o instanceof Sequence sq) {
                s = s.withSequence(sq);
            } else if (o instanceof EnumType e) {
                s = s.withEnum(e);
            } else if (o instanceof View v) {
                s = s.withView(v);
            } else {
                throw new IllegalArgumentException("not a schema object: " + o);
            }
        }
        return s;
    }
}
