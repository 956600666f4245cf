package dev.evoplan.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.Origin;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.LockLevel;
import dev.evoplan.rules.Mode;
import dev.evoplan.rules.Safety;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {
    private static final Renderer MD = Renderers.of(Format.MARKDOWN, false);

    @Test
    void rendersTitleTableDetailsAndPlan() {
        assertThat(MD.render(Samples.mixed(Mode.AS_WRITTEN)))
                .isEqualTo(
                        """
                ## evoplan: DOWNTIME

                `db/changelog.yaml@main` -> `db/changelog.yaml`, as written: 3 new changesets, PostgreSQL 16

                | verdict | findings |
                |---|---|
                | **DOWNTIME** | 1 |
                | **NEEDS REVIEW** | 1 |
                | **MULTI-STEP** | 1 |
                | **SAFE** | 1 |

                | verdict | change | lock | blocks | where |
                |---|---|---|---|---|
                | **DOWNTIME** | create index users_email_idx on users | SHARE on users | writes (reads go on) | db/changelog.yaml:12 (changeset 3 by alice), introduced in abc1234 |
                | **NEEDS REVIEW** | sql: UPDATE users SET name = first \\|\\| ' ' \\|\\| last | none | nothing |  |
                | **MULTI-STEP** | drop column users.legacy | ACCESS EXCLUSIVE on users | all reads and writes | db/changelog.yaml (changeset 4 by bob) |

                ## Findings

                ### 1. DOWNTIME: create index users_email_idx on users

                - **Rule:** `create-index-non-concurrent`
                - **Lock:** SHARE on users, blocks writes (reads go on)
                - **What:** CREATE INDEX reads all of users under a SHARE lock until the build ends
                - **Why:** every INSERT, UPDATE and DELETE on users waits for the build
                - **Size:** size of users unknown: assumed large
                - **Where:** db/changelog.yaml:12 (changeset 3 by alice), introduced in abc1234
                - **Fix:** build the index CONCURRENTLY, outside a transaction

                Instead of:

                ```sql
                CREATE INDEX users_email_idx ON users (email);
                ```

                Use:

                ```sql
                CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
                ```

                ### 2. NEEDS REVIEW: sql: UPDATE users SET name = first \\|\\| ' ' \\|\\| last

                - **Rule:** `opaque-change-needs-review`
                - **Lock:** none
                - **What:** raw SQL that evoplan does not read

                SQL:

                ```sql
                UPDATE users SET name = first || ' ' || last;
                ```

                ### 3. MULTI-STEP: drop column users.legacy

                - **Rule:** `drop-column-breaks-running-code`
                - **Lock:** ACCESS EXCLUSIVE on users, blocks all reads and writes
                - **What:** ALTER TABLE ... DROP COLUMN takes a brief ACCESS EXCLUSIVE lock
                - **Why:** running code that still reads users.legacy fails
                - **Where:** db/changelog.yaml (changeset 4 by bob)
                - **Fix:** stop using the column first, then drop it

                Instead of:

                ```sql
                ALTER TABLE users DROP COLUMN legacy;
                ```

                Use:

                ```sql
                -- CHECKPOINT: deploy the application that no longer reads users.legacy
                ALTER TABLE users DROP COLUMN legacy;
                ```

                <details><summary>1 safe finding</summary>

                | verdict | change | lock | blocks | where |
                |---|---|---|---|---|
                | **SAFE** | add column users.nickname | ACCESS EXCLUSIVE on users | all reads and writes | db/changelog.yaml:30 (changeset 5 by alice) |

                </details>

                ## Plan

                <details><summary>3 stages, 4 steps</summary>

                ### Stage 1: expand

                **1.** add column users.nickname

                ```sql
                ALTER TABLE users ADD COLUMN nickname text;
                ```

                - **Lock:** ACCESS EXCLUSIVE on users, blocks all reads and writes; lock_timeout 5s
                - **Rollback:** `ALTER TABLE users DROP COLUMN nickname;`

                **2.** build index users_email_idx without blocking writes *(outside a transaction)*

                ```sql
                CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
                ```

                - **Lock:** SHARE UPDATE EXCLUSIVE on users, blocks only other DDL and VACUUM (reads and writes go on); lock_timeout 5s, statement_timeout 0
                - **Rollback:** `DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;`
                - **On failure:** drop the INVALID index users_email_idx and run this step again

                ### Stage 2: migrate-reads

                > **3. CHECKPOINT:** deploy the application that no longer reads users.legacy

                ### Stage 3: contract

                **4.** drop column users.legacy

                ```sql
                ALTER TABLE users DROP COLUMN legacy;
                ```

                - **Lock:** ACCESS EXCLUSIVE on users, blocks all reads and writes; lock_timeout 5s

                </details>
                """);
    }

    @Test
    void everyTableRowHasExactlyFiveCellsWhateverTheDataHolds() {
        Finding f =
                new Finding(
                        "r",
                        Safety.NEEDS_REVIEW,
                        LockLevel.NONE,
                        null,
                        "w",
                        null,
                        null,
                        null,
                        new Origin("dir|x/c.yaml", 2, "a|b", null, null),
                        List.of(),
                        new dev.evoplan.diff.Change.Opaque("sql", "SELECT 'a|b' || c\nFROM t"));
        assertThat(f.change().summary().split("\\|", -1)).hasSize(4);
        String out = MD.render(Samples.single(f, List.of()));
        // The summary table of counts (a heading and four rows) comes first; the findings table
        // follows.
        List<String> rows = out.lines().filter(l -> l.startsWith("| ")).skip(5).toList();
        assertThat(rows).hasSize(2);
        for (String row : rows) {
            // A cell border is a pipe not preceded by a backslash.
            assertThat(row.split("(?<!\\\\)\\|", -1)).hasSize(7);
        }
        assertThat(rows.get(1))
                .isEqualTo(
                        "| **NEEDS REVIEW** | sql: SELECT 'a\\|b' \\|\\| c FROM t | none | nothing | dir\\|x/c.yaml:2 (changeset a\\|b) |");
    }

    @Test
    void markdownPunctuationInTextIsEscapedButIdentifiersStayReadable() {
        assertThat(Markdown.text("count(*) on users_email_idx <b> _x_ #1 [a](b)"))
                .isEqualTo("count(\\*) on users_email_idx \\<b> \\_x\\_ \\#1 \\[a\\](b)");
        assertThat(Markdown.text("line one\n  line two")).isEqualTo("line one line two");
    }

    @Test
    void codeSpansAndFencesOutlastBackticksInTheData() {
        assertThat(Markdown.code("plain")).isEqualTo("`plain`");
        assertThat(Markdown.code("a `b` c")).isEqualTo("``a `b` c``");
        assertThat(Markdown.code("`x`")).isEqualTo("`` `x` ``");
        assertThat(Markdown.codeCell("a|b")).isEqualTo("`a\\|b`");
        assertThat(Markdown.code("a|b")).isEqualTo("`a|b`");
        assertThat(Markdown.sqlFence(List.of("SELECT 1;"))).isEqualTo("```sql\nSELECT 1;\n```\n");
        assertThat(Markdown.sqlFence(List.of("SELECT '```';")))
                .isEqualTo("````sql\nSELECT '```';\n````\n");
    }

    @Test
    void checkpointIsABlockQuoteAndNonTransactionalStepIsMarked() {
        String out = MD.render(Samples.mixed(Mode.AS_PLANNED));
        assertThat(out)
                .contains(
                        "\n> **3. CHECKPOINT:** deploy the application that no longer reads users.legacy\n")
                .contains(
                        "**2.** build index users_email_idx without blocking writes *(outside a transaction)*\n")
                .contains("**1.** add column users.nickname\n")
                .contains(", as planned, PostgreSQL 16\n");
    }

    @Test
    void multiLineStepSqlStaysInsideOneFence() {
        Step step =
                new Step(
                        Step.Kind.SQL,
                        "UPDATE users\nSET a = 1;",
                        "backfill",
                        false,
                        LockLevel.ROW_EXCLUSIVE,
                        Samples.USERS,
                        null,
                        null,
                        null,
                        null,
                        "x");
        Finding f =
                new Finding(
                        "r",
                        Safety.MULTI_STEP,
                        LockLevel.NONE,
                        null,
                        "w",
                        null,
                        null,
                        null,
                        Origin.UNKNOWN,
                        List.of(),
                        Samples.ADD_COLUMN);
        assertThat(MD.render(Samples.single(f, List.of(step))))
                .contains("```sql\nUPDATE users\nSET a = 1;\n```\n");
    }

    @Test
    void emptyAnalysisSaysThereIsNothingToDo() {
        assertThat(MD.render(Samples.empty()))
                .isEqualTo(
                        """
                ## evoplan: SAFE

                `a.yaml` -> `b.yaml`, as planned, PostgreSQL 16

                No changes: nothing to do.
                """);
    }

    @Test
    void colourIsNeverWrittenIntoMarkdown() {
        assertThat(Renderers.of(Format.MARKDOWN, true).render(Samples.mixed(Mode.AS_WRITTEN)))
                .doesNotContain("\u001b")
                .isEqualTo(MD.render(Samples.mixed(Mode.AS_WRITTEN)));
    }
}
