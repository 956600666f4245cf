package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** EP222 drop-database-in-migration. */
class DropDatabaseInMigrationTest {
    private static List<String> lint(String sql) {
        return LintedSqlTest.findings(sql, false, "5s", Map.of()).stream()
                .map(f -> f.ruleId() + " " + f.safety())
                .toList();
    }

    @Test
    void droppingADatabaseInAMigrationIsDowntime() {
        assertThat(lint("DROP DATABASE legacy;"))
                .containsExactly("drop-database-in-migration DOWNTIME");
    }

    @Test
    void droppingATableIsAnotherRulesHazard() {
        assertThat(lint("DROP TABLE orders;"))
                .doesNotContain("drop-database-in-migration DOWNTIME");
    }
}
