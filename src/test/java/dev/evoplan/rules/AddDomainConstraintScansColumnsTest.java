package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * EP221 add-domain-constraint-scans-columns: a valid domain constraint scans every column of the
 * domain.
 */
class AddDomainConstraintScansColumnsTest {
    private static final String DOMAIN =
            "CREATE DOMAIN email AS text; ALTER TABLE orders ADD COLUMN mail email; ";

    private static List<String> lint(String sql) {
        return LintedSqlTest.findings(DOMAIN + sql, false, "5s", Map.of()).stream()
                .map(f -> f.ruleId() + " " + f.safety() + " " + f.lock() + " " + f.table())
                .toList();
    }

    @Test
    void aValidConstraintScansTheTablesUsingTheDomain() {
        assertThat(lint("ALTER DOMAIN email ADD CONSTRAINT has_at CHECK (VALUE LIKE '%@%');"))
                .contains("add-domain-constraint-scans-columns DOWNTIME SHARE orders");
    }

    @Test
    void aNotValidConstraintScansNothing() {
        assertThat(
                        lint(
                                "ALTER DOMAIN email ADD CONSTRAINT has_at CHECK (VALUE LIKE '%@%') NOT VALID;"))
                .noneMatch(f -> f.startsWith("add-domain-constraint-scans-columns"));
    }
}
