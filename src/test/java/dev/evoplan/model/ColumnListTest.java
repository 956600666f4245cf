package dev.evoplan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.SchemaDiffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnListTest {
    private static final QualifiedName WIDE = QualifiedName.of("wide");

    private static Column column(String name) {
        return Column.of(name, SqlType.parse("integer"), true);
    }

    @Test
    void appendingToATableSharesTheColumnsItHad() {
        Table one = Table.empty(WIDE).withColumn(column("id"));
        Table two = one.withColumn(column("b"));
        Table three = two.withColumn(column("a"));
        assertThat(ColumnList.appendedTo(one.columns(), three.columns()))
                .containsExactly(column("b"), column("a"));
        assertThat(ColumnList.appendedTo(three.columns(), three.columns())).isEmpty();
        // A list rebuilt from scratch shares nothing: the differ walks it.
        Table rebuilt = three.withColumns(new ArrayList<>(three.columns()));
        assertThat(ColumnList.appendedTo(one.columns(), rebuilt.columns())).isNull();
        assertThat(rebuilt).isEqualTo(three);
        assertThat(rebuilt.hashCode()).isEqualTo(three.hashCode());
    }

    @Test
    void anAppendToAShorterListLeavesTheLongerOneAsItWas() {
        Table base = Table.empty(WIDE).withColumn(column("id"));
        Table withA = base.withColumn(column("a"));
        Table withB = base.withColumn(column("b"));
        Table withAAgain = base.withColumn(column("a"));
        assertThat(withA.columns()).extracting(Column::name).containsExactly("id", "a");
        assertThat(withB.columns()).extracting(Column::name).containsExactly("id", "b");
        assertThat(withAAgain.columns()).isEqualTo(withA.columns());
        assertThat(base.columns()).extracting(Column::name).containsExactly("id");
        assertThat(base.hasColumn("a")).isFalse();
        assertThat(withB.hasColumn("a")).isFalse();
        assertThat(withB.column("b")).contains(column("b"));
        assertThat(withA.column("a")).contains(column("a"));
        assertThat(ColumnList.appendedTo(withA.columns(), withB.columns())).isNull();
        assertThat(ColumnList.appendedTo(base.columns(), withAAgain.columns()))
                .containsExactly(column("a"));
    }

    @Test
    void aColumnListIsImmutableAndFindsTheFirstColumnOfAName() {
        ColumnList list = ColumnList.of(List.of(column("a"), column("b")));
        assertThatThrownBy(() -> list.add(column("c")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(list.plus(column("a")).named("a")).contains(list.get(0));
        assertThat(list.plus(column("c")).indexOf(column("c"))).isEqualTo(2);
        assertThat(list).isEqualTo(List.of(column("a"), column("b")));
        assertThat(List.of(column("a"), column("b"))).isEqualTo(list);
    }

    @Test
    void theDifferFindsAppendedColumnsInNameOrderAsTheWalkDoes() {
        Table before = Table.empty(WIDE).withColumn(column("id"));
        Table after = before.withColumn(column("zeta")).withColumn(column("alpha"));
        Table afterRebuilt = after.withColumns(new ArrayList<>(after.columns()));
        List<Change> shared =
                SchemaDiffer.diff(Schema.EMPTY.withTable(before), Schema.EMPTY.withTable(after));
        List<Change> walked =
                SchemaDiffer.diff(
                        Schema.EMPTY.withTable(before), Schema.EMPTY.withTable(afterRebuilt));
        assertThat(shared)
                .containsExactly(
                        new Change.AddColumn(WIDE, column("alpha")),
                        new Change.AddColumn(WIDE, column("zeta")));
        assertThat(shared).isEqualTo(walked);
    }
}
