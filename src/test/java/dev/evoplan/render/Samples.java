package dev.evoplan.render;

import dev.evoplan.diff.Change;
import dev.evoplan.engine.Analysis;
import dev.evoplan.model.Column;
import dev.evoplan.model.Index;
import dev.evoplan.model.IndexElement;
import dev.evoplan.model.Origin;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SqlType;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.plan.Plan;
import dev.evoplan.plan.Stage;
import dev.evoplan.plan.StageKind;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.LockLevel;
import dev.evoplan.rules.Mode;
import dev.evoplan.rules.Safety;
import java.util.List;

/**
 * Analyses built by hand: one finding of every safety, a checkpoint, a step outside a transaction.
 */
final class Samples {
    static final QualifiedName USERS = QualifiedName.of("users");

    static final Change CREATE_INDEX =
            new Change.CreateIndex(
                    new Index(
                            "users_email_idx",
                            USERS,
                            false,
                            null,
                            List.of(IndexElement.column("email")),
                            List.of(),
                            null));
    static final Change DROP_COLUMN =
            new Change.DropColumn(USERS, Column.of("legacy", SqlType.of("text"), true));
    static final Change OPAQUE =
            new Change.Opaque("sql", "UPDATE users SET name = first || ' ' || last");
    static final Change ADD_COLUMN =
            new Change.AddColumn(USERS, Column.of("nickname", SqlType.of("text"), true));

    static final Step CONCURRENT_INDEX =
            new Step(
                    Step.Kind.SQL,
                    "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);",
                    "build index users_email_idx without blocking writes",
                    false,
                    LockLevel.SHARE_UPDATE_EXCLUSIVE,
                    USERS,
                    "5s",
                    "0",
                    "DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;",
                    "drop the INVALID index users_email_idx and run this step again",
                    CREATE_INDEX.summary());
    static final Step ADD_NICKNAME =
            new Step(
                    Step.Kind.SQL,
                    "ALTER TABLE users ADD COLUMN nickname text;",
                    "add column users.nickname",
                    true,
                    LockLevel.ACCESS_EXCLUSIVE,
                    USERS,
                    "5s",
                    null,
                    "ALTER TABLE users DROP COLUMN nickname;",
                    null,
                    ADD_COLUMN.summary());
    static final Step DEPLOY =
            Step.checkpoint(
                    "deploy the application that no longer reads users.legacy",
                    DROP_COLUMN.summary());
    static final Step DROP_LEGACY =
            new Step(
                    Step.Kind.SQL,
                    "ALTER TABLE users DROP COLUMN legacy;",
                    "drop column users.legacy",
                    true,
                    LockLevel.ACCESS_EXCLUSIVE,
                    USERS,
                    "5s",
                    null,
                    null,
                    null,
                    DROP_COLUMN.summary());

    private Samples() {}

    /** Four findings (downtime, multi-step, needs review, safe) and a four-stage plan. */
    static Analysis mixed(Mode mode) {
        Finding index =
                new Finding(
                        "create-index-non-concurrent",
                        Safety.DOWNTIME,
                        LockLevel.SHARE,
                        USERS,
                        "CREATE INDEX reads all of users under a SHARE lock until the build ends",
                        "every INSERT, UPDATE and DELETE on users waits for the build",
                        "build the index CONCURRENTLY, outside a transaction",
                        "size of users unknown: assumed large",
                        new Origin("db/changelog.yaml", 12, "3", "alice", "abc1234"),
                        List.of("CREATE INDEX users_email_idx ON users (email);"),
                        CREATE_INDEX);
        Finding drop =
                new Finding(
                        "drop-column-breaks-running-code",
                        Safety.MULTI_STEP,
                        LockLevel.ACCESS_EXCLUSIVE,
                        USERS,
                        "ALTER TABLE ... DROP COLUMN takes a brief ACCESS EXCLUSIVE lock",
                        "running code that still reads users.legacy fails",
                        "stop using the column first, then drop it",
                        null,
                        new Origin("db/changelog.yaml", 0, "4", "bob", null),
                        List.of("ALTER TABLE users DROP COLUMN legacy;"),
                        DROP_COLUMN);
        Finding opaque =
                new Finding(
                        "opaque-change-needs-review",
                        Safety.NEEDS_REVIEW,
                        LockLevel.NONE,
                        null,
                        "raw SQL that evoplan does not read",
                        null,
                        null,
                        null,
                        Origin.UNKNOWN,
                        List.of("UPDATE users SET name = first || ' ' || last;"),
                        OPAQUE);
        Finding add =
                new Finding(
                        "metadata-only-change",
                        Safety.SAFE,
                        LockLevel.ACCESS_EXCLUSIVE,
                        USERS,
                        "a catalog update under a brief ACCESS EXCLUSIVE lock",
                        null,
                        null,
                        null,
                        new Origin("db/changelog.yaml", 30, "5", "alice", null),
                        List.of("ALTER TABLE users ADD COLUMN nickname text;"),
                        ADD_COLUMN);
        Plan plan =
                new Plan(
                        List.of(
                                new Stage(
                                        StageKind.EXPAND, List.of(ADD_NICKNAME, CONCURRENT_INDEX)),
                                new Stage(StageKind.BACKFILL, List.of()),
                                new Stage(StageKind.MIGRATE_READS, List.of(DEPLOY)),
                                new Stage(StageKind.CONTRACT, List.of(DROP_LEGACY))));
        return new Analysis(
                "db/changelog.yaml@main",
                "db/changelog.yaml",
                mode,
                16,
                List.of(ADD_COLUMN, CREATE_INDEX, DROP_COLUMN, OPAQUE),
                List.of(
                        new FindingWithFix(add, List.of(ADD_NICKNAME)),
                        new FindingWithFix(index, List.of(CONCURRENT_INDEX)),
                        new FindingWithFix(drop, List.of(DEPLOY, DROP_LEGACY)),
                        new FindingWithFix(opaque, List.of())),
                plan);
    }

    static Analysis empty() {
        return new Analysis(
                "a.yaml", "b.yaml", Mode.AS_PLANNED, 16, List.of(), List.of(), Plan.EMPTY);
    }

    /** One verdict alone, with the plan holding just its fix. */
    static Analysis single(Finding finding, List<Step> fix) {
        Plan plan =
                fix.isEmpty() ? Plan.EMPTY : new Plan(List.of(new Stage(StageKind.EXPAND, fix)));
        List<Change> changes = finding.change() == null ? List.of() : List.of(finding.change());
        return new Analysis(
                "a.yaml",
                "b.yaml",
                Mode.AS_WRITTEN,
                16,
                changes,
                List.of(new FindingWithFix(finding, fix)),
                plan);
    }
}
