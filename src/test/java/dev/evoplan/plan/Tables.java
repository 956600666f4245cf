package dev.evoplan.plan;

import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.Index;
import dev.evoplan.model.IndexElement;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.ReferentialAction;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.Table;
import dev.evoplan.model.UniqueConstraint;
import java.util.Arrays;
import java.util.List;

/** Short-hands for building model objects in planner tests. */
final class Tables {
    private Tables() {}

    static QualifiedName q(String name) {
        return QualifiedName.of(name);
    }

    static Column col(String name, String type) {
        return Column.of(name, SqlType.parse(type), true);
    }

    static Column notNull(String name, String type) {
        return Column.of(name, SqlType.parse(type), false);
    }

    static Column withDefault(Column c, String expression) {
        return c.withDefault(DefaultValue.of(expression));
    }

    static Column identity(String name, String type) {
        return Column.of(name, SqlType.parse(type), false).withIdentity(IdentityKind.BY_DEFAULT);
    }

    static Table table(String name, Column... columns) {
        return Table.empty(q(name)).withColumns(List.of(columns));
    }

    static Table pk(Table t, String... columns) {
        return t.withPrimaryKey(new PrimaryKey(t.name().name() + "_pkey", List.of(columns)));
    }

    static UniqueConstraint unique(String name, String... columns) {
        return new UniqueConstraint(name, List.of(columns), false);
    }

    static CheckConstraint check(String name, String expression) {
        return new CheckConstraint(name, expression, true);
    }

    static ForeignKey fk(
            String name, List<String> columns, String target, List<String> targetColumns) {
        return new ForeignKey(
                name,
                columns,
                q(target),
                targetColumns,
                ReferentialAction.NO_ACTION,
                ReferentialAction.NO_ACTION,
                false,
                false,
                true);
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
        return new Index(
                name,
                q(table),
                true,
                "btree",
                Arrays.stream(columns).map(IndexElement::column).toList(),
                List.of(),
                null);
    }

    static Schema schema(Table... tables) {
        Schema s = Schema.EMPTY;
        for (Table t : tables) {
            s = s.withTable(t);
        }
        return s;
    }
}
