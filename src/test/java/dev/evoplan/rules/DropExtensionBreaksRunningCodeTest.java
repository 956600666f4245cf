package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * EP230 drop-extension-breaks-running-code (ExtensionsTest plans it; LintLocksOnPostgresTest proves
 * its lock).
 */
class DropExtensionBreaksRunningCodeTest {
    private static List<String> lint(String sql) {
        return LintedSqlTest.findings(sql, false, "5s", Map.of()).stream()
                .map(f -> f.ruleId() + " " + f.safety())
                .toList();
    }

    @Test
    void droppingAnExtensionIsMultiStep() {
        assertThat(lint("CREATE EXTENSION pg_trgm; DROP EXTENSION pg_trgm;"))
                .contains("drop-extension-breaks-running-code MULTI_STEP");
    }

    @Test
    void creatingOneIsNot() {
        assertThat(lint("CREATE EXTENSION pg_trgm;"))
                .noneMatch(f -> f.startsWith("drop-extension-breaks-running-code"));
    }
}
