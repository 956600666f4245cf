package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.QualifiedName;
import java.util.List;

/**
 * EP225: DROP SEQUENCE loses the sequence's current value for good and breaks running code that
 * still calls nextval on it. The lock is brief (ACCESS EXCLUSIVE on the sequence only), so the
 * hazard is the order of deploys, not the lock.
 */
public final class DropSequenceLosesValue implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "drop-sequence-loses-value",
                    "EP225",
                    "DROP SEQUENCE loses its current value and breaks running code that still calls nextval on it",
                    Safety.MULTI_STEP,
                    LockLevel.ACCESS_EXCLUSIVE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.DROP_SEQUENCE;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.DropSequence drop)) {
            return List.of();
        }
        QualifiedName sequence = drop.sequence().name();
        // A sequence created earlier in the same migration has handed out no number anyone keeps.
        if (context.isNew(sequence)) {
            return List.of();
        }
        String lock =
                LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, sequence.toString(), LockPhrase.BRIEF);
        String what =
                context.mode() == Mode.AS_PLANNED
                        ? "As planned, a deploy checkpoint first removes every use of "
                                + sequence
                                + " from the application; then, in the contract stage, DROP SEQUENCE "
                                + sequence
                                + " "
                                + lock
                        : "DROP SEQUENCE "
                                + sequence
                                + " "
                                + lock
                                + "; its current value is gone when it commits";
        return FindingBuilder.of(INFO, change, context)
                .lock(LockLevel.ACCESS_EXCLUSIVE)
                .what(what)
                .why(
                        "Code deployed before the drop still calls nextval('"
                                + sequence
                                + "') and fails; a sequence created again under the same name starts over"
                                + " and hands out numbers that were already used")
                .fix(
                        "Stop using the sequence in a release first (note its last value if numbers must"
                                + " never repeat), then drop it in a later release")
                .list();
    }
}
