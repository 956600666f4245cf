package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.evoplan.model.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A YAML or JSON file without an alias is checked for its limits only when Liquibase's parse fails;
 * the error is the one the check gave when every file was checked as it was opened.
 */
class ChangelogLimitsDeferredTest {
    private static final String NESTED =
            "nested deeper than 50 levels (Liquibase's limit for YAML and JSON)";

    @TempDir Path dir;

    private InputException failure(Path changelog) {
        Throwable thrown =
                catchThrowable(
                        () -> new LiquibaseSource().load(changelog, LiquibaseOptions.defaults()));
        assertThat(thrown).isInstanceOf(InputException.class);
        return (InputException) thrown;
    }

    private static String deepYaml() {
        StringBuilder s = new StringBuilder("databaseChangeLog:\n");
        for (int i = 1; i <= 60; i++) {
            s.append("  ".repeat(i)).append("- a:\n");
        }
        return s.toString();
    }

    @Test
    void aDeepIncludeAfterAGoodOneIsNamedWithItsLine() throws IOException {
        Files.writeString(
                dir.resolve("master.yaml"),
                """
                databaseChangeLog:
                  - include:
                      file: ok.yaml
                      relativeToChangelogFile: true
                  - include:
                      file: deep.yaml
                      relativeToChangelogFile: true
                """);
        Files.writeString(
                dir.resolve("ok.yaml"),
                """
                databaseChangeLog:
                  - changeSet:
                      id: "1"
                      author: me
                      changes:
                        - createTable:
                            tableName: t
                            columns:
                              - column: {name: id, type: int}
                """);
        Files.writeString(dir.resolve("deep.yaml"), deepYaml());

        InputException e = failure(dir.resolve("master.yaml"));

        assertThat(e.file()).endsWith("deep.yaml");
        assertThat(e.line()).isEqualTo(26);
        assertThat(e.getMessage()).isEqualTo(NESTED);
    }

    @Test
    void aDeepFileWithAnAsteriskIsCheckedBeforeLiquibaseReadsIt() throws IOException {
        Path json = dir.resolve("deep.json");
        Files.writeString(
                json,
                "{\"databaseChangeLog\": [{\"changeSet\": {\"id\": \"1\", \"author\": \"a * b\","
                        + " \"changes\": "
                        + "[".repeat(60)
                        + "]".repeat(60)
                        + "}}]}\n");

        InputException e = failure(json);

        assertThat(e.file()).endsWith("deep.json");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).isEqualTo(NESTED);
    }

    @Test
    void onlyAnAsteriskMakesAFileMayHoldAliases() throws IOException {
        assertThat(ChangelogLimits.mayHoldAliases(stream("a: &x [1]\nb: x\n"))).isFalse();
        assertThat(ChangelogLimits.mayHoldAliases(stream("a: &x [1]\nb: *x\n"))).isTrue();
        assertThat(ChangelogLimits.mayHoldAliases(stream("sql: select é from t\n"))).isFalse();
        String late = "a: " + "x".repeat(200_000) + "\nb: *x\n";
        assertThat(ChangelogLimits.mayHoldAliases(stream(late))).isTrue();
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
