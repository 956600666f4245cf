package dev.evoplan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.Schema;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.Safety;
import dev.evoplan.source.LintSources;
import dev.evoplan.source.SourceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lint from real SQL files to findings: context, transactions, suppressions. */
class LinterTest {
    @TempDir Path dir;

    private LintReport lint(Map<String, String> files) throws IOException {
        return lint(files, false, null);
    }

    private LintReport lint(Map<String, String> files, boolean assumeTx, String lockTimeout)
            throws IOException {
        List<String> inputs = new ArrayList<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.writeString(p, e.getValue());
            inputs.add(p.toString());
        }
        var migrations =
                LintSources.read(
                        inputs,
                        new LintSources.Settings(
                                SourceSettings.defaults(), Schema.EMPTY, assumeTx, lockTimeout));
        return Linter.lint(inputs, migrations, AnalysisOptions.defaults());
    }

    private static LintReport lintOne(LinterTest t, String sql) throws IOException {
        return t.lint(Map.of("001_m.sql", sql));
    }

    private static List<String> rules(LintReport report) {
        return report.verdicts().stream().map(v -> v.finding().ruleId()).toList();
    }

    private static Finding first(LintReport report, String rule) {
        return report.verdicts().stream()
                .map(FindingWithFix::finding)
                .filter(f -> f.ruleId().equals(rule))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " in " + rules(report)));
    }

    @Test
    void findingsTheReportOnlyCountsAreKeptAsRuleVerdictAndPlace() throws IOException {
        Path p = dir.resolve("001_m.sql");
        Files.writeString(
                p,
                "CREATE TABLE a (id int);\n"
                        + "-- evoplan:ignore change-on-new-table it is empty\n"
                        + "ALTER TABLE a ADD COLUMN b int;\n");
        Files.writeString(
                dir.resolve("002_m.sql"),
                "ALTER TABLE a ADD COLUMN c int;\nCREATE INDEX a_b_idx ON a (b);\n");
        List<String> inputs = List.of(p.toString(), dir.resolve("002_m.sql").toString());
        LintSources.Settings settings =
                new LintSources.Settings(SourceSettings.defaults(), Schema.EMPTY, false, null);
        LintReport whole =
                Linter.lint(inputs, LintSources.read(inputs, settings), AnalysisOptions.defaults());
        LintReport counted =
                Linter.lintStreamed(
                        inputs,
                        LintSources.each(inputs, settings),
                        AnalysisOptions.defaults(),
                        false,
                        f -> f.safety() != Safety.SAFE);

        // The same findings in the same order, counted alike.
        assertThat(counted.verdicts()).hasSameSizeAs(whole.verdicts());
        assertThat(whole.suppressed())
                .singleElement()
                .satisfies(v -> assertThat(v.finding().safety()).isEqualTo(Safety.SAFE));
        assertThat(counted.suppressed())
                .singleElement()
                .isEqualTo(
                        new FindingWithFix(
                                whole.suppressed().get(0).finding().counted(), List.of()));
        for (int i = 0; i < whole.verdicts().size(); i++) {
            Finding w = whole.verdicts().get(i).finding();
            Finding c = counted.verdicts().get(i).finding();
            assertThat(List.of(c.ruleId(), c.safety(), c.lock(), c.origin()))
                    .isEqualTo(List.of(w.ruleId(), w.safety(), w.lock(), w.origin()));
            if (w.safety() == Safety.SAFE) {
                // What only a listing prints (and the model objects it holds) is let go of.
                assertThat(c).isEqualTo(w.counted());
                assertThat(c.change()).isNull();
                assertThat(c.what()).isEmpty();
            } else {
                assertThat(counted.verdicts().get(i)).isEqualTo(whole.verdicts().get(i));
            }
        }
        assertThat(whole.verdicts())
                .anyMatch(v -> v.finding().safety() == Safety.SAFE && v.finding().change() != null);
        assertThat(whole.verdicts()).anyMatch(v -> v.finding().safety() == Safety.DOWNTIME);
        assertThat(counted.worst()).isEqualTo(whole.worst());
    }

    @Test
    void anIndexOnATableCreatedInTheSameFileIsSafe() throws IOException {
        LintReport report =
                lintOne(this, "CREATE TABLE a (id int, b int);\nCREATE INDEX a_b_idx ON a (b);\n");
        assertThat(rules(report)).doesNotContain("create-index-non-concurrent");
        assertThat(report.worst()).isEqualTo(Safety.SAFE);
    }

    @Test
    void anIndexOnATableCreatedByAnEarlierMigrationIsNotNew() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("001_a.sql", "CREATE TABLE a (id int, b int);\n");
        files.put("002_b.sql", "CREATE INDEX a_b_idx ON a (b);\n");
        LintReport report = lint(files);
        Finding f = first(report, "create-index-non-concurrent");
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.origin().place()).endsWith("002_b.sql:1:1");
        assertThat(report.files()).isEqualTo(2);
    }

    @Test
    void everyFindingSaysFileLineAndColumnAndComesInStatementOrder() throws IOException {
        LintReport report =
                lintOne(
                        this,
                        "ALTER TABLE a ADD COLUMN c int;\n  CREATE INDEX a_c_idx ON a (c);\nDROP TABLE z;\n");
        assertThat(report.verdicts())
                .allSatisfy(v -> assertThat(v.finding().origin().column()).isPositive());
        List<Integer> lines =
                report.verdicts().stream().map(v -> v.finding().origin().line()).toList();
        assertThat(lines).isSorted();
        assertThat(first(report, "create-index-non-concurrent").origin().column()).isEqualTo(3);
    }

    @Test
    void theFixIsThePlannersSafeRewrite() throws IOException {
        LintReport report = lintOne(this, "CREATE INDEX a_c_idx ON a (c);\n");
        FindingWithFix v =
                report.verdicts().stream()
                        .filter(x -> x.finding().ruleId().equals("create-index-non-concurrent"))
                        .findFirst()
                        .orElseThrow();
        assertThat(v.fix())
                .anySatisfy(s -> assertThat(s.sql()).contains("CREATE INDEX CONCURRENTLY a_c_idx"));
    }

    @Test
    void aSuppressionWithAReasonSilencesItsRuleOnTheNextStatementOnly() throws IOException {
        LintReport report =
                lintOne(
                        this,
                        """
                -- evoplan:ignore create-index-non-concurrent the table has 30 rows everywhere
                CREATE INDEX a_c_idx ON a (c);
                CREATE INDEX a_d_idx ON a (d);
                """);
        assertThat(report.suppressed())
                .singleElement()
                .satisfies(v -> assertThat(v.finding().origin().line()).isEqualTo(2));
        assertThat(report.verdicts())
                .filteredOn(v -> v.finding().ruleId().equals("create-index-non-concurrent"))
                .singleElement()
                .satisfies(v -> assertThat(v.finding().origin().line()).isEqualTo(3));
        assertThat(rules(report))
                .doesNotContain("suppression-unused", "suppression-without-reason");
    }

    @Test
    void aSuppressionMayNameTheRuleByCodeAndCoverTheWholeFile() throws IOException {
        LintReport report =
                lintOne(
                        this,
                        """
                -- evoplan:ignore-file EP101 these tables are tiny lookup tables
                CREATE INDEX a_c_idx ON a (c);
                CREATE INDEX b_c_idx ON b (c);
                """);
        assertThat(report.suppressed()).hasSize(2);
        assertThat(rules(report)).doesNotContain("create-index-non-concurrent");
    }

    @Test
    void aSuppressionWithoutAReasonIsReportedAndNotHonoured() throws IOException {
        LintReport report =
                lintOne(
                        this,
                        "-- evoplan:ignore create-index-non-concurrent\nCREATE INDEX a_c_idx ON a (c);\n");
        assertThat(report.suppressed()).isEmpty();
        assertThat(rules(report))
                .contains("create-index-non-concurrent", "suppression-without-reason");
        Finding f = first(report, "suppression-without-reason");
        assertThat(f.safety()).isEqualTo(Safety.NEEDS_REVIEW);
        assertThat(f.origin().line()).isEqualTo(1);
    }

    @Test
    void aSuppressionThatSuppressesNothingIsReported() throws IOException {
        LintReport report =
                lintOne(
                        this,
                        """
                -- evoplan:ignore drop-table-loses-data the next statement drops nothing
                CREATE INDEX CONCURRENTLY a_c_idx ON a (c);
                -- evoplan:ignore no-such-rule because
                ALTER TABLE a ADD COLUMN x int;
                """);
        assertThat(report.verdicts())
                .filteredOn(v -> v.finding().ruleId().equals("suppression-unused"))
                .extracting(v -> v.finding().origin().line())
                .containsExactly(1, 3);
        assertThat(report.suppressed()).isEmpty();
    }

    @Test
    void severalStrongLocksInOneTransactionAreReportedOnlyInsideOne() throws IOException {
        String body =
                """
                ALTER TABLE a ADD COLUMN x int;
                ALTER TABLE b ADD COLUMN y int;
                """;
        LintReport autocommit = lintOne(this, body);
        assertThat(rules(autocommit)).doesNotContain("changeset-holds-lock-until-commit");
        LintReport inOne = lint(Map.of("002_m.sql", "BEGIN;\n" + body + "COMMIT;\n"));
        assertThat(rules(inOne)).contains("changeset-holds-lock-until-commit");
        LintReport assumed = lint(Map.of("003_m.sql", body), true, null);
        assertThat(rules(assumed)).contains("changeset-holds-lock-until-commit");
    }

    @Test
    void statementsThatOnlySetSessionStateAreNotCounted() throws IOException {
        LintReport report =
                lintOne(
                        this,
                        "SET lock_timeout = '1s';\nBEGIN;\nALTER TABLE a ADD COLUMN x int;\nCOMMIT;\n");
        assertThat(report.statements()).isEqualTo(1);
    }

    @Test
    void aCommentOnAnObjectTheModelKeepsNoCommentForIsJudgedAndCounted() throws IOException {
        LintReport report =
                lintOne(
                        this,
                        """
                        CREATE TABLE t (id bigint PRIMARY KEY, a int);
                        CREATE INDEX t_a_idx ON t (a);
                        comment on index t_a_idx is 'by a';
                        COMMENT ON TABLE t IS 't';
                        COMMENT ON COLUMN t.a IS 'a';
                        """);
        assertThat(report.statements()).isEqualTo(5);
        Finding comment = first(report, "known-lock-statement");
        assertThat(comment.origin().line()).isEqualTo(3);
        assertThat(comment.safety()).isEqualTo(Safety.SAFE);
        assertThat(comment.lock()).isEqualTo(dev.evoplan.rules.LockLevel.SHARE_UPDATE_EXCLUSIVE);
        assertThat(comment.table().name()).isEqualTo("t_a_idx");
        assertThat(comment.what()).startsWith("COMMENT ON INDEX t_a_idx takes a SHARE UPDATE");
    }

    /** pg_dump's order: the sequence, then the table's column owns it. */
    private static final String OWNED =
            """
            CREATE TABLE nodes (id bigint NOT NULL, name text);
            CREATE SEQUENCE nodes_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
            ALTER SEQUENCE nodes_id_seq OWNED BY nodes.id;
            """;

    @Test
    void ownedByOnASequenceMadeInTheSameFileQueuesNoTraffic() throws IOException {
        LintReport report = lintOne(this, OWNED);
        assertThat(rules(report)).doesNotContain("strong-lock-without-lock-timeout");
        assertThat(report.worst()).isEqualTo(Safety.SAFE);
        // The same statement under BEGIN ... COMMIT holds nothing anyone else waits for.
        LintReport inOne = lint(Map.of("002_m.sql", "BEGIN;\n" + OWNED + "COMMIT;\n"));
        assertThat(rules(inOne))
                .doesNotContain(
                        "strong-lock-without-lock-timeout", "changeset-holds-lock-until-commit");
    }

    @Test
    void ownedByOnASequenceMadeByAnEarlierMigrationStillWantsALockTimeout() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(
                "001_a.sql",
                "CREATE TABLE nodes (id bigint NOT NULL);\nCREATE SEQUENCE nodes_id_seq;\n");
        files.put("002_b.sql", "ALTER SEQUENCE nodes_id_seq OWNED BY nodes.id;\n");
        Finding f = first(lint(files), "strong-lock-without-lock-timeout");
        assertThat(f.origin().place()).endsWith("002_b.sql:1:1");
        assertThat(f.lock()).isEqualTo(dev.evoplan.rules.LockLevel.SHARE_ROW_EXCLUSIVE);
        assertThat(f.table().name()).isEqualTo("nodes_id_seq");
    }

    @Test
    void anUnrecognizedStatementNeedsReviewNeverSafe() throws IOException {
        LintReport report =
                lintOne(this, "ALTER SYSTEM SET work_mem = '64MB';\nFROBNICATE the table;\n");
        assertThat(report.verdicts())
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(v -> assertThat(v.finding().safety()).isEqualTo(Safety.NEEDS_REVIEW));
        assertThat(report.trips(Safety.DOWNTIME)).isTrue();
    }

    @Test
    void aLiquibaseChangelogIsLintedChangesetByChangeset() throws IOException {
        LintReport report =
                lint(
                        Map.of(
                                "changelog.yaml",
                                """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: ana
                      changes:
                        - createTable:
                            tableName: a
                            columns:
                              - column: {name: id, type: bigint}
                              - column: {name: b, type: int}
                  - changeSet:
                      id: 2
                      author: ana
                      changes:
                        - createIndex:
                            tableName: a
                            indexName: a_b_idx
                            columns:
                              - column: {name: b}
                """));
        Finding f = first(report, "create-index-non-concurrent");
        assertThat(f.origin().changesetId()).isEqualTo("2");
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
    }

    @Test
    void aCommentInAChangesetsRawSqlIsJudgedByItsLock() throws IOException {
        LintReport report =
                lint(
                        Map.of(
                                "changelog.yaml",
                                """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: ana
                      changes:
                        - createTable:
                            tableName: a
                            columns:
                              - column: {name: b, type: int}
                        - createIndex:
                            tableName: a
                            indexName: a_b_idx
                            columns:
                              - column: {name: b}
                  - changeSet:
                      id: 2
                      author: ana
                      changes:
                        - sql:
                            sql: COMMENT ON INDEX a_b_idx IS 'by b'
                """));
        Finding f = first(report, "known-lock-statement");
        assertThat(f.origin().changesetId()).isEqualTo("2");
        assertThat(f.lock()).isEqualTo(dev.evoplan.rules.LockLevel.SHARE_UPDATE_EXCLUSIVE);
        assertThat(f.table().name()).isEqualTo("a_b_idx");
    }

    @Test
    void aChangelogGoingOnFromAnotherRunsOnTheSchemaLintIsGiven() throws IOException {
        Path update = dir.resolve("update.yaml");
        Files.writeString(
                update,
                """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: ana
                      changes:
                        - createTable:
                            tableName: events
                            columns:
                              - column: {name: id, type: bigint}
                              - column: {name: creator, type: int}
                        - addForeignKeyConstraint:
                            baseTableName: events
                            baseColumnNames: creator
                            constraintName: events_creator_fk
                            referencedTableName: users
                            referencedColumnNames: user_id
                  - changeSet:
                      id: 2
                      author: ana
                      changes:
                        - createIndex:
                            tableName: users
                            indexName: users_name_idx
                            columns:
                              - column: {name: name}
                """);
        Schema snapshot =
                dev.evoplan.source.sql.SqlSource.load(
                                Files.writeString(
                                        dir.resolve("snapshot.sql"),
                                        "CREATE TABLE users (user_id int PRIMARY KEY, name text);\n"))
                        .schema();
        List<String> inputs = List.of(update.toString());
        LintReport report =
                Linter.lint(
                        inputs,
                        LintSources.read(
                                inputs,
                                new LintSources.Settings(
                                        SourceSettings.defaults(), snapshot, false, null)),
                        AnalysisOptions.defaults());
        Finding index = first(report, "create-index-non-concurrent");
        assertThat(index.origin().changesetId()).isEqualTo("2");
        assertThat(index.safety())
                .as("users is the snapshot's: it holds data")
                .isEqualTo(Safety.DOWNTIME);
    }

    @Test
    void inputsRunInTheOrderGivenEachOnWhatTheOnesBeforeItLeft() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("001_users.sql", "CREATE TABLE users (user_id int PRIMARY KEY, name text);\n");
        files.put(
                "snapshot.yaml",
                """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: ana
                      changes:
                        - createTable:
                            tableName: roles
                            columns:
                              - column: {name: id, type: int, constraints: {primaryKey: true}}
                        - addForeignKeyConstraint:
                            baseTableName: roles
                            baseColumnNames: id
                            constraintName: roles_user_fk
                            referencedTableName: users
                            referencedColumnNames: user_id
                """);
        files.put(
                "update.yaml",
                """
                databaseChangeLog:
                  - changeSet:
                      id: 2
                      author: ana
                      changes:
                        - createIndex:
                            tableName: roles
                            indexName: roles_id_idx
                            columns:
                              - column: {name: id}
                """);
        files.put("002_roles.sql", "ALTER TABLE roles ALTER COLUMN id TYPE bigint;\n");
        LintReport report = lint(files);
        Finding index = first(report, "create-index-non-concurrent");
        assertThat(index.origin().changesetId()).isEqualTo("2");
        assertThat(index.safety()).isEqualTo(Safety.DOWNTIME);
        Finding type = first(report, "change-column-type-rewrites");
        assertThat(type.what())
                .as("the SQL after the changelogs knows the column they made")
                .contains("integer");
    }

    @Test
    void aSuppressionInsideAFormattedSqlChangesetCoversThatChangeset() throws IOException {
        LintReport report =
                lint(
                        Map.of(
                                "changelog.sql",
                                """
                --liquibase formatted sql

                --changeset ana:1
                CREATE TABLE a (id bigint PRIMARY KEY, b int);

                --changeset ana:2
                -- evoplan:ignore create-index-non-concurrent a is a lookup table of 20 rows
                CREATE INDEX a_b_idx ON a (b);

                --changeset ana:3
                CREATE INDEX a_id_b_idx ON a (id, b);
                """));
        assertThat(report.suppressed())
                .singleElement()
                .satisfies(v -> assertThat(v.finding().origin().changesetId()).isEqualTo("2"));
        assertThat(report.verdicts())
                .filteredOn(v -> v.finding().ruleId().equals("create-index-non-concurrent"))
                .singleElement()
                .satisfies(v -> assertThat(v.finding().origin().changesetId()).isEqualTo("3"));
    }

    @Test
    void aChangelogsTransactionFindingNamesItsChangesetAndFollowsItsChanges() throws IOException {
        LintReport report =
                lint(
                        Map.of(
                                "changelog.yaml",
                                """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: ana
                      changes:
                        - createTable:
                            tableName: a
                            columns:
                              - column: {name: id, type: bigint}
                              - column: {name: b, type: int}
                  - changeSet:
                      id: 2
                      author: ana
                      changes:
                        - addColumn:
                            tableName: a
                            columns:
                              - column: {name: c, type: int}
                        - createIndex:
                            tableName: a
                            indexName: a_b_idx
                            columns:
                              - column: {name: b}
                  - changeSet:
                      id: 3
                      author: ana
                      changes:
                        - dropColumn: {tableName: a, columnName: c}
                """));
        List<String> order =
                report.verdicts().stream()
                        .map(v -> v.finding().origin().changesetId() + " " + v.finding().ruleId())
                        .toList();
        int transaction = order.indexOf("2 changeset-holds-lock-until-commit");
        assertThat(transaction).as(order.toString()).isPositive();
        assertThat(order.subList(0, transaction))
                .allMatch(o -> o.startsWith("2 ") || o.startsWith("1 "));
        assertThat(order.subList(transaction + 1, order.size())).allMatch(o -> o.startsWith("3 "));
        assertThat(first(report, "changeset-holds-lock-until-commit").what())
                .contains("changelog.yaml::2::ana");
    }
}
