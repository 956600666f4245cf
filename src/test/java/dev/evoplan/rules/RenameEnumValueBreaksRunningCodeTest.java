package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** EP223 rename-enum-value-breaks-running-code. */
class RenameEnumValueBreaksRunningCodeTest {
    private static List<String> lint(String sql) {
        return LintedSqlTest.findings(sql, false, "5s", Map.of()).stream()
                .map(f -> f.ruleId() + " " + f.safety())
                .toList();
    }

    @Test
    void renamingALabelIsMultiStep() {
        assertThat(
                        lint(
                                "CREATE TYPE mood AS ENUM ('sad', 'happy'); ALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy';"))
                .contains("rename-enum-value-breaks-running-code MULTI_STEP");
    }

    @Test
    void addingALabelIsNotARename() {
        assertThat(
                        lint(
                                "CREATE TYPE mood AS ENUM ('sad', 'happy'); ALTER TYPE mood ADD VALUE 'calm';"))
                .noneMatch(f -> f.startsWith("rename-enum-value-breaks-running-code"));
    }
}
