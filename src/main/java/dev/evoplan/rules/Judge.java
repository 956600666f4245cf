package dev.evoplan.rules;

import dev.evoplan.model.MixedTransaction;

import dev.evoplan.diff.Change;
import dev.evoplan.model.MigrationStatement;
import dev.evoplan.model.SourceChangeset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Runs the rule catalogue over one change, or over a whole changeset as written. */
public final class Judge {
    private static final ChangeOnNewTable NEW_TABLE = new ChangeOnNewTable();
    private static final MetadataOnlyChange METADATA_ONLY = new MetadataOnlyChange();
    private static final StatementNeedsNewerPostgres NEWER_POSTGRES = new StatementNeedsNewerPostgres();
    private static final UnjudgedChange UNJUDGED = new UnjudgedChange();
    private static final ChangesetHoldsLockUntilCommit CHANGESET = new ChangesetHoldsLockUntilCommit();
    private static final StrongLockWithoutLockTimeout STATEMENT = new StrongLockWithoutLockTimeout();
    private static final ChangesetIdDuplicated DUPLICATED = new ChangesetIdDuplicated();

    private Judge() {}

    /**
     * All findings for one change: change-on-new-table alone when the change works on a table
     * created earlier; otherwise every applicable rule's findings; when none fires, a
     * metadata-only-change (safe) finding for the kinds known to be brief catalog updates, else
     * an unjudged-change (needs-review) finding. Never returns an empty list.
     */
    public static List<Finding> judge(Change change, JudgeContext context) {
        Objects.requireNonNull(change, "change is null");
        Objects.requireNonNull(context, "context is null");
        List<Finding> onNew = NEW_TABLE.check(change, context);
        if (!onNew.isEmpty()) {
            return onNew;
        }
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : RuleCatalogue.all()) {
            if (isHazardRule(rule) && rule.appliesTo(change.kind())) {
                findings.addAll(rule.check(change, context));
            }
        }
        if (!findings.isEmpty()) {
            return List.copyOf(findings);
        }
        List<Finding> brief = METADATA_ONLY.check(change, context);
        return brief.isEmpty() ? UNJUDGED.check(change, context) : brief;
    }

    /** Findings about a whole changeset as written (changeset-holds-lock-until-commit), given the per-change findings. */
    public static List<Finding> judgeChangeset(SourceChangeset changeset, List<Finding> perChange, JudgeContext context) {
        Objects.requireNonNull(changeset, "changeset is null");
        Objects.requireNonNull(perChange, "perChange is null");
        Objects.requireNonNull(context, "context is null");
        List<Finding> findings = CHANGESET.checkChangeset(changeset, perChange, context);
        MixedTransaction mixed = changeset.mixedTransaction();
        if (mixed == null || context.mode() != Mode.AS_WRITTEN) {
            return findings;
        }
        // The tool refuses the file as written; a plan runs its own steps and is not refused.
        List<Finding> out = new ArrayList<>(findings);
        out.add(FlywayMixedTransaction.of(mixed));
        return out;
    }

    /**
     * Findings about one statement of a migration as written, given the findings
     * {@link #judge} made on its changes (strong-lock-without-lock-timeout): the lint post-pass
     * that needs the statement's session state. {@code context} is the statement's context.
     */
    public static List<Finding> judgeStatement(MigrationStatement statement, List<Finding> perChange,
                                               JudgeContext context) {
        Objects.requireNonNull(statement, "statement is null");
        Objects.requireNonNull(perChange, "perChange is null");
        Objects.requireNonNull(context, "context is null");
        List<Finding> findings = new ArrayList<>(STATEMENT.checkStatement(statement, perChange, context));
        findings.addAll(NEWER_POSTGRES.checkStatement(statement, context));
        return List.copyOf(findings);
    }

    /**
     * Findings about the history itself: changesets that already ran (in {@code ran}) and were
     * edited, removed or reordered in {@code next}, new ones placed before them, and new ones
     * repeating an identity.
     */
    public static List<Finding> judgeHistory(List<SourceChangeset> ran, List<SourceChangeset> next) {
        Objects.requireNonNull(ran, "ran is null");
        Objects.requireNonNull(next, "next is null");
        List<Finding> findings = new java.util.ArrayList<>();
        List<SourceChangeset> ranOnce = HistoryRule.firstOfEach(ran);
        List<SourceChangeset> nextOnce = HistoryRule.firstOfEach(next);
        RuleCatalogue.all().stream()
                .filter(r -> r instanceof HistoryRule)
                .map(r -> (HistoryRule) r)
                .forEach(r -> findings.addAll(r.seesDuplicates() ? r.checkHistory(ran, next) : r.checkHistory(ranOnce, nextOnce)));
        return findings;
    }

    /**
     * Findings about changeset identities that {@code next} repeats more often than {@code ran}
     * does (changeset-id-duplicated), for sides that are not one history continued.
     */
    public static List<Finding> judgeDuplicates(List<SourceChangeset> ran, List<SourceChangeset> next) {
        Objects.requireNonNull(ran, "ran is null");
        Objects.requireNonNull(next, "next is null");
        return DUPLICATED.checkHistory(ran, next);
    }

    /** The lock the change takes when run as one plain statement on PostgreSQL {@code pgVersion} (EVOLUTION.md). */
    public static LockLevel plainLock(Change change, int pgVersion) {
        return PlainStatement.lock(change, pgVersion);
    }

        /** The rules that look for a hazard; the fallbacks and the precedence rule are applied around them. */
    private static boolean isHazardRule(Rule rule) {
        String id = rule.info().id();
        return !id.equals(NEW_TABLE.info().id()) && !id.equals(METADATA_ONLY.info().id())
                && !id.equals(UNJUDGED.info().id()) && !id.equals(CHANGESET.info().id())
                && !id.equals(STATEMENT.info().id()) && !id.equals(NEWER_POSTGRES.info().id());
    }
}
