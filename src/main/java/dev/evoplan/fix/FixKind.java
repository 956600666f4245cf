package dev.evoplan.fix;

/** The findings whose safe form is a mechanical rewrite of the statement as written. */
public enum FixKind {
    /**
     * EP101: {@code CREATE INDEX} becomes {@code CREATE INDEX CONCURRENTLY}, outside a transaction.
     */
    CREATE_INDEX_CONCURRENTLY(dev.evoplan.rules.CreateIndexNonConcurrent.ID),
    /** EP102: {@code DROP INDEX} becomes {@code DROP INDEX CONCURRENTLY}, outside a transaction. */
    DROP_INDEX_CONCURRENTLY(dev.evoplan.rules.DropIndexNonConcurrent.ID),
    /**
     * EP210: {@code ADD CONSTRAINT c CHECK (...)} becomes {@code ... NOT VALID} and {@code VALIDATE
     * CONSTRAINT c}.
     */
    CHECK_NOT_VALID(dev.evoplan.rules.AddCheckScansTable.ID),
    /**
     * EP211: {@code ADD CONSTRAINT c FOREIGN KEY ...} becomes {@code ... NOT VALID} and {@code
     * VALIDATE CONSTRAINT c}.
     */
    FOREIGN_KEY_NOT_VALID(dev.evoplan.rules.AddForeignKeyScansBothTables.ID),
    /** EP302: {@code SET lock_timeout} before the file's first statement. */
    LOCK_TIMEOUT(dev.evoplan.rules.StrongLockWithoutLockTimeout.ID);

    private final String ruleId;

    FixKind(String ruleId) {
        this.ruleId = ruleId;
    }

    /** The rule whose finding this fixes. */
    public String ruleId() {
        return ruleId;
    }

    /** The fix for a rule, or null when its finding has no mechanical fix. */
    public static FixKind forRule(String ruleId) {
        for (FixKind k : values()) {
            if (k.ruleId.equals(ruleId)) {
                return k;
            }
        }
        return null;
    }
}
