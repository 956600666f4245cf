package dev.evoplan.plan;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.rules.LockLevel;
import java.util.Objects;

/**
 * One statement to run, or one deploy checkpoint.
 *
 * @param sql the statement (for {@link Kind#SQL}), or null for a checkpoint
 * @param description what the step does, or (checkpoint) what must be deployed
 * @param transactional false where the statement refuses to run in a transaction ({@code CREATE
 *     INDEX CONCURRENTLY}) or commits by itself (batched backfill)
 * @param lock the strongest lock it takes on {@code table}
 * @param table the table it locks, or null
 * @param lockTimeout e.g. {@code 5s}, set before the statement, or null
 * @param statementTimeout e.g. {@code 0} (none) for long validations, or null
 * @param rollback the statement that undoes it, or null where none exists
 * @param onFailure what to do if it fails (e.g. drop the INVALID index and retry), or null
 * @param forChange the summary of the change this step belongs to
 * @param backfill for a backfill step, the values it promises to leave (verify checks them on
 *     sampled rows), or null
 */
public record Step(
        Kind kind,
        String sql,
        String description,
        boolean transactional,
        LockLevel lock,
        QualifiedName table,
        String lockTimeout,
        String statementTimeout,
        String rollback,
        String onFailure,
        String forChange,
        BackfillPromise backfill) {
    /** A statement or a checkpoint. */
    public enum Kind {
        SQL,
        CHECKPOINT
    }

    public Step {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(description, "description is null");
        Objects.requireNonNull(lock, "lock is null");
        if (kind == Kind.SQL) {
            Objects.requireNonNull(sql, "sql is null");
        }
    }

    /** A step that fills no column. */
    public Step(
            Kind kind,
            String sql,
            String description,
            boolean transactional,
            LockLevel lock,
            QualifiedName table,
            String lockTimeout,
            String statementTimeout,
            String rollback,
            String onFailure,
            String forChange) {
        this(
                kind,
                sql,
                description,
                transactional,
                lock,
                table,
                lockTimeout,
                statementTimeout,
                rollback,
                onFailure,
                forChange,
                null);
    }

    /**
     * What a backfill step leaves behind: every row of {@code table} on which {@code needs} held
     * has {@code column} set to {@code expression}, read in terms of the row's columns. Only an
     * {@code exact} promise can be compared row by row afterwards (a copy or a conversion of
     * another column); a volatile one ({@code nextval}, {@code now()}) is checked by no row still
     * needing a value.
     */
    public record BackfillPromise(
            QualifiedName table, String column, String expression, String needs, boolean exact) {
        public BackfillPromise {
            Objects.requireNonNull(table, "table is null");
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(expression, "expression is null");
            Objects.requireNonNull(needs, "needs is null");
        }
    }

    /** This step with the values it promises to fill. */
    public Step withBackfill(BackfillPromise promise) {
        return new Step(
                kind,
                sql,
                description,
                transactional,
                lock,
                table,
                lockTimeout,
                statementTimeout,
                rollback,
                onFailure,
                forChange,
                promise);
    }

    public static Step checkpoint(String description, String forChange) {
        return new Step(
                Kind.CHECKPOINT,
                null,
                description,
                true,
                LockLevel.NONE,
                null,
                null,
                null,
                null,
                null,
                forChange);
    }
}
