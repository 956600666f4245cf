package dev.evoplan.rules;

import dev.evoplan.model.MigrationStatement;
import java.util.List;

/**
 * EP224: a statement written with a form the target major ({@code --pg-version}) does not have
 * ({@link PostgresFeature}): the server refuses it with an error, so the deploy stops at it and the
 * migration is left half-applied. Judged per linted statement, like EP302.
 */
public final class StatementNeedsNewerPostgres implements StatementRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "statement-needs-newer-postgres",
                    "EP224",
                    "The statement uses a form the target PostgreSQL major does not have: the server refuses it",
                    Safety.DOWNTIME,
                    LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /**
     * One finding per feature the statement uses that PostgreSQL {@code context.pgVersion()}
     * refuses.
     */
    @Override
    public List<Finding> checkStatement(
            MigrationStatement statement, List<Finding> perChange, JudgeContext context) {
        return checkStatement(statement, context);
    }

    /**
     * As {@link #checkStatement(MigrationStatement, List, JudgeContext)}: the findings on its
     * changes do not matter.
     */
    public List<Finding> checkStatement(MigrationStatement statement, JudgeContext context) {
        int major = context.pgVersion();
        String sql = String.join("\n", statement.change().writtenSql());
        return PostgresFeature.refusedBy(major, sql).stream()
                .map(
                        f ->
                                new Finding(
                                        INFO.id(),
                                        Safety.DOWNTIME,
                                        LockLevel.NONE,
                                        statement.change().table(),
                                        "PostgreSQL "
                                                + major
                                                + " refuses this: the deploy stops here. It uses "
                                                + f.label()
                                                + ", which PostgreSQL "
                                                + f.since()
                                                + " introduced"
                                                + (f == PostgresFeature.GEN_RANDOM_UUID
                                                        ? " (before that only the pgcrypto extension provides it)"
                                                        : ""),
                                        "The statement fails with an error on PostgreSQL "
                                                + major
                                                + "; every statement before it in"
                                                + " the migration has run (or, in one transaction, is rolled back) and nothing after it runs",
                                        fix(f, major),
                                        null,
                                        statement.change().origin(),
                                        statement.change().writtenSql(),
                                        null))
                .toList();
    }

    private static String fix(PostgresFeature f, int major) {
        String upgrade =
                "Upgrade the server to PostgreSQL "
                        + f.since()
                        + " or later, or pass the --pg-version it"
                        + " really runs if "
                        + major
                        + " is wrong";
        return switch (f) {
            case REINDEX_CONCURRENTLY ->
                    upgrade + "; before 12, build a new index CONCURRENTLY and drop the old one";
            case GENERATED_STORED, GENERATED_VIRTUAL ->
                    upgrade + "; otherwise fill a plain column from a trigger";
            case GEN_RANDOM_UUID ->
                    upgrade
                            + "; otherwise CREATE EXTENSION pgcrypto first (if it is installed already,"
                            + " suppress this finding with that reason)";
            case DETACH_PARTITION_CONCURRENTLY ->
                    upgrade
                            + "; before 14, DETACH PARTITION without CONCURRENTLY takes"
                            + " ACCESS EXCLUSIVE on the parent";
            case NULLS_NOT_DISTINCT ->
                    upgrade
                            + "; otherwise a unique index on coalesce(col, sentinel) treats NULLs"
                            + " as equal";
            case MERGE -> upgrade + "; otherwise use INSERT ... ON CONFLICT and UPDATE/DELETE";
            case SET_COMPRESSION -> upgrade + "; before 14 every column is compressed with pglz";
            case SET_ACCESS_METHOD ->
                    upgrade
                            + "; before 15, create a new table USING the access method, copy the"
                            + " rows and swap the names";
            case NOT_NULL_CONSTRAINT ->
                    upgrade
                            + "; before 18, add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it,"
                            + " then SET NOT NULL (no scan from 12)";
        };
    }
}
