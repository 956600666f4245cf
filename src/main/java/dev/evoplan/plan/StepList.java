package dev.evoplan.plan;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.rules.LockLevel;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the steps one change plans. {@code lock_timeout} is filled in here, once, by the rule of
 * EVOLUTION.md: every statement that takes a lock stronger than SHARE UPDATE EXCLUSIVE on a table
 * that already exists waits at most that long, so a fast DDL stuck behind a long query does not
 * queue all traffic behind it.
 */
final class StepList {
    private final PlanContext ctx;
    private final String forChange;
    private final List<Draft> drafts = new ArrayList<>();

    StepList(PlanContext ctx, String forChange) {
        this.ctx = ctx;
        this.forChange = forChange;
    }

    /** A transactional statement with no lock until {@link Draft#lock} says otherwise. */
    Draft sql(StageKind stage, String sql, String description) {
        Draft d = new Draft(stage, Step.Kind.SQL, sql, description);
        drafts.add(d);
        return d;
    }

    void checkpoint(StageKind stage, String description) {
        drafts.add(new Draft(stage, Step.Kind.CHECKPOINT, null, description));
    }

    void addAll(StepList other) {
        drafts.addAll(other.drafts);
    }

    List<StagedStep> build() {
        return drafts.stream().map(this::finish).toList();
    }

    private StagedStep finish(Draft d) {
        if (d.kind == Step.Kind.CHECKPOINT) {
            return new StagedStep(d.stage, Step.checkpoint(d.description, forChange));
        }
        boolean strong = d.lock.compareTo(LockLevel.SHARE_UPDATE_EXCLUSIVE) > 0;
        String lockTimeout =
                strong && d.table != null && !d.onNewObject ? ctx.options().lockTimeout() : null;
        String onFailure = d.onFailure;
        if (onFailure == null && lockTimeout != null && d.transactional) {
            onFailure =
                    "lock_timeout ("
                            + lockTimeout
                            + ") expired waiting for "
                            + d.table
                            + ": nothing was changed; retry when the long-running transaction is gone";
        }
        Step step =
                new Step(
                        Step.Kind.SQL,
                        d.sql,
                        d.description,
                        d.transactional,
                        d.lock,
                        d.table,
                        lockTimeout,
                        d.statementTimeout,
                        d.rollback,
                        onFailure,
                        forChange,
                        d.backfill);
        return new StagedStep(d.stage, step);
    }

    /** One step being described. */
    final class Draft {
        private final StageKind stage;
        private final Step.Kind kind;
        private final String sql;
        private final String description;
        private boolean transactional = true;
        private LockLevel lock = LockLevel.NONE;
        private QualifiedName table;
        private boolean onNewObject;
        private String statementTimeout;
        private String rollback;
        private String onFailure;
        private Step.BackfillPromise backfill;

        private Draft(StageKind stage, Step.Kind kind, String sql, String description) {
            this.stage = stage;
            this.kind = kind;
            this.sql = sql;
            this.description = description;
        }

        /**
         * The lock taken on {@code on}; whether it is new (no lock_timeout needed) is looked up
         * now.
         */
        Draft lock(LockLevel level, QualifiedName on) {
            this.lock = level;
            this.table = on;
            this.onNewObject = on != null && ctx.isNew(on);
            return this;
        }

        Draft nonTransactional() {
            this.transactional = false;
            return this;
        }

        Draft rollback(String sql) {
            this.rollback = sql;
            return this;
        }

        Draft onFailure(String text) {
            this.onFailure = text;
            return this;
        }

        Draft backfill(Step.BackfillPromise promise) {
            this.backfill = promise;
            return this;
        }

        Draft statementTimeout(String value) {
            this.statementTimeout = value;
            return this;
        }
    }
}
