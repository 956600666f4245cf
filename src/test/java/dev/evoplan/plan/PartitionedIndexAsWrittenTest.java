package dev.evoplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.source.sql.SqlSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A file grown by {@code CREATE INDEX ... ON ONLY parent} is planned as written: that statement
 * runs once, as the team wrote it, and the plan does not build the same index a second time
 * (pg-schema-diff's partitioned_index__008 planned both and PostgreSQL refused the second:
 * "relation already exists").
 */
class PartitionedIndexAsWrittenTest {
    private static final String PARENT =
            "CREATE TABLE shipments (id int, region text) PARTITION BY LIST (region);\n"
                    + "CREATE TABLE shipments_eu PARTITION OF shipments FOR VALUES IN ('eu');\n";

    private static LoadedSchema file(String text) {
        return SqlSource.loadFile("s.sql", "s.sql", text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> planSql(Analysis analysis) {
        return analysis.plan().steps().stream()
                .filter(s -> s.sql() != null)
                .map(s -> s.sql().strip())
                .toList();
    }

    @Test
    void anIndexWrittenOnOnlyTheParentIsCreatedOnce() {
        Analysis analysis =
                Analyzer.analyze(
                        file(PARENT),
                        file(
                                PARENT
                                        + "CREATE INDEX shipments_region_idx ON ONLY shipments (region);\n"
                                        + "CREATE INDEX shipments_eu_region_idx ON shipments_eu (region);\n"),
                        AnalysisOptions.defaults());

        assertThat(planSql(analysis))
                .filteredOn(sql -> sql.contains("shipments_region_idx"))
                .containsExactly("CREATE INDEX shipments_region_idx ON ONLY shipments (region);");
    }
}
