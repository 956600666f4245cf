package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Migration;
import dev.evoplan.model.MigrationStatement;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.model.Suppression;
import dev.evoplan.rules.RuleInfo.Role;
import dev.evoplan.rules.RuleInfo.Trait;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs the rule catalogue: each thing judged (a change, a statement, a transaction, a file, a
 * suppression, a history) is given to every catalogued rule of its type, in code order. Change
 * rules are applied by their {@link Role}; no rule is looked up by its id.
 */
public final class Judge {
    private static final ChangeRule PRECEDENCE = RuleCatalogue.theOne(Role.PRECEDENCE);
    private static final List<ChangeRule> HAZARDS = RuleCatalogue.withRole(Role.HAZARD);
    private static final ChangeRule BRIEF = RuleCatalogue.theOne(Role.FALLBACK_BRIEF);
    private static final ChangeRule UNJUDGED = RuleCatalogue.theOne(Role.FALLBACK_UNJUDGED);
    // Lint asks these of every statement and transaction: filtered from the catalogue once.
    private static final List<StatementRule> STATEMENT_RULES =
            RuleCatalogue.ofType(StatementRule.class);
    private static final List<TransactionRule> TRANSACTION_RULES =
            RuleCatalogue.ofType(TransactionRule.class);

    private Judge() {}

    /**
     * All findings for one change: the precedence rule's alone when it fires (the change works on a
     * table created earlier); otherwise every applicable hazard rule's findings; when none fires,
     * the brief fallback's (safe) for the kinds known to be brief catalog updates, else the
     * unjudged fallback's (needs review). Never returns an empty list.
     */
    public static List<Finding> judge(Change change, JudgeContext context) {
        Objects.requireNonNull(change, "change is null");
        Objects.requireNonNull(context, "context is null");
        List<Finding> onNew = PRECEDENCE.check(change, context);
        if (!onNew.isEmpty()) {
            return onNew;
        }
        List<Finding> findings = new ArrayList<>();
        for (ChangeRule rule : HAZARDS) {
            if (rule.appliesTo(change.kind())) {
                findings.addAll(rule.check(change, context));
            }
        }
        if (!findings.isEmpty()) {
            return List.copyOf(findings);
        }
        List<Finding> brief = BRIEF.check(change, context);
        return brief.isEmpty() ? UNJUDGED.check(change, context) : brief;
    }

    /**
     * Findings about a whole changeset or transaction block as written, given the per-change
     * findings.
     */
    public static List<Finding> judgeChangeset(
            SourceChangeset changeset, List<Finding> perChange, JudgeContext context) {
        Objects.requireNonNull(changeset, "changeset is null");
        Objects.requireNonNull(perChange, "perChange is null");
        Objects.requireNonNull(context, "context is null");
        List<Finding> findings = new ArrayList<>();
        for (TransactionRule rule : TRANSACTION_RULES) {
            findings.addAll(rule.checkChangeset(changeset, perChange, context));
        }
        return findings;
    }

    /**
     * Findings about one statement of a migration as written, given the findings {@link #judge}
     * made on its changes: the lint post-pass that needs the statement's session state. {@code
     * context} is the statement's context.
     */
    public static List<Finding> judgeStatement(
            MigrationStatement statement, List<Finding> perChange, JudgeContext context) {
        Objects.requireNonNull(statement, "statement is null");
        Objects.requireNonNull(perChange, "perChange is null");
        Objects.requireNonNull(context, "context is null");
        List<Finding> findings = new ArrayList<>();
        for (StatementRule rule : STATEMENT_RULES) {
            findings.addAll(rule.checkStatement(statement, perChange, context));
        }
        return List.copyOf(findings);
    }

    /**
     * Findings about a migration file as its tool runs it (transaction statements, Flyway's mixed
     * files).
     */
    public static List<Finding> judgeFile(Migration migration) {
        Objects.requireNonNull(migration, "migration is null");
        List<Finding> findings = new ArrayList<>();
        for (FileRule rule : RuleCatalogue.ofType(FileRule.class)) {
            findings.addAll(rule.checkFile(migration));
        }
        return findings;
    }

    /**
     * Findings about one {@code evoplan:ignore} comment; {@code coversAFinding} says whether it
     * (having a reason) suppressed a finding.
     */
    public static List<Finding> judgeSuppression(Suppression suppression, boolean coversAFinding) {
        Objects.requireNonNull(suppression, "suppression is null");
        List<Finding> findings = new ArrayList<>();
        for (SuppressionRule rule : RuleCatalogue.ofType(SuppressionRule.class)) {
            findings.addAll(rule.checkSuppression(suppression, coversAFinding));
        }
        return findings;
    }

    /**
     * Findings about the history itself: changesets that already ran (in {@code ran}) and were
     * edited, removed or reordered in {@code next}, new ones placed before them, and new ones
     * repeating an identity.
     */
    public static List<Finding> judgeHistory(
            List<SourceChangeset> ran, List<SourceChangeset> next) {
        Objects.requireNonNull(ran, "ran is null");
        Objects.requireNonNull(next, "next is null");
        List<Finding> findings = new ArrayList<>();
        List<SourceChangeset> ranOnce = HistoryRule.firstOfEach(ran);
        List<SourceChangeset> nextOnce = HistoryRule.firstOfEach(next);
        for (HistoryRule rule : RuleCatalogue.ofType(HistoryRule.class)) {
            findings.addAll(
                    rule.seesDuplicates()
                            ? rule.checkHistory(ran, next)
                            : rule.checkHistory(ranOnce, nextOnce));
        }
        return findings;
    }

    /**
     * Findings about changeset identities that {@code next} repeats more often than {@code ran}
     * does (the history rules that see repeated identities), for sides that are not one history
     * continued.
     */
    public static List<Finding> judgeDuplicates(
            List<SourceChangeset> ran, List<SourceChangeset> next) {
        Objects.requireNonNull(ran, "ran is null");
        Objects.requireNonNull(next, "next is null");
        List<Finding> findings = new ArrayList<>();
        for (HistoryRule rule : RuleCatalogue.ofType(HistoryRule.class)) {
            if (rule.info().has(Trait.SEES_DUPLICATE_IDENTITIES)) {
                findings.addAll(rule.checkHistory(ran, next));
            }
        }
        return findings;
    }

    /**
     * The lock the change takes when run as one plain statement on PostgreSQL {@code pgVersion}
     * (EVOLUTION.md).
     */
    public static LockLevel plainLock(Change change, int pgVersion) {
        return PlainStatement.lock(change, pgVersion);
    }
}
