package dev.evoplan.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link SchemaEdits.Owner}, the one reader of a sequence's {@code OWNED BY} text. */
class SequenceOwnerTest {
    private static Sequence ownedBy(QualifiedName name, String owner) {
        return new Sequence(name, "bigint", null, null, null, null, null, false, owner);
    }

    @Test
    void namesOfTheModelKeepTheirCaseAndSpaces() {
        SchemaEdits.Owner o =
                SchemaEdits.Owner.of(ownedBy(QualifiedName.of("s"), "Order Lines.Line No"));
        assertThat(o.table()).isEqualTo(QualifiedName.of("Order Lines"));
        assertThat(o.column()).isEqualTo("Line No");
    }

    @Test
    void quotedNamesMayHoldDotsAndSpaces() {
        SchemaEdits.Owner o =
                SchemaEdits.Owner.of(
                        ownedBy(
                                new QualifiedName("App Data", "s"),
                                "\"App Data\".\"v1.orders\".\"Line No\""));
        assertThat(o.table()).isEqualTo(new QualifiedName("App Data", "v1.orders"));
        assertThat(o.column()).isEqualTo("Line No");
    }

    @Test
    void anUnqualifiedOwnerIsInTheSequencesSchema() {
        SchemaEdits.Owner o =
                SchemaEdits.Owner.of(ownedBy(new QualifiedName("app", "s"), "\"v1.orders\".id"));
        assertThat(o.table()).isEqualTo(new QualifiedName("app", "v1.orders"));
        assertThat(o.column()).isEqualTo("id");
    }

    @Test
    void movingKeepsTheQualifiedFormAndQuotesWhatNeedsIt() {
        Sequence s = ownedBy(new QualifiedName("app", "s"), "app.orders.id");
        Sequence moved =
                new SchemaEdits.Owner(new QualifiedName("app", "orders"), "id")
                        .moved(s, new QualifiedName("app", "v1.orders"), "Line No");
        SchemaEdits.Owner back = SchemaEdits.Owner.of(moved);
        assertThat(back.table()).isEqualTo(new QualifiedName("app", "v1.orders"));
        assertThat(back.column()).isEqualTo("Line No");
        assertThat(Identifiers.splitQualified(moved.ownedBy())).hasSize(3);
    }

    @Test
    void noOwnerOrNoColumnReferenceIsNone() {
        assertThat(SchemaEdits.Owner.of(ownedBy(QualifiedName.of("s"), null))).isNull();
        assertThat(SchemaEdits.Owner.of(ownedBy(QualifiedName.of("s"), "orders"))).isNull();
    }

    @Test
    void theTextWrittenReadsBackAsTheSameOwner() {
        QualifiedName[] tables = {
            QualifiedName.of("orders"),
            QualifiedName.of("v1.orders"),
            new QualifiedName("App Data", "Order Lines"),
            new QualifiedName("app", "user")
        };
        for (QualifiedName table : tables) {
            for (String column : new String[] {"id", "Line No", "a.b", "select", "x\"y"}) {
                SchemaEdits.Owner o =
                        SchemaEdits.Owner.of(
                                ownedBy(table.sibling("s"), SchemaEdits.Owner.text(table, column)));
                assertThat(o).isEqualTo(new SchemaEdits.Owner(table, column));
            }
        }
    }
}
