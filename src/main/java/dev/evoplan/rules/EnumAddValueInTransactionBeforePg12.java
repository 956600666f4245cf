package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/**
 * EP214: before PostgreSQL 12, ALTER TYPE ... ADD VALUE refuses to run inside a transaction block,
 * and Liquibase runs every changeset in one unless told otherwise, so the migration fails.
 */
public final class EnumAddValueInTransactionBeforePg12 implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "enum-add-value-in-transaction-before-pg12",
                    "EP214",
                    "ALTER TYPE ADD VALUE fails inside a transaction before PostgreSQL 12",
                    Safety.DOWNTIME,
                    LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.ADD_ENUM_VALUE;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.AddEnumValue add) || context.pgVersion() >= 12) {
            return List.of();
        }
        String label = "ALTER TYPE " + add.type() + " ADD VALUE '" + add.value() + "'";
        if (context.mode() == Mode.AS_PLANNED) {
            return FindingBuilder.of(INFO, change, context)
                    .safety(Safety.SAFE)
                    .what(
                            "As planned on PostgreSQL "
                                    + context.pgVersion()
                                    + ", "
                                    + label
                                    + " runs on its own outside a transaction; it locks only the type, no table")
                    .why(
                            "PostgreSQL "
                                    + context.pgVersion()
                                    + " refuses ADD VALUE inside a transaction block;"
                                    + " run alone it is a catalog update")
                    .fix("Keep it in its own non-transactional step")
                    .list();
        }
        if (!context.inTransaction()) {
            return List.of();
        }
        return FindingBuilder.of(INFO, change, context)
                .what(
                        label
                                + " inside the changeset's transaction fails on PostgreSQL "
                                + context.pgVersion()
                                + " (ADD VALUE cannot run inside a transaction block); it would lock only the type, no table")
                .why(
                        "The migration stops at this changeset, so the release that needs the new label cannot go out")
                .fix(
                        "Put it in its own changeset with runInTransaction: false, or upgrade to PostgreSQL 12+")
                .list();
    }
}
