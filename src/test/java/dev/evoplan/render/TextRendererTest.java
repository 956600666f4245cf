package dev.evoplan.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.engine.Analysis;
import dev.evoplan.model.Origin;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.plan.Plan;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.LockLevel;
import dev.evoplan.rules.Mode;
import dev.evoplan.rules.Safety;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextRendererTest {
    private static final Renderer PLAIN = Renderers.of(Format.TEXT, false);
    private static final Renderer COLOR = Renderers.of(Format.TEXT, true);

    @Test
    void rendersHeaderFindingsPlanAndSummary() {
        assertThat(PLAIN.render(Samples.mixed(Mode.AS_WRITTEN)))
                .isEqualTo(
                        """
                evoplan: db/changelog.yaml@main -> db/changelog.yaml
                mode: as written: 3 new changesets
                PostgreSQL 16
                verdict: DOWNTIME
                summary: 1 downtime, 1 multi-step, 1 needs review, 1 safe

                Findings (4)

                [DOWNTIME] create index users_email_idx on users
                  rule: create-index-non-concurrent
                  lock: SHARE on users, blocks writes (reads go on)
                  what: CREATE INDEX reads all of users under a SHARE lock until the build ends
                  why: every INSERT, UPDATE and DELETE on users waits for the build
                  size: size of users unknown: assumed large
                  where: db/changelog.yaml:12 (changeset 3 by alice), introduced in abc1234
                  fix: build the index CONCURRENTLY, outside a transaction
                  instead of:
                    CREATE INDEX users_email_idx ON users (email);
                  use:
                    CREATE INDEX CONCURRENTLY users_email_idx ON users (email);

                [NEEDS REVIEW] sql: UPDATE users SET name = first || ' ' || last
                  rule: opaque-change-needs-review
                  lock: none
                  what: raw SQL that evoplan does not read
                  sql:
                    UPDATE users SET name = first || ' ' || last;

                [MULTI-STEP] drop column users.legacy
                  rule: drop-column-breaks-running-code
                  lock: ACCESS EXCLUSIVE on users, blocks all reads and writes
                  what: ALTER TABLE ... DROP COLUMN takes a brief ACCESS EXCLUSIVE lock
                  why: running code that still reads users.legacy fails
                  where: db/changelog.yaml (changeset 4 by bob)
                  fix: stop using the column first, then drop it
                  instead of:
                    ALTER TABLE users DROP COLUMN legacy;
                  use:
                    -- CHECKPOINT: deploy the application that no longer reads users.legacy
                    ALTER TABLE users DROP COLUMN legacy;

                [SAFE] add column users.nickname
                  rule: metadata-only-change
                  lock: ACCESS EXCLUSIVE on users, blocks all reads and writes
                  what: a catalog update under a brief ACCESS EXCLUSIVE lock
                  where: db/changelog.yaml:30 (changeset 5 by alice)
                  sql:
                    ALTER TABLE users ADD COLUMN nickname text;

                Plan (3 stages, 4 steps)

                Stage 1: expand
                  1. add column users.nickname
                       ALTER TABLE users ADD COLUMN nickname text;
                     lock: ACCESS EXCLUSIVE on users, blocks all reads and writes; lock_timeout 5s
                     rollback: ALTER TABLE users DROP COLUMN nickname;
                  2. build index users_email_idx without blocking writes (outside a transaction)
                       CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
                     lock: SHARE UPDATE EXCLUSIVE on users, blocks only other DDL and VACUUM (reads and writes go on); lock_timeout 5s, statement_timeout 0
                     rollback: DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;
                     on failure: drop the INVALID index users_email_idx and run this step again

                Stage 2: migrate-reads
                  3. == CHECKPOINT: deploy the application that no longer reads users.legacy ==

                Stage 3: contract
                  4. drop column users.legacy
                       ALTER TABLE users DROP COLUMN legacy;
                     lock: ACCESS EXCLUSIVE on users, blocks all reads and writes; lock_timeout 5s
                """);
    }

    @Test
    void emptyAnalysisSaysThereIsNothingToDo() {
        assertThat(PLAIN.render(Samples.empty()))
                .isEqualTo(
                        """
                evoplan: a.yaml -> b.yaml
                mode: as planned
                PostgreSQL 16
                verdict: SAFE

                No changes: nothing to do.
                """);
    }

    @Test
    void colourCodesOnlyWhenAskedFor() {
        Analysis analysis = Samples.mixed(Mode.AS_WRITTEN);
        String plain = PLAIN.render(analysis);
        String colored = COLOR.render(analysis);

        assertThat(plain).doesNotContain("\u001b");
        assertThat(colored)
                .contains("verdict: \u001b[1;31mDOWNTIME\u001b[0m\n")
                .contains("[\u001b[32mSAFE\u001b[0m] add column users.nickname")
                .contains("[\u001b[33mMULTI-STEP\u001b[0m] drop column")
                .contains("[\u001b[35mNEEDS REVIEW\u001b[0m] sql:")
                .contains("3. \u001b[1m== CHECKPOINT: deploy the application");
        // Colour adds escape codes and nothing else.
        assertThat(colored.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
    }

    @Test
    void outputIsAsciiWhenTheDataIs() {
        String out = PLAIN.render(Samples.mixed(Mode.AS_WRITTEN));
        assertThat(out.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f))).isTrue();
    }

    @Test
    void renderingIsStable() {
        assertThat(PLAIN.render(Samples.mixed(Mode.AS_WRITTEN)))
                .isEqualTo(PLAIN.render(Samples.mixed(Mode.AS_WRITTEN)));
    }

    @Test
    void asPlannedModeHasNoChangesetCount() {
        assertThat(PLAIN.render(Samples.mixed(Mode.AS_PLANNED)))
                .contains("\nmode: as planned\n")
                .doesNotContain("changesets");
    }

    @Test
    void countsOneChangesetInTheSingular() {
        Finding f = finding(Safety.MULTI_STEP, new Origin("c.yaml", 3, "7", "eve", null));
        assertThat(PLAIN.render(Samples.single(f, List.of())))
                .contains("\nmode: as written: 1 new changeset\n");
    }

    @Test
    void sqlMigrationFilesWithoutChangesetIdsCountAsOneEach() {
        Finding a = finding(Safety.SAFE, Origin.file("V2__a.sql", 1));
        Finding b = finding(Safety.SAFE, Origin.file("V2__a.sql", 4));
        Finding c = finding(Safety.SAFE, Origin.file("V3__b.sql", 1));
        Analysis analysis = asWritten(a, b, c);
        assertThat(PLAIN.render(analysis)).contains("\nmode: as written: 2 new changesets\n");
    }

    @Test
    void findingsAboutMigrationsThatRanAreNotCountedAsNewOnes() {
        // A pull request that edits one migration that ran, removes another and adds one: one new.
        Finding added = finding(Safety.SAFE, Origin.file("V3__c.sql", 1));
        Finding edited = history("ran-changeset-edited", Origin.file("V1__a.sql", 1));
        Finding removed = history("ran-changeset-removed", Origin.file("V2__b.sql", 1));
        Analysis analysis = asWritten(edited, removed, added);
        assertThat(PLAIN.render(analysis)).contains("\nmode: as written: 1 new changeset\n");
        Analysis onlyEdited = asWritten(edited);
        assertThat(PLAIN.render(onlyEdited)).contains("\nmode: as written: no new changesets\n");
    }

    /** The verdicts alone, as written, with no change and no plan. */
    private static Analysis asWritten(Finding... findings) {
        return new Analysis(
                "a",
                "b",
                Mode.AS_WRITTEN,
                16,
                List.of(),
                java.util.Arrays.stream(findings)
                        .map(f -> new FindingWithFix(f, List.of()))
                        .toList(),
                Plan.EMPTY);
    }

    private static Finding history(String ruleId, Origin origin) {
        return new Finding(
                ruleId,
                Safety.NEEDS_REVIEW,
                LockLevel.NONE,
                null,
                "it ran",
                null,
                null,
                null,
                origin,
                List.of(),
                null);
    }

    @Test
    void wholeChangesetFindingIsNamedByItsChangeset() {
        Finding f =
                new Finding(
                        "changeset-holds-lock-until-commit",
                        Safety.DOWNTIME,
                        LockLevel.ACCESS_EXCLUSIVE,
                        Samples.USERS,
                        "holds ACCESS EXCLUSIVE on users while a later change scans it",
                        null,
                        null,
                        null,
                        new Origin("c.yaml", 0, "9", null, null),
                        List.of(),
                        null);
        String out = PLAIN.render(Samples.single(f, List.of()));
        assertThat(out)
                .contains("[DOWNTIME] changeset 9\n")
                .contains("  where: c.yaml (changeset 9)\n")
                .contains("\nPlan: nothing to run.\n");
    }

    @Test
    void multiLineSqlKeepsItsShapeUnderTheIndent() {
        Step step =
                new Step(
                        Step.Kind.SQL,
                        """
                UPDATE users SET nickname = name
                WHERE id IN (SELECT id FROM users WHERE nickname IS NULL LIMIT 10000);
                """,
                        "backfill users.nickname in batches",
                        false,
                        LockLevel.ROW_EXCLUSIVE,
                        Samples.USERS,
                        null,
                        null,
                        null,
                        null,
                        "add column users.nickname");
        Finding f = finding(Safety.MULTI_STEP, Origin.UNKNOWN);
        String out = PLAIN.render(Samples.single(f, List.of(step)));
        assertThat(out)
                .contains(
                        """
                  1. backfill users.nickname in batches (outside a transaction)
                       UPDATE users SET nickname = name
                       WHERE id IN (SELECT id FROM users WHERE nickname IS NULL LIMIT 10000);
                     lock: ROW EXCLUSIVE on users, blocks nothing
                """);
        assertThat(out)
                .contains(
                        """
                  use:
                    UPDATE users SET nickname = name
                    WHERE id IN (SELECT id FROM users WHERE nickname IS NULL LIMIT 10000);
                """);
    }

    @Test
    void transactionalStepIsNotMarkedOutside() {
        Step step =
                new Step(
                        Step.Kind.SQL,
                        "ALTER TABLE users ADD COLUMN x int;",
                        "add x",
                        true,
                        LockLevel.ACCESS_EXCLUSIVE,
                        Samples.USERS,
                        null,
                        null,
                        null,
                        null,
                        "add column users.x");
        String out =
                PLAIN.render(Samples.single(finding(Safety.SAFE, Origin.UNKNOWN), List.of(step)));
        assertThat(out).contains("  1. add x\n").doesNotContain("outside a transaction");
    }

    @Test
    void findingWithoutOriginHasNoWhereLine() {
        String out =
                PLAIN.render(
                        Samples.single(finding(Safety.NEEDS_REVIEW, Origin.UNKNOWN), List.of()));
        assertThat(out).doesNotContain("where:").contains("verdict: NEEDS REVIEW\n");
    }

    private static Finding finding(Safety safety, Origin origin) {
        return new Finding(
                "some-rule",
                safety,
                LockLevel.ACCESS_EXCLUSIVE,
                Samples.USERS,
                "something happens",
                null,
                null,
                null,
                origin,
                List.of(),
                Samples.ADD_COLUMN);
    }
}
