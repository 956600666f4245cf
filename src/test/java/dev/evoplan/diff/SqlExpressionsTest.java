package dev.evoplan.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.SqlText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlExpressionsTest {

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "qty > 0|((qty > 0))",
                "qty > 0|(QTY>0)",
                "a > 0 AND b > 0|(a > 0  and\t b > 0)",
                "status IS NOT NULL|((status is not null))",
                "(a) + (b)|(a)+(b)",
            })
    void sameExpressions(String a, String b) {
        assertThat(SqlExpressions.same(a, b)).isTrue();
    }

    @ParameterizedTest(name = "{0} !~ {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "qty > 0|qty >= 0",
                "status = 'A'|status = 'a'",
                "(a) + (b)|a + b",
                "\"Qty\" > 0|qty > 0",
                "status = 'x  y'|status = 'x y'",
                "a is not null|anot null",
            })
    void differentExpressions(String a, String b) {
        assertThat(SqlExpressions.same(a, b)).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "qty > 0|quantity > 0",
                "(qty > 0) AND (qty_max > qty)|(quantity > 0) AND (qty_max > quantity)",
                "t.qty > 0|t.quantity > 0",
                "qty(x) > 0|qty(x) > 0",
                "note <> 'qty'|note <> 'qty'",
                "\"qty\" > 0|quantity > 0",
            })
    void renameFollowsTheColumnOnly(String before, String after) {
        assertThat(SqlText.renameIdentifier(before, "qty", "quantity")).isEqualTo(after);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "select id, name from users|id,name,select,from,users",
                "select 'users' as x, 1e5 from \"Orders\"|select,as,x,from,Orders",
            })
    void identifiersLeaveLiteralsAndNumbersOut(String text, String expected) {
        assertThat(SqlText.identifiers(text)).containsExactlyInAnyOrder(expected.split(","));
    }
}
