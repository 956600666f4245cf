package dev.evoplan.plan;

import static dev.evoplan.plan.Tables.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A schema other than public is created first when the plan makes an object in it and no object of
 * the old schema lives there. The old schema's objects are walked only when the plan makes
 * something outside public: a fix is planned per finding, and walking 100,000 tables for each made
 * plans of large inputs quadratic.
 */
class CreateSchemaStepTest {
    private static Table in(String schema, String name) {
        return Table.empty(QualifiedName.of(schema, name))
                .withColumns(List.of(col("id", "bigint")));
    }

    private static List<String> sql(Schema from, Table made) {
        return Planner.plan(from, List.of(new Change.CreateTable(made)), PlanOptions.defaults(16))
                .steps()
                .stream()
                .map(Step::sql)
                .toList();
    }

    @Test
    void aTableInANewSchemaCreatesTheSchemaFirst() {
        assertThat(sql(Schema.EMPTY, in("app", "orders")).get(0))
                .isEqualTo("CREATE SCHEMA IF NOT EXISTS app;");
    }

    @Test
    void aSchemaTheOldSideHasATableInIsNotCreated() {
        Schema from = Schema.EMPTY.withTable(in("app", "customers"));
        assertThat(sql(from, in("app", "orders"))).noneMatch(s -> s.startsWith("CREATE SCHEMA"));
    }

    @Test
    void aTableInPublicCreatesNoSchema() {
        assertThat(sql(Schema.EMPTY, in("public", "orders")))
                .noneMatch(s -> s.startsWith("CREATE SCHEMA"));
    }
}
