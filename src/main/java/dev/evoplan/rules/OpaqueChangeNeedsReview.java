package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/**
 * EP003: raw SQL, a SQL file, a procedure or a custom change that evoplan cannot read, so its locks
 * and duration are unknown.
 */
public final class OpaqueChangeNeedsReview implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                            "opaque-change-needs-review",
                            "EP003",
                            "Raw SQL or a custom change evoplan cannot read: a person must review its locks",
                            Safety.NEEDS_REVIEW,
                            LockLevel.ACCESS_EXCLUSIVE)
                    .with(RuleInfo.Trait.GUESSED_LOCK);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.OPAQUE;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.Opaque opaque)) {
            return List.of();
        }
        if (opaque.changeType().equals("SET")) {
            // A session setting takes no lock; what is unread is its effect on the statements after
            // it.
            return FindingBuilder.of(INFO, change, context)
                    .lock(LockLevel.NONE)
                    .what(opaque.text())
                    .why(
                            "Each statement after it is judged as if the setting were not there; a person must check"
                                    + " what they do under it")
                    .fix(
                            "Leave session settings that change meaning out of migrations: qualify names with their"
                                    + " schema instead of setting search_path, and load data with its checks on")
                    .list();
        }
        if (opaque.changeType().equals("partitioning")
                || opaque.changeType().equals("partition bound")) {
            // A change the model reads fully but PostgreSQL has no in-place statement for.
            return FindingBuilder.of(INFO, change, context)
                    .what(opaque.text())
                    .why(
                            "No ALTER does this: the rows must be moved to a table of the new"
                                    + " shape, under locks and for a time that depend on how many"
                                    + " there are, and evoplan does not plan that move")
                    .fix(
                            "Stage it by hand: create the new table (or partition) beside the old"
                                    + " one, copy the rows in batches, then swap the names in one"
                                    + " short transaction")
                    .list();
        }
        return FindingBuilder.of(INFO, change, context)
                .what(
                        "The "
                                + opaque.changeType()
                                + " change"
                                + quoted(opaque.text())
                                + " is not something evoplan can read: it may take any lock, up to ACCESS EXCLUSIVE,"
                                + " for as long as it runs, which would block all reads and writes")
                .why(
                        "Raw SQL can scan or rewrite a large table, lock several tables or change data, and"
                                + " nothing here can tell which; an unread change must not pass a gate as safe")
                .fix(
                        "Replace it with typed changes evoplan can judge where possible; otherwise review the SQL"
                                + " against the evolution table and stage it by hand")
                .list();
    }

    /** The start of the text, folded to one line, for the message; empty when there is none. */
    private static String quoted(String text) {
        String one = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (one.isEmpty()) {
            return "";
        }
        return " \"" + (one.length() > 80 ? one.substring(0, 77) + "..." : one) + "\"";
    }
}
