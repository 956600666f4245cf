package dev.evoplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.MaterializedViewIndex;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.rules.Safety;
import dev.evoplan.source.sql.SqlSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Indexes of materialized views are modelled: a state diff that drops one, changes its columns or
 * recreates its view plans them (CONCURRENTLY) instead of leaving them for review or losing them
 * with the view (pg-schema-diff's materialized_view_index cases, issue 11).
 */
class MaterializedViewIndexPlansTest {
    /** Both files end in it: two states, diffed, not one file grown. */
    private static final String LAST = "CREATE TABLE last (id int);\n";

    private static final String VIEW =
            "CREATE TABLE t (id int PRIMARY KEY, a text, b text);\n"
                    + "CREATE MATERIALIZED VIEW m AS SELECT id, a, b FROM t;\n";

    private static LoadedSchema sql(String name, String text) {
        return SqlSource.loadFile(name, name, (text + LAST).getBytes(StandardCharsets.UTF_8));
    }

    private static Analysis analyze(String a, String b) {
        return Analyzer.analyze(sql("a.sql", a), sql("b.sql", b), AnalysisOptions.defaults());
    }

    private static List<String> planSql(Analysis analysis) {
        return analysis.plan().steps().stream()
                .filter(s -> s.sql() != null)
                .map(s -> s.sql().strip())
                .toList();
    }

    @Test
    void theIndexIsHeldByTheSchemaAndGoesWithItsView() {
        LoadedSchema s = sql("a.sql", VIEW + "CREATE INDEX ON m (a);\n");
        assertThat(s.schema().objects())
                .containsKey(MaterializedViewIndex.key(QualifiedName.of("m_a_idx")));
        assertThat(s.schema().unmodelled()).isEmpty();

        LoadedSchema dropped =
                sql("a.sql", VIEW + "CREATE INDEX ON m (a);\nDROP MATERIALIZED VIEW m;\n");
        assertThat(dropped.schema().objects()).isEmpty();
        LoadedSchema indexDropped =
                sql("a.sql", VIEW + "CREATE INDEX ON m (a);\nDROP INDEX m_a_idx;\n");
        assertThat(indexDropped.schema().objects()).isEmpty();
    }

    @Test
    void aDroppedIndexIsDroppedConcurrently() {
        Analysis analysis = analyze(VIEW + "CREATE INDEX m_a ON m (a);\n", VIEW);

        assertThat(analysis.changes())
                .extracting(Change::kind)
                .containsExactly(Change.Kind.DROP_INDEX);
        assertThat(analysis.worst()).isEqualTo(Safety.SAFE);
        assertThat(planSql(analysis)).containsExactly("DROP INDEX CONCURRENTLY m_a;");
    }

    @Test
    void anIndexOnOtherColumnsIsBuiltUnderATemporaryNameAndRenamed() {
        Analysis analysis =
                analyze(
                        VIEW + "CREATE INDEX m_a ON m (a);\n",
                        VIEW + "CREATE INDEX m_a ON m (b);\n");

        assertThat(planSql(analysis))
                .containsExactly(
                        "CREATE INDEX CONCURRENTLY m_a__evoplan ON m (b);",
                        "DROP INDEX CONCURRENTLY m_a;",
                        "ALTER INDEX m_a__evoplan RENAME TO m_a;");
        assertThat(analysis.worst()).isEqualTo(Safety.SAFE);
    }

    @Test
    void anUnchangedIndexIsNoChange() {
        Analysis analysis =
                analyze(
                        VIEW + "CREATE INDEX m_a ON m (a);\n",
                        VIEW + "CREATE INDEX m_a ON m (a);\n");

        assertThat(analysis.changes()).isEmpty();
    }

    @Test
    void aRecreatedViewGetsItsIndexesBuiltAgainAfterIt() {
        String table = "CREATE TABLE t (id int PRIMARY KEY, a text, b text);\n";
        Analysis analysis =
                analyze(
                        table
                                + "CREATE MATERIALIZED VIEW m AS SELECT id, a FROM t;\n"
                                + "CREATE INDEX m_a ON m (a);\n",
                        table
                                + "CREATE MATERIALIZED VIEW m AS SELECT id, a FROM t WHERE b IS NULL;\n"
                                + "CREATE INDEX m_a ON m (a);\n");

        List<String> sql = planSql(analysis);
        assertThat(sql).hasSize(2);
        assertThat(sql.get(0)).startsWith("DROP MATERIALIZED VIEW m;");
        assertThat(sql.get(1)).isEqualTo("CREATE INDEX CONCURRENTLY m_a ON m (a);");
    }
}
