package dev.evoplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.LintReport;
import dev.evoplan.engine.Linter;
import dev.evoplan.model.Schema;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.LockLevel;
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

/**
 * "Nothing passes unread": every statement lint reads is judged, kept for review, or an input
 * error, and the written facts rules act on (CONCURRENTLY, USING INDEX, the transaction a statement
 * runs in) come from the parse, not from a search of the text.
 */
class LintEveryStatementTest {
    @TempDir Path dir;

    private LintReport lint(boolean assumeTx, String... namesAndSql) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < namesAndSql.length; i += 2) {
            files.put(namesAndSql[i], namesAndSql[i + 1]);
        }
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
                                SourceSettings.defaults(), Schema.EMPTY, assumeTx, null));
        return Linter.lint(inputs, migrations, AnalysisOptions.defaults());
    }

    private LintReport lint(String sql) throws IOException {
        return lint(false, "001_m.sql", sql);
    }

    private static List<String> rules(LintReport report) {
        return report.verdicts().stream().map(v -> v.finding().ruleId()).toList();
    }

    private static Finding first(LintReport report, String rule) {
        return report.verdicts().stream()
                .map(FindingWithFix::finding)
                .filter(f -> f.ruleId().equals(rule))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no "
                                                + rule
                                                + " in "
                                                + report.verdicts().stream()
                                                        .map(
                                                                v ->
                                                                        v.finding().ruleId()
                                                                                + ": "
                                                                                + v.finding()
                                                                                        .what())
                                                        .toList()));
    }

    // ---- written facts come from the parse -------------------------------------------------

    @Test
    void aConcurrentlyInsideAPartialIndexPredicateDoesNotMakeTheBuildConcurrent()
            throws IOException {
        LintReport report = lint("CREATE INDEX t_a_idx ON t (a) WHERE note <> 'CONCURRENTLY';\n");
        assertThat(first(report, "create-index-non-concurrent").safety())
                .isEqualTo(Safety.DOWNTIME);
    }

    @Test
    void aConcurrentlyInsideACommentDoesNotMakeReindexConcurrent() throws IOException {
        LintReport report = lint("REINDEX /* TODO CONCURRENTLY */ TABLE t;\n");
        Finding f = first(report, "reindex-non-concurrent");
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.lock()).isEqualTo(LockLevel.SHARE);
    }

    @Test
    void reindexWithConcurrentlyTurnedOffIsNotConcurrent() throws IOException {
        LintReport report = lint("REINDEX (CONCURRENTLY false) TABLE t;\n");
        assertThat(first(report, "reindex-non-concurrent").safety()).isEqualTo(Safety.DOWNTIME);
    }

    @Test
    void reindexWithTheConcurrentlyOptionIsConcurrent() throws IOException {
        LintReport report = lint("REINDEX (CONCURRENTLY) TABLE t;\n");
        Finding f = first(report, "reindex-non-concurrent");
        assertThat(f.safety()).isEqualTo(Safety.SAFE);
        assertThat(f.lock()).isEqualTo(LockLevel.SHARE_UPDATE_EXCLUSIVE);
    }

    @Test
    void aConcurrentIndexWrittenAsSuchIsStillSafe() throws IOException {
        LintReport report = lint("CREATE INDEX CONCURRENTLY t_a_idx ON t (a) WHERE note <> 'x';\n");
        assertThat(first(report, "create-index-non-concurrent").safety()).isEqualTo(Safety.SAFE);
    }

    // ---- settings the model does not hold are judged by their lock ----------------------------

    private static Finding judged(LintReport report) {
        assertThat(report.statements()).as("statements counted").isEqualTo(1);
        return first(report, "metadata-only-change");
    }

    @Test
    void settingsAreCountedAndJudgedByTheirMeasuredLock() throws IOException {
        Map<String, LockLevel> cases = new LinkedHashMap<>();
        cases.put("ALTER TABLE t ALTER COLUMN b SET STORAGE EXTERNAL;", LockLevel.ACCESS_EXCLUSIVE);
        cases.put("ALTER TABLE t DISABLE TRIGGER t_audit;", LockLevel.SHARE_ROW_EXCLUSIVE);
        cases.put("ALTER TABLE t ENABLE TRIGGER ALL;", LockLevel.SHARE_ROW_EXCLUSIVE);
        cases.put(
                "ALTER TABLE t ALTER COLUMN a SET STATISTICS 500;",
                LockLevel.SHARE_UPDATE_EXCLUSIVE);
        cases.put(
                "ALTER TABLE t SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01);",
                LockLevel.SHARE_UPDATE_EXCLUSIVE);
        cases.put("ALTER TABLE t RESET (fillfactor);", LockLevel.SHARE_UPDATE_EXCLUSIVE);
        cases.put("ALTER TABLE t REPLICA IDENTITY FULL;", LockLevel.ACCESS_EXCLUSIVE);
        cases.put("ALTER TABLE t OWNER TO app;", LockLevel.ACCESS_EXCLUSIVE);
        cases.put(
                "ALTER TABLE t ALTER COLUMN a SET (n_distinct = 100);",
                LockLevel.SHARE_UPDATE_EXCLUSIVE);
        cases.put(
                "ALTER TABLE t ALTER COLUMN a RESET (n_distinct_inherited);",
                LockLevel.SHARE_UPDATE_EXCLUSIVE);
        cases.put("ALTER TABLE t CLUSTER ON t_pkey;", LockLevel.SHARE_UPDATE_EXCLUSIVE);
        cases.put("ALTER TABLE t SET WITHOUT CLUSTER;", LockLevel.SHARE_UPDATE_EXCLUSIVE);
        cases.put("ALTER TABLE t ALTER COLUMN b SET COMPRESSION lz4;", LockLevel.ACCESS_EXCLUSIVE);
        cases.put("ALTER TABLE t SET WITHOUT OIDS;", LockLevel.ACCESS_EXCLUSIVE);
        cases.put(
                "ALTER TABLE t ALTER COLUMN a SET (n_distinct = 100), ALTER COLUMN b SET COMPRESSION pglz;",
                LockLevel.ACCESS_EXCLUSIVE);
        cases.put("ANALYZE t;", LockLevel.SHARE_UPDATE_EXCLUSIVE);
        cases.put("VACUUM t;", LockLevel.SHARE_UPDATE_EXCLUSIVE);
        cases.put(
                "ALTER TABLE t ALTER COLUMN a SET STATISTICS 100, DISABLE TRIGGER ALL;",
                LockLevel.SHARE_ROW_EXCLUSIVE);
        for (Map.Entry<String, LockLevel> c : cases.entrySet()) {
            LintReport report = lint(c.getKey() + "\n");
            Finding f = judged(report);
            assertThat(f.safety()).as(c.getKey()).isEqualTo(Safety.SAFE);
            assertThat(f.lock()).as(c.getKey()).isEqualTo(c.getValue());
            assertThat(f.table()).as(c.getKey()).hasToString("t");
            boolean strong = c.getValue().blocksWrites();
            assertThat(rules(report).contains("strong-lock-without-lock-timeout"))
                    .as(c.getKey() + ": timeout rule")
                    .isEqualTo(strong);
        }
    }

    @Test
    void aStrongSettingWithALockTimeoutIsSafeAlone() throws IOException {
        LintReport report =
                lint(
                        "SET lock_timeout = '2s';\nALTER TABLE t ALTER COLUMN b SET STORAGE EXTERNAL;\n");
        assertThat(rules(report)).doesNotContain("strong-lock-without-lock-timeout");
        assertThat(report.worst()).isEqualTo(Safety.SAFE);
    }

    @Test
    void setAccessMethodRewritesTheTableAloneAndIsForReviewBesideOtherActions() throws IOException {
        LintReport alone = lint("ALTER TABLE t SET ACCESS METHOD heap;\n");
        Finding f = first(alone, "table-rewrite-statement");
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(rules(alone)).doesNotContain("opaque-change-needs-review");

        LintReport mixed = lint("ALTER TABLE t SET ACCESS METHOD heap, ADD COLUMN x int;\n");
        assertThat(rules(mixed)).contains("opaque-change-needs-review");
        assertThat(mixed.worst()).isEqualTo(Safety.NEEDS_REVIEW);
    }

    @Test
    void aTableActionStillNotModelledNeedsReview() throws IOException {
        LintReport report = lint("ALTER TABLE t SET TABLESPACE fast;\n");
        assertThat(rules(report)).containsExactly("opaque-change-needs-review");
    }

    @Test
    void storageParametersOfUnknownLockNeedReview() throws IOException {
        LintReport report = lint("ALTER TABLE t SET (user_catalog_table = true);\n");
        assertThat(report.statements()).isEqualTo(1);
        assertThat(report.worst()).isEqualTo(Safety.NEEDS_REVIEW);
    }

    @Test
    void sequenceRestartBlocksNextvalBriefly() throws IOException {
        LintReport report =
                lint("CREATE SEQUENCE s;\n", "002_m.sql", "ALTER SEQUENCE s RESTART WITH 100;\n");
        Finding f =
                report.verdicts().stream()
                        .map(FindingWithFix::finding)
                        .filter(
                                x ->
                                        x.ruleId().equals("metadata-only-change")
                                                && x.origin().file().endsWith("002_m.sql"))
                        .findFirst()
                        .orElseThrow();
        assertThat(f.lock()).isEqualTo(LockLevel.SHARE_ROW_EXCLUSIVE);
        assertThat(f.what()).contains("nextval");
        assertThat(rules(report)).contains("strong-lock-without-lock-timeout");
    }

    private LintReport lint(String first, String secondName, String second) throws IOException {
        return lint(false, "001_m.sql", first, secondName, second);
    }

    @Test
    void plainVacuumInsideATransactionBlockFails() throws IOException {
        LintReport report = lint("BEGIN;\nDELETE FROM t WHERE a < 0;\nVACUUM t;\nCOMMIT;\n");
        Finding f = first(report, "vacuum-in-transaction");
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.origin().line()).isEqualTo(3);
    }

    @Test
    void plainVacuumUnderAnAssumedTransactionFails() throws IOException {
        LintReport report = lint(true, "001_m.sql", "VACUUM ANALYZE t;\n");
        assertThat(rules(report)).contains("vacuum-in-transaction");
    }

    @Test
    void plainVacuumOnItsOwnIsSafeAndAnalyzeMayRunInATransaction() throws IOException {
        assertThat(rules(lint("VACUUM t;\n"))).doesNotContain("vacuum-in-transaction");
        LintReport analyze = lint("BEGIN;\nANALYZE t;\nCOMMIT;\n");
        assertThat(rules(analyze)).doesNotContain("vacuum-in-transaction");
        assertThat(analyze.worst()).isEqualTo(Safety.SAFE);
    }

    // ---- transaction statements followed as PostgreSQL runs them --------------------------------

    private static List<Finding> unbalanced(LintReport report) {
        return report.verdicts().stream()
                .map(FindingWithFix::finding)
                .filter(f -> f.ruleId().equals("transaction-block-unbalanced"))
                .toList();
    }

    @Test
    void aFileEndingInsideItsOwnTransactionIsForReview() throws IOException {
        LintReport report = lint("BEGIN;\nALTER TABLE t ADD COLUMN note text;\n");
        List<Finding> found = unbalanced(report);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).safety()).isEqualTo(Safety.NEEDS_REVIEW);
        assertThat(found.get(0).origin().line()).isEqualTo(1);
        assertThat(found.get(0).what()).contains("rolls it back").contains("commits it");
    }

    @Test
    void aClosedTransactionAndAToolTransactionWithoutBeginAreFine() throws IOException {
        assertThat(unbalanced(lint("BEGIN;\nALTER TABLE t ADD COLUMN note text;\nCOMMIT;\n")))
                .isEmpty();
        assertThat(unbalanced(lint(true, "001_m.sql", "ALTER TABLE t ADD COLUMN note text;\n")))
                .isEmpty();
    }

    @Test
    void aNestedBeginIsAWarningAndDoesNotEndTheOuterTransactionEarly() throws IOException {
        LintReport report =
                lint(
                        "BEGIN;\nALTER TABLE t ADD COLUMN a1 int;\nBEGIN;\nALTER TABLE t ADD COLUMN a2 int;\n"
                                + "COMMIT;\nCREATE INDEX CONCURRENTLY t_a1_idx ON t (a1);\n");
        List<Finding> found = unbalanced(report);
        assertThat(found).extracting(Finding::safety).containsExactly(Safety.SAFE);
        assertThat(found.get(0).origin().line()).isEqualTo(3);
        assertThat(found.get(0).what()).contains("already a transaction in progress");
        // The one COMMIT closed the outer block: the concurrent build after it runs outside a
        // transaction.
        assertThat(rules(report)).doesNotContain("concurrently-in-transaction");
    }

    @Test
    void aStrayCommitIsAWarning() throws IOException {
        LintReport report = lint("ALTER TABLE t ADD COLUMN a1 int;\nCOMMIT;\n");
        List<Finding> found = unbalanced(report);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).safety()).isEqualTo(Safety.SAFE);
        assertThat(found.get(0).what()).contains("no transaction in progress");
    }

    @Test
    void aCommitUnderAnAssumedTransactionEndsItAndTheRestIsANewTransaction() throws IOException {
        LintReport report =
                lint(
                        true,
                        "001_m.sql",
                        "BEGIN;\nALTER TABLE t ADD COLUMN a1 int;\nCOMMIT;\n"
                                + "CREATE INDEX CONCURRENTLY t_a1_idx ON t (a1);\n");
        List<Finding> found = unbalanced(report);
        assertThat(found)
                .extracting(Finding::safety)
                .containsExactly(Safety.SAFE, Safety.NEEDS_REVIEW);
        assertThat(found.get(1).origin().line()).isEqualTo(3);
        // Under a runner that keeps a transaction open, the concurrent build after COMMIT still
        // fails.
        assertThat(rules(report)).contains("concurrently-in-transaction");
    }

    @Test
    void golangMigrateBeginAndCommitOnlyShapeItsImplicitBlock() throws IOException {
        LintReport report =
                lint(
                        false,
                        "1_add.up.sql",
                        "BEGIN;\nALTER TABLE t ADD COLUMN a1 int;\nCOMMIT;\n"
                                + "CREATE INDEX CONCURRENTLY t_a1_idx ON t (a1);\n");
        assertThat(unbalanced(report)).isEmpty();
        // Read as golang-migrate's one query: after COMMIT the rest is the query's next implicit
        // block.
        assertThat(rules(report)).contains("concurrently-in-transaction");
    }

    // ---- objects named but not seen are assumed to exist
    // ------------------------------------------

    @Test
    void dropIndexIfExistsOfAnIndexNotSeenIsJudged() throws IOException {
        LintReport report = lint("DROP INDEX IF EXISTS t_a_idx;\n");
        assertThat(report.statements()).isEqualTo(1);
        Finding f = first(report, "drop-index-non-concurrent");
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.safety()).isNotEqualTo(Safety.SAFE);
    }

    /**
     * DROP COLUMN IF EXISTS on a table not seen (its columns unknown) is judged as the drop it may
     * be, not read as a no-op; on a table the file made without that column it is one.
     */
    @Test
    void dropColumnIfExistsOnATableNotSeenIsJudged() throws IOException {
        LintReport report = lint("ALTER TABLE t DROP COLUMN IF EXISTS c CASCADE;\n");
        Finding f = first(report, "drop-column-breaks-running-code");
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.safety()).isEqualTo(Safety.MULTI_STEP);
        LintReport made = lint("CREATE TABLE t (a int);\nALTER TABLE t DROP COLUMN IF EXISTS c;\n");
        assertThat(rules(made)).doesNotContain("drop-column-breaks-running-code");
    }

    @Test
    void dropIndexConcurrentlyIfExistsOfAnIndexNotSeenIsSafe() throws IOException {
        LintReport report = lint("DROP INDEX CONCURRENTLY IF EXISTS t_a_idx;\n");
        assertThat(first(report, "drop-index-non-concurrent").safety()).isEqualTo(Safety.SAFE);
    }

    @Test
    void uniqueUsingAnIndexOfAnEarlierMigrationIsAssumedAndSafe() throws IOException {
        LintReport report =
                lint("ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE USING INDEX t_a_uidx;\n");
        assertThat(report.worst()).as(rules(report).toString()).isNotEqualTo(Safety.NEEDS_REVIEW);
        assertThat(first(report, "add-unique-builds-index-in-place").safety())
                .isEqualTo(Safety.SAFE);
    }

    @Test
    void primaryKeyUsingAnIndexOfAnEarlierMigrationIsJudged() throws IOException {
        LintReport report =
                lint("ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_id_uidx;\n");
        assertThat(report.worst()).as(rules(report).toString()).isNotEqualTo(Safety.NEEDS_REVIEW);
        assertThat(rules(report)).contains("add-primary-key-builds-index-in-place");
    }

    // ---- NOT VALID then VALIDATE in one transaction
    // ----------------------------------------------

    @Test
    void aForeignKeyNotValidThenValidateInOneTransactionHoldsTheAddLockThroughTheScan()
            throws IOException {
        LintReport report =
                lint(
                        "BEGIN;\nALTER TABLE t ADD CONSTRAINT t_p_fk FOREIGN KEY (p_id) REFERENCES p (id) NOT VALID;\n"
                                + "ALTER TABLE t VALIDATE CONSTRAINT t_p_fk;\nCOMMIT;\n");
        Finding f = first(report, "changeset-holds-lock-until-commit");
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.lock()).isEqualTo(LockLevel.SHARE_ROW_EXCLUSIVE);
        assertThat(f.what()).contains("VALIDATE CONSTRAINT t_p_fk");
    }

    @Test
    void aCheckNotValidThenValidateInOneTransactionHoldsAccessExclusiveThroughTheScan()
            throws IOException {
        LintReport report =
                lint(
                        "BEGIN;\nALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0) NOT VALID;\n"
                                + "ALTER TABLE t VALIDATE CONSTRAINT t_a_check;\nCOMMIT;\n");
        Finding f = first(report, "changeset-holds-lock-until-commit");
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
    }

    @Test
    void notValidThenValidateInTwoTransactionsIsSafe() throws IOException {
        LintReport report =
                lint(
                        "BEGIN;\nALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0) NOT VALID;\nCOMMIT;\n"
                                + "BEGIN;\nALTER TABLE t VALIDATE CONSTRAINT t_a_check;\nCOMMIT;\n");
        assertThat(rules(report)).doesNotContain("changeset-holds-lock-until-commit");
    }
}
