package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rename written in a migration carries every object that uses the column along with it, as
 * PostgreSQL does, whichever front end read it: nothing that used the column is reported as dropped
 * and added again.
 */
class SchemaEditorPathsTest {
    @TempDir Path dir;

    private static final String PRODUCT =
            "CREATE TABLE product (id bigint PRIMARY KEY, price numeric CHECK (price > 0),"
                    + " name text); CREATE INDEX product_double ON product ((price * 2));";

    @Test
    void liquibaseRenameColumnCarriesItsCheckAndExpressionIndex() throws IOException {
        String first =
                "databaseChangeLog:\n"
                        + "  - changeSet:\n"
                        + "      id: 1\n"
                        + "      author: a\n"
                        + "      changes:\n"
                        + "        - sql:\n"
                        + "            sql: "
                        + PRODUCT
                        + "\n";
        String rename =
                "  - changeSet:\n"
                        + "      id: 2\n"
                        + "      author: a\n"
                        + "      changes:\n"
                        + "        - renameColumn:\n"
                        + "            tableName: product\n"
                        + "            oldColumnName: price\n"
                        + "            newColumnName: unit_price\n";
        Path from = Files.writeString(dir.resolve("v1.yaml"), first);
        Path to = Files.writeString(dir.resolve("v2.yaml"), first + rename);

        CliRun run = CliRun.of("plan", "--from", from.toString(), "--to", to.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("rename column product.price to unit_price")
                .contains("verdict: MULTI-STEP")
                .doesNotContain("[DOWNTIME]")
                .doesNotContain("CHECK (price > 0) NOT VALID")
                .doesNotContain("drop index product_double");
    }

    @Test
    void sqlRenameColumnCarriesTheGeneratedColumnThatReadsIt() throws IOException {
        String table =
                "CREATE TABLE t (id bigint PRIMARY KEY, a int,"
                        + " b int GENERATED ALWAYS AS (a * 2) STORED);\n";
        Path before = Files.createDirectories(dir.resolve("before"));
        Path after = Files.createDirectories(dir.resolve("after"));
        Files.writeString(before.resolve("V1__t.sql"), table);
        Files.writeString(after.resolve("V1__t.sql"), table);
        Files.writeString(after.resolve("V2__rename.sql"), "ALTER TABLE t RENAME COLUMN a TO c;\n");

        CliRun run = CliRun.of("check", "--from", before.toString(), "--to", after.toString());

        assertThat(run.out())
                .contains("rename column t.a to c")
                .contains("verdict: MULTI-STEP")
                .doesNotContain("NEEDS REVIEW")
                .doesNotContain("generation expression");
    }
}
