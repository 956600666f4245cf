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

    /** A table of {@code n} integer columns c1..cn (indexed by name once past eight). */
    private static Table wide(int n) {
        Table t = Table.empty(WIDE);
        for (int i = 1; i <= n; i++) {
            t = t.withColumn(column("c" + i));
        }
        return t;
    }

    @Test
    void anEditOrDropOfOneColumnIsFoundWithoutTheWalkAndAsTheWalkFindsIt() {
        for (int n : new int[] {3, 40}) {
            Table before = wide(n);
            Table retyped = before.mapColumn("c2", c -> c.withType(SqlType.parse("bigint")));
            Table dropped = before.withoutColumn("c2");
            Table renamed = before.mapColumn("c2", c -> c.withName("z"));
            assertThat(ColumnList.replacedBetween(before.columns(), retyped.columns()))
                    .containsExactly(column("c2"), retyped.column("c2").orElseThrow());
            assertThat(ColumnList.removedBetween(before.columns(), dropped.columns()))
                    .isEqualTo(column("c2"));
            for (Table after : List.of(retyped, dropped, renamed)) {
                Table afterRebuilt = after.withColumns(new ArrayList<>(after.columns()));
                assertThat(
                                SchemaDiffer.diff(
                                        Schema.EMPTY.withTable(before),
                                        Schema.EMPTY.withTable(after)))
                        .isEqualTo(
                                SchemaDiffer.diff(
                                        Schema.EMPTY.withTable(before),
                                        Schema.EMPTY.withTable(afterRebuilt)))
                        .isNotEmpty();
            }
            assertThat(dropped.columns()).hasSize(n - 1).doesNotContain(column("c2"));
            assertThat(dropped.column("c2")).isEmpty();
            assertThat(dropped.column("c3")).contains(column("c3"));
            assertThat(renamed.column("c2")).isEmpty();
            assertThat(renamed.column("z")).isPresent();
            assertThat(renamed.columns().get(1).name()).isEqualTo("z");
            // The edited lists leave the one they came from as it was.
            assertThat(before.column("c2")).contains(column("c2"));
            assertThat(before.columns()).hasSize(n);
        }
    }

    @Test
    void aListEditedUnderItsOwnNamesStillFindsColumnsAfterAppendsOnEitherLine() {
        Table before = wide(20);
        Table retyped = before.mapColumn("c5", c -> c.withType(SqlType.parse("bigint")));
        // The list it came from appends in place; the edited one borrows its index of names.
        Table beforeGrown = before.withColumn(column("late"));
        assertThat(retyped.column("late")).isEmpty();
        assertThat(beforeGrown.column("late")).contains(column("late"));
        Table retypedGrown = retyped.withColumn(column("other")).withColumn(column("late2"));
        assertThat(retypedGrown.column("other")).contains(column("other"));
        assertThat(retypedGrown.column("late")).isEmpty();
        assertThat(retypedGrown.column("c5").orElseThrow().type())
                .isEqualTo(SqlType.parse("bigint"));
        assertThat(beforeGrown.column("c5").orElseThrow().type())
                .isEqualTo(SqlType.parse("integer"));
        assertThat(beforeGrown.column("other")).isEmpty();
    }

    @Test
    void aNameHeldTwiceIsEditedEverywhereAsBefore() {
        List<Column> twice = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            twice.add(column(i == 3 || i == 9 ? "dup" : "c" + i));
        }
        Table t = Table.empty(WIDE).withColumns(twice);
        Table edited = t.mapColumn("dup", c -> c.withNullable(false));
        assertThat(edited.columns().stream().filter(c -> c.name().equals("dup")))
                .hasSize(2)
                .allMatch(c -> !c.nullable());
        assertThat(t.withoutColumn("dup").columns()).hasSize(10);
    }

    @Test
    void aRenameEditsOneColumnAndGeneratedExpressionsStillFollowIt() {
        Table plain = wide(30);
        Schema renamed =
                SchemaEdits.renameColumn(Schema.EMPTY.withTable(plain), WIDE, "c7", "seven");
        Table after = renamed.tables().get(WIDE);
        assertThat(after.columns()).extracting(Column::name).contains("seven").doesNotContain("c7");
        assertThat(after.columns().get(6).name()).isEqualTo("seven");
        assertThat(ColumnList.replacedBetween(plain.columns(), after.columns())).isNotNull();
        Table generated = plain.withColumn(column("g").withGenerated("c7 * 2"));
        Table afterGenerated =
                SchemaEdits.renameColumn(Schema.EMPTY.withTable(generated), WIDE, "c7", "seven")
                        .tables()
                        .get(WIDE);
        assertThat(afterGenerated.column("g").orElseThrow().generatedExpression())
                .isEqualTo("seven * 2");
        assertThat(afterGenerated.column("seven")).isPresent();
    }
}
