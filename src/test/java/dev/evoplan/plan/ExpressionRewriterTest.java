package dev.evoplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExpressionRewriterTest {
    @Test
    void renamesBareAndQuotedReferences() {
        assertThat(
                        ExpressionRewriter.renameColumn(
                                "(mail <> '' AND length(\"mail\") > 2)", "mail", "email"))
                .isEqualTo("(email <> '' AND length(email) > 2)");
        assertThat(ExpressionRewriter.renameColumn("MAIL IS NOT NULL", "mail", "order"))
                .isEqualTo("\"order\" IS NOT NULL");
    }

    @Test
    void leavesLiteralsFunctionsTypesAndOtherWordsAlone() {
        assertThat(
                        ExpressionRewriter.renameColumn(
                                "x = 'x' AND x(1) = 1 AND y::x IS NULL AND xx > 1e5", "x", "z"))
                .isEqualTo("z = 'x' AND x(1) = 1 AND y::x IS NULL AND xx > 1e5");
        assertThat(ExpressionRewriter.renameColumn("a = 'it''s a'", "a", "b"))
                .isEqualTo("b = 'it''s a'");
    }
}
