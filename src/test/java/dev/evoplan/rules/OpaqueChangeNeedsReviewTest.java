package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpaqueChangeNeedsReviewTest {
    private final ChangeRule rule = new OpaqueChangeNeedsReview();

    @ParameterizedTest(name = "{0} change, {2} -> needs-review")
    @CsvSource({
        "sql,            'ALTER TABLE orders   ADD COLUMN x int', written",
        "sqlFile,        'db/raw/cleanup.sql',                   written",
        "customChange,   'com.example.Backfill',                 planned",
        "createProcedure, '',                                    written",
    })
    void unreadableChangesNeedReview(String type, String text, String mode) {
        Finding f =
                only(rule.check(new Change.Opaque(type, text), RuleFixtures.context(mode).build()));
        assertThat(f.ruleId()).isEqualTo("opaque-change-needs-review");
        assertThat(f.safety()).isEqualTo(Safety.NEEDS_REVIEW);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.what()).startsWith("The " + type + " change").contains("ACCESS EXCLUSIVE");
    }

    /**
     * A migration file that is code (a Synapse Python delta, a Flyway script): named by its file
     * and what runs it, and reviewed as code rather than advised to use typed changes.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "written, '88/03_fill.py, a Python delta Synapse runs'",
        "planned, 'V3__load.sh, a script Flyway runs as a process'"
    })
    void aMigrationThatIsCodeIsReviewedAsCode(String mode, String text) {
        Finding f =
                only(
                        rule.check(
                                new Change.Opaque("program", text),
                                RuleFixtures.context(mode).build()));
        assertThat(f.safety()).isEqualTo(Safety.NEEDS_REVIEW);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.what()).startsWith(text + ", is code, not SQL").contains("ACCESS EXCLUSIVE");
        assertThat(f.fix()).startsWith("Read the code").doesNotContain("typed changes");
    }

    @Test
    void aCommentOnAnObjectTheModelKeepsNoCommentForNamesItsLockAndNeedsReview() {
        Finding f =
                only(
                        rule.check(
                                new Change.Opaque("comment", "added comment index t_name"),
                                RuleFixtures.written().build()));
        assertThat(f.safety()).isEqualTo(Safety.NEEDS_REVIEW);
        assertThat(f.lock()).isEqualTo(LockLevel.SHARE_UPDATE_EXCLUSIVE);
        assertThat(f.what())
                .startsWith(
                        "added comment index t_name: COMMENT ON takes a SHARE UPDATE EXCLUSIVE"
                                + " lock on the object (a constraint's or trigger's table is only"
                                + " read), which blocks no reads or writes,");
    }

    @Test
    void quotesTheStartOfTheSqlOnOneLine() {
        Finding f =
                only(
                        rule.check(
                                new Change.Opaque("sql", "UPDATE orders\n   SET status = 'x'"),
                                RuleFixtures.written().build()));
        assertThat(f.what())
                .startsWith(
                        "The sql change \"UPDATE orders SET status = 'x'\" is not something evoplan can read");
    }

    /**
     * A named schema the state diff adds, or drops once empty, is read fully: CREATE SCHEMA and a
     * DROP SCHEMA without CASCADE (refused while anything is in it) lock no table, so it is the
     * brief fallback's, not a needs-review that fails every pull request adding a schema.
     */
    @ParameterizedTest(name = "schema dropped: {0}")
    @CsvSource({"false", "true"})
    void aNamedSchemaAddedOrDroppedIsSafeAndLocksNoTable(boolean dropped) {
        Change.Opaque schema =
                new Change.Opaque(
                        "schema",
                        (dropped ? "removed" : "added") + " schema app: CREATE SCHEMA app",
                        new Change.Opaque.NamedSchema("app", dropped));
        assertThat(rule.check(schema, RuleFixtures.planned().build())).isEmpty();
        List<Finding> judged = Judge.judge(schema, RuleFixtures.planned().build());
        assertThat(judged)
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.ruleId()).isEqualTo("metadata-only-change");
                            assertThat(f.safety()).isEqualTo(Safety.SAFE);
                            assertThat(f.lock()).isEqualTo(LockLevel.NONE);
                            assertThat(f.what())
                                    .isEqualTo(
                                            (dropped ? "DROP" : "CREATE")
                                                    + " SCHEMA app takes no lock on any table");
                        });
        // The same text without the schema fact is unread SQL.
        assertThat(
                        Judge.judge(
                                new Change.Opaque("schema", schema.text()),
                                RuleFixtures.planned().build()))
                .singleElement()
                .extracting(Finding::safety)
                .isEqualTo(Safety.NEEDS_REVIEW);
    }

    /**
     * Changes the differ reads fully but has no plan for say why a person must stage them, not that
     * evoplan could not read them.
     */
    @Test
    void aReadChangeWithoutAPlanSaysWhyItIsLeftToAPerson() {
        Finding update =
                only(
                        rule.check(
                                new Change.Opaque(
                                        "extension",
                                        "extension pg_trgm goes from version 1.5 to 1.6",
                                        null,
                                        new dev.evoplan.model.Extension(
                                                "pg_trgm", "public", "1.6")),
                                RuleFixtures.planned().build()));
        assertThat(update.safety()).isEqualTo(Safety.NEEDS_REVIEW);
        assertThat(update.what()).isEqualTo("extension pg_trgm goes from version 1.5 to 1.6");
        assertThat(update.why()).startsWith("The update runs the extension's own scripts");
        Finding labels =
                only(
                        rule.check(
                                new Change.Opaque("enum", "enum type mood changes its labels"),
                                RuleFixtures.planned().build()));
        assertThat(labels.why()).startsWith("PostgreSQL cannot remove or reorder an enum label");
        // An extension moved to another schema is not an update: the generic wording stays.
        Finding moved =
                only(
                        rule.check(
                                new Change.Opaque("extension", "extension pg_trgm moves"),
                                RuleFixtures.planned().build()));
        assertThat(moved.what()).startsWith("The extension change");
    }

    @Test
    void doesNotJudgeReadableChanges() {
        assertThat(rule.appliesTo(Change.Kind.DATA_CHANGE)).isFalse();
        assertThat(
                        rule.check(
                                new Change.DataChange(ORDERS, "update", "x"),
                                RuleFixtures.written().build()))
                .isEmpty();
    }
}
