package dev.evoplan.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The functions an expression or a query calls: what a default and a sqlCheck read by name. */
class SqlTextFunctionsCalledTest {

    @Test
    void aQueryCallsItsFunctionsQuotedOrNotAndNotItsSyntax() {
        assertThat(
                        SqlText.functionsCalled(
                                "SELECT count(*) FROM events e WHERE my_fn(e.type)"
                                        + " AND e.type IN ('a(b)', 'c') AND EXISTS (SELECT 1"
                                        + " FROM audit.log l WHERE \"Check_It\"(l.id))"
                                        + " AND CAST(e.n AS numeric(10,2)) > ANY (ARRAY(SELECT"
                                        + " audit.\"Next\" (1)))"))
                .containsExactly(
                        QualifiedName.of("count"),
                        QualifiedName.of("my_fn"),
                        QualifiedName.of("Check_It"),
                        new QualifiedName("audit", "Next"));
    }

    @Test
    void commentsStringsCastsAndNumbersCallNothing() {
        assertThat(
                        SqlText.functionsCalled(
                                "select 1 -- not_called(x)\n"
                                        + "/* nor_this(y) */ from t where s = 'f(x)'"
                                        + " and v::varchar(10) = $1 and 1e5 > 0"))
                .isEmpty();
        // The same name twice is one call; a name cut at 63 bytes is PostgreSQL's.
        assertThat(SqlText.functionsCalled("f(1) + F (2) + \"f\"(3)"))
                .containsExactly(QualifiedName.of("f"));
    }
}
