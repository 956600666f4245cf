package dev.evoplan.plan;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.rules.LockLevel;

/**
 * Makes an existing column NOT NULL without holding ACCESS EXCLUSIVE through a table scan.
 *
 * <ul>
 *   <li>PostgreSQL 18+: {@code ADD CONSTRAINT t_c_not_null NOT NULL c NOT VALID} (brief ACCESS
 *       EXCLUSIVE, no scan), then {@code VALIDATE CONSTRAINT} (scan under SHARE UPDATE EXCLUSIVE:
 *       reads and writes go on). The validated constraint is the very row a plain {@code SET NOT
 *       NULL} creates (same default name), so the result reads back the same.
 *   <li>PostgreSQL 12..17: a {@code CHECK (c IS NOT NULL) NOT VALID}, validated under SHARE UPDATE
 *       EXCLUSIVE; {@code SET NOT NULL} then trusts the validated check and skips its scan; the
 *       helper check is dropped.
 *   <li>Before 12: {@code SET NOT NULL} always scans under ACCESS EXCLUSIVE; there is no way around
 *       it, and the step says so.
 * </ul>
 */
final class NotNullPath {
    private NotNullPath() {}

    /** The name PostgreSQL gives a column's NOT NULL (18+) and the one our helper check uses. */
    static String constraintName(QualifiedName table, String column) {
        return SqlWriter.generatedName(table.name() + "_" + column, "_not_null");
    }

    /**
     * Adds the path's steps: the first statement in {@code firstStage} (EXPAND for a column that
     * already holds its values; VALIDATE for one that is filled by a backfill first, because a NOT
     * VALID constraint already rejects updated rows that are still NULL), the rest in VALIDATE.
     */
    static void plan(
            PlanContext ctx,
            StepList steps,
            QualifiedName table,
            String column,
            StageKind firstStage) {
        String t = table.sql();
        String c = SqlWriter.id(column);
        String name = constraintName(table, column);
        String setNotNull = SqlWriter.alterColumn(table, column, "SET NOT NULL");
        String dropNotNull = SqlWriter.alterColumn(table, column, "DROP NOT NULL");
        if (ctx.pgVersion() < 12) {
            steps.sql(
                            firstStage,
                            setNotNull,
                            "set "
                                    + table
                                    + "."
                                    + column
                                    + " NOT NULL: before PostgreSQL 12 this "
                                    + "scans the whole table under ACCESS EXCLUSIVE (reads and writes wait); no online path exists")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, table)
                    .rollback(dropNotNull);
        } else if (ctx.pgVersion() >= 18) {
            steps.sql(
                            firstStage,
                            "ALTER TABLE "
                                    + t
                                    + " ADD CONSTRAINT "
                                    + SqlWriter.id(name)
                                    + " NOT NULL "
                                    + c
                                    + " NOT VALID;",
                            "add NOT NULL on "
                                    + table
                                    + "."
                                    + column
                                    + " as NOT VALID: enforced for new rows, no scan")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, table)
                    .rollback(SqlWriter.dropConstraint(table, name));
            steps.sql(
                            StageKind.VALIDATE,
                            SqlWriter.validateConstraint(table, name),
                            "validate NOT NULL on "
                                    + table
                                    + "."
                                    + column
                                    + ": scans the table under SHARE UPDATE EXCLUSIVE"
                                    + " (reads and writes go on)")
                    .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, table)
                    .onFailure(nullsRemain(table, column));
        } else {
            steps.sql(
                            firstStage,
                            "ALTER TABLE "
                                    + t
                                    + " ADD CONSTRAINT "
                                    + SqlWriter.id(name)
                                    + " CHECK ("
                                    + c
                                    + " IS NOT NULL) NOT VALID;",
                            "add CHECK ("
                                    + column
                                    + " IS NOT NULL) as NOT VALID: enforced for new rows, no scan")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, table)
                    .rollback(SqlWriter.dropConstraint(table, name));
            steps.sql(
                            StageKind.VALIDATE,
                            SqlWriter.validateConstraint(table, name),
                            "validate the check: scans the table under SHARE UPDATE EXCLUSIVE (reads and writes go on)")
                    .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, table)
                    .onFailure(nullsRemain(table, column));
            steps.sql(
                            StageKind.VALIDATE,
                            setNotNull,
                            "set "
                                    + table
                                    + "."
                                    + column
                                    + " NOT NULL: no scan, PostgreSQL trusts the validated check")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, table)
                    .rollback(dropNotNull);
            steps.sql(
                            StageKind.VALIDATE,
                            SqlWriter.dropConstraint(table, name),
                            "drop the helper check, now implied by NOT NULL")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, table)
                    .rollback(
                            "ALTER TABLE "
                                    + t
                                    + " ADD CONSTRAINT "
                                    + SqlWriter.id(name)
                                    + " CHECK ("
                                    + c
                                    + " IS NOT NULL) NOT VALID;");
        }
        if (firstStage != StageKind.EXPAND || ctx.pgVersion() >= 12) {
            ctx.notNullOnlyAfterValidate(table, column);
        }
    }

    private static String nullsRemain(QualifiedName table, String column) {
        return "rows with "
                + column
                + " IS NULL remain (SELECT count(*) FROM "
                + table.sql()
                + " WHERE "
                + SqlWriter.id(column)
                + " IS NULL): fill them, then run this step again";
    }
}
