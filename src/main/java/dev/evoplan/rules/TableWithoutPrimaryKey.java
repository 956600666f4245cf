package dev.evoplan.rules;

import java.util.List;

/**
 * EP610: a new table without a primary key: nothing identifies a row, so updates, deletes, logical
 * replication and backfills by key cannot address one.
 */
public final class TableWithoutPrimaryKey extends DesignRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "table-without-primary-key",
                    "EP610",
                    "A new table has no primary key",
                    Safety.ADVICE,
                    LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    List<Finding> review(DesignSubject s) {
        if (!s.tableIsNew() || s.table().primaryKey() != null) {
            return List.of();
        }
        return List.of(
                advise(
                        s,
                        s.table().name() + " has no primary key",
                        "The guide gives every entity an identity: without a key, a row cannot be updated, deleted or"
                                + " replicated by itself (logical replication refuses UPDATE and DELETE on it)",
                        "ALTER TABLE "
                                + s.sqlName()
                                + " ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid(); ALTER TABLE "
                                + s.sqlName()
                                + " ADD CONSTRAINT pk_"
                                + s.table().name().name()
                                + " PRIMARY KEY (id)"));
    }
}
