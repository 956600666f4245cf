package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/**
 * EP221: ALTER DOMAIN ... ADD CONSTRAINT checks every column of that domain in every table, each
 * under a SHARE lock that blocks writes for the whole scan; NOT VALID skips the check.
 */
public final class AddDomainConstraintScansColumns extends MaintenanceOperationRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "add-domain-constraint-scans-columns",
                    "EP221",
                    "ALTER DOMAIN ADD CONSTRAINT scans every table with a column of the domain, blocking writes",
                    Safety.DOWNTIME,
                    LockLevel.SHARE);

    public AddDomainConstraintScansColumns() {
        super(INFO, Change.Maintenance.Operation.ADD_DOMAIN_CONSTRAINT);
    }

    @Override
    List<Finding> judge(Change.Maintenance m, JudgeContext context) {
        if (PlainStatement.notValid(m.text())) {
            return List.of();
        }
        String on =
                m.table() == null
                        ? "every table with a column of the domain"
                        : m.table() + " (and every other table with a column of the domain)";
        TableSize size = TableSize.of(m.table(), context);
        return FindingBuilder.of(INFO, m, context)
                .sized(size)
                .lock(LockLevel.SHARE)
                .what(
                        m.summary()
                                + " "
                                + LockPhrase.takes(LockLevel.SHARE, on, LockPhrase.WHOLE_SCAN)
                                + ": PostgreSQL checks every existing value of the domain against the new constraint")
                .why(
                        "Writes to each of those tables wait until its scan is done"
                                + size.smallClause())
                .fix(
                        "Add the constraint NOT VALID (existing values are not checked, no table is scanned), then"
                                + " run ALTER DOMAIN ... VALIDATE CONSTRAINT, which scans without blocking writes")
                .list();
    }
}
