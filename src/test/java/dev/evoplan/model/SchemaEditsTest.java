package dev.evoplan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a rename or a drop does to the objects that depend on it, as PostgreSQL does it. */
class SchemaEditsTest {
    private static final QualifiedName T = QualifiedName.parse("t");
    private static final QualifiedName U = QualifiedName.parse("u");

    private static Schema schema() {
        Table t =
                Table.empty(T)
                        .withColumn(Column.of("id", SqlType.parse("integer"), false))
                        .withColumn(Column.of("a", SqlType.parse("integer"), true))
                        .withColumn(
                                Column.of("b", SqlType.parse("integer"), true)
                                        .withGenerated("(a * 2)"))
                        .withPrimaryKey(new PrimaryKey("t_pkey", List.of("id")))
                        .withChecks(List.of(new CheckConstraint("t_a_check", "(a > 0)", true)))
                        .withIndexes(
                                List.of(
                                        new Index(
                                                "t_double",
                                                T,
                                                false,
                                                "btree",
                                                List.of(
                                                        new IndexElement(
                                                                "(a + 1)", true, false, null,
                                                                null)),
                                                List.of(),
                                                null)));
        Table u =
                Table.empty(U)
                        .withColumn(Column.of("t_id", SqlType.parse("integer"), true))
                        .withForeignKeys(
                                List.of(
                                        new ForeignKey(
                                                "u_t_fkey",
                                                List.of("t_id"),
                                                T,
                                                List.of("id"),
                                                ReferentialAction.NO_ACTION,
                                                ReferentialAction.NO_ACTION,
                                                false,
                                                false,
                                                true)));
        return Schema.EMPTY
                .withTable(t)
                .withTable(u)
                .withView(new View(QualifiedName.parse("v"), "SELECT id, b FROM t", false));
    }

    @Test
    void renameColumnCarriesChecksIndexExpressionsAndGeneratedColumns() {
        Table t = SchemaEdits.renameColumn(schema(), T, "a", "price").tables().get(T);

        assertThat(t.checks().get(0).expression()).isEqualTo("(price > 0)");
        assertThat(t.indexes().get(0).elements().get(0).columnOrExpression())
                .isEqualTo("(price + 1)");
        assertThat(t.column("b").orElseThrow().generatedExpression()).isEqualTo("(price * 2)");
    }

    @Test
    void renameTableRetargetsForeignKeysOfOtherTables() {
        Schema s = SchemaEdits.renameTable(schema(), T, QualifiedName.parse("t2"));

        assertThat(s.tables().get(U).foreignKeys().get(0).target())
                .isEqualTo(QualifiedName.parse("t2"));
        assertThat(s.tables().get(QualifiedName.parse("t2")).indexes().get(0).table())
                .isEqualTo(QualifiedName.parse("t2"));
    }

    @Test
    void dropColumnTakesItsGeneratedColumnAndTheViewThatReadsThatWithCascade() {
        Schema s = SchemaEdits.dropColumn(schema(), T, "a", true);

        Table t = s.tables().get(T);
        assertThat(t.columns()).extracting(Column::name).containsExactly("id");
        assertThat(t.checks()).isEmpty();
        assertThat(t.indexes()).isEmpty();
        assertThat(s.views()).isEmpty();
    }

    @Test
    void dropColumnWithoutCascadeIsRefusedWhileAViewReadsIt() {
        assertThatThrownBy(() -> SchemaEdits.dropColumn(schema(), T, "a", false))
                .isInstanceOf(SchemaEdits.Refused.class)
                .hasMessageContaining("view v");
    }

    @Test
    void dropTableWithoutCascadeIsRefusedWhileAForeignKeyPointsAtIt() {
        assertThatThrownBy(() -> SchemaEdits.dropTable(schema(), T, false))
                .isInstanceOf(SchemaEdits.Refused.class)
                .hasMessageContaining("has a foreign key to t");
        Schema s = SchemaEdits.dropTable(schema(), T, true);
        assertThat(s.tables().get(U).foreignKeys()).isEmpty();
        assertThat(s.views()).isEmpty();
    }

    @Test
    void aSequenceDropTakesTheDefaultsThatCallItOnlyWithCascadeAndARenameCarriesThem() {
        QualifiedName seq = QualifiedName.parse("app.t_id_seq");
        Schema s =
                Schema.EMPTY
                        .withSequence(
                                new Sequence(seq, "bigint", 1L, 1L, null, null, 1L, false, null))
                        .withTable(
                                Table.empty(T)
                                        .withColumn(
                                                Column.of("id", SqlType.parse("bigint"), false)
                                                        .withDefault(
                                                                DefaultValue.of(
                                                                        "nextval('app.t_id_seq'::regclass)"))));

        assertThatThrownBy(() -> SchemaEdits.dropSequence(s, seq, false))
                .isInstanceOf(SchemaEdits.Refused.class)
                .hasMessageContaining("default of t.id depends on sequence app.t_id_seq");
        Schema dropped = SchemaEdits.dropSequence(s, seq, true);
        assertThat(dropped.sequences()).isEmpty();
        assertThat(dropped.tables().get(T).column("id").orElseThrow().defaultValue()).isNull();

        Schema renamed = SchemaEdits.renameSequence(s, seq, seq.sibling("ids"));
        assertThat(renamed.sequences()).containsOnlyKeys(seq.sibling("ids"));
        assertThat(renamed.tables().get(T).column("id").orElseThrow().defaultValue().expression())
                .isEqualTo("nextval('app.ids'::regclass)");
        assertThatThrownBy(() -> SchemaEdits.renameSequence(s, seq.sibling("nope"), seq))
                .isInstanceOf(SchemaEdits.Refused.class);
    }
}
