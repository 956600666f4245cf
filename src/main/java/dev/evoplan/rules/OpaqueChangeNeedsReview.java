package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/**
 * EP003: raw SQL, a SQL file, a procedure, a custom change, a Liquibase extension's change or a
 * migration file that is code (a Synapse Python delta, a Flyway script migration) that evoplan
 * cannot read, so its locks and duration are unknown.
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
        if (opaque.schema() != null) {
            // A named schema created or dropped empty: read fully, and metadata-only-change's.
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
        if (opaque.changeType().equals("comment")) {
            // COMMENT ON an object the model keeps no comment for (an index, a view, a type, an
            // extension, ...): read whole, and its lock is known; what is missing is the plan.
            return FindingBuilder.of(INFO, change, context)
                    .lock(PlainStatement.COMMENT_OBJECT_LOCK)
                    .what(
                            opaque.text()
                                    + ": COMMENT ON takes "
                                    + LockPhrase.withArticle(PlainStatement.COMMENT_OBJECT_LOCK)
                                    + " lock on the"
                                    + " object (a constraint's or trigger's table is only read),"
                                    + " which blocks no reads or writes,"
                                    + " but evoplan keeps no comment on this kind of object and"
                                    + " leaves it out of the plan")
                    .why(
                            "The comment is not applied unless someone runs it; a comment that"
                                    + " comes with its extension is the one CREATE EXTENSION sets,"
                                    + " and a dropped object's comment goes with it")
                    .fix(
                            "Run the COMMENT ON statement (IS NULL for a removed comment) at its"
                                    + " checkpoint, or pass over it when it only follows its object"
                                    + " being created or dropped")
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
        if (opaque.changeType().equals("extensionChange")) {
            // A Liquibase extension's change: the project's Liquibase has the extension, we do not.
            return FindingBuilder.of(INFO, change, context)
                    .what(opaque.text())
                    .why(
                            "The extension decides the SQL it runs on PostgreSQL, and so what it"
                                    + " locks and for how long; evoplan does not have it and reads"
                                    + " nothing of it")
                    .fix(
                            "Write it as Liquibase's own changes or as SQL evoplan can judge, or"
                                    + " give its changeset a dbms that leaves PostgreSQL out if it"
                                    + " is not meant to run there")
                    .list();
        }
        if (opaque.changeType().equals("program")) {
            // A migration file that is code (a Synapse .py delta, a Flyway script; the SQL
            // source's MigrationFile.PROGRAM): its text names the file and what runs it.
            return FindingBuilder.of(INFO, change, context)
                    .what(
                            opaque.text()
                                    + ", is code, not SQL: evoplan reads none of it, and what it"
                                    + " sends to PostgreSQL may take any lock, up to ACCESS"
                                    + " EXCLUSIVE, for as long as it runs, which would block all"
                                    + " reads and writes")
                    .why(
                            "A program can run any statement, scan or rewrite a large table or"
                                    + " change data, depending on what it finds; nothing in the"
                                    + " folder says which, and an unread migration must not pass"
                                    + " a gate as safe")
                    .fix(
                            "Read the code: list the statements it runs on PostgreSQL and what"
                                    + " they lock, and stage by hand any that block reads or"
                                    + " writes; where it only runs fixed SQL, write that as a SQL"
                                    + " migration evoplan can judge")
                    .list();
        }
        String[] readButUnplanned = readButUnplanned(opaque);
        if (readButUnplanned != null) {
            // The model reads these changes fully; what is missing is a plan, not the reading.
            return FindingBuilder.of(INFO, change, context)
                    .what(opaque.text())
                    .why(readButUnplanned[0])
                    .fix(readButUnplanned[1])
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

    /**
     * Why and how to stage the changes the differ reads fully but has no safe plan for, by their
     * change type; null for SQL evoplan did not read.
     */
    private static String[] readButUnplanned(Change.Opaque opaque) {
        if (opaque.extensionUpdate() != null) {
            return new String[] {
                "The update runs the extension's own scripts: what they lock, rewrite or reindex"
                        + " depends on the extension and the two versions, which evoplan does not"
                        + " read",
                "Read the extension's upgrade notes for these versions and run the update in a"
                        + " window if its scripts rewrite or reindex"
            };
        }
        return switch (opaque.changeType()) {
            case "enum" ->
                    new String[] {
                        "PostgreSQL cannot remove or reorder an enum label: the type must be made"
                                + " anew and every column of it converted, which rewrites their"
                                + " tables under ACCESS EXCLUSIVE",
                        "Create the new type, convert each column with ALTER COLUMN ... TYPE ..."
                                + " USING, then drop the old type; or keep the old label unused"
                    };
            case "generated column" ->
                    new String[] {
                        "A generation expression cannot be changed in place before PostgreSQL 17,"
                                + " and making the column anew rewrites the table and moves the"
                                + " column to the end",
                        "On PostgreSQL 17+ use ALTER COLUMN ... SET EXPRESSION AS (...) (it"
                                + " rewrites the table); otherwise add a new generated column,"
                                + " move readers to it, and drop the old one"
                    };
            default -> null;
        };
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
