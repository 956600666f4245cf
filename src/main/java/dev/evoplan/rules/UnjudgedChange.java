package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/**
 * EP002: the fallback when no rule judged a change and it is not known to be a brief catalog
 * update: better a person reads it than evoplan calls it safe unread.
 */
public final class UnjudgedChange implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                            "unjudged-change",
                            "EP002",
                            "No rule judged this change, so a person must review it",
                            Safety.NEEDS_REVIEW,
                            LockLevel.ACCESS_EXCLUSIVE)
                    .as(RuleInfo.Role.FALLBACK_UNJUDGED)
                    .with(RuleInfo.Trait.GUESSED_LOCK);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return true;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        LockLevel lock = PlainStatement.lock(change, context.pgVersion());
        return FindingBuilder.of(INFO, change, context)
                .lock(lock)
                .what(
                        PlainStatement.label(change)
                                + " ("
                                + change.summary()
                                + ") "
                                + LockPhrase.takes(
                                        lock,
                                        PlainStatement.target(change),
                                        "for as long as it runs")
                                + "; no rule of evoplan knows whether it rewrites or scans the table")
                .why(
                        "A change no rule has judged could hold that lock for a long time or break running code;"
                                + " calling it safe without reading it would defeat the gate")
                .fix(
                        "Read the statement, check it against the evolution table, and stage it by hand if it"
                                + " scans, rewrites or breaks running code")
                .list();
    }
}
