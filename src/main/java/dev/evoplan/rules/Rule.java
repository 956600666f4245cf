package dev.evoplan.rules;

/**
 * One hazard of the evolution table: one class, one doc page, one test class, one line in {@link
 * RuleCatalogue}. A rule is typed by what it judges, and {@link Judge} (or {@link DesignReview})
 * asks every catalogued rule of a type about a thing of that type.
 */
public sealed interface Rule
        permits ChangeRule,
                StatementRule,
                TransactionRule,
                FileRule,
                SuppressionRule,
                HistoryRule,
                DesignRule {
    RuleInfo info();

    /** What the rule judges. */
    Subject subject();

    /** What a rule judges: the type it is asked about. */
    enum Subject {
        /** One typed change ({@link ChangeRule}). */
        CHANGE,
        /**
         * One statement as written, with its session state and the findings on its changes ({@link
         * StatementRule}).
         */
        STATEMENT,
        /**
         * The statements that commit together: a changeset, a transaction block ({@link
         * TransactionRule}).
         */
        TRANSACTION,
        /** A migration file as its tool runs it ({@link FileRule}). */
        FILE,
        /** An {@code evoplan:ignore} comment ({@link SuppressionRule}). */
        SUPPRESSION,
        /** The changeset history against the one databases ran ({@link HistoryRule}). */
        HISTORY,
        /** A table's design, advice rather than a hazard ({@link DesignRule}). */
        DESIGN
    }
}
