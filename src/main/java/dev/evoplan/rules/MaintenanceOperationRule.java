package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;
import java.util.Objects;

/**
 * A rule about one maintenance operation (REINDEX, REFRESH MATERIALIZED VIEW, VACUUM, DROP
 * DATABASE, ...): it sees only {@link Change.Maintenance} changes of that operation, so each such
 * rule states what it judges instead of repeating the same dispatch.
 */
abstract class MaintenanceOperationRule implements ChangeRule {
    private final RuleInfo info;
    private final Change.Maintenance.Operation operation;

    MaintenanceOperationRule(RuleInfo info, Change.Maintenance.Operation operation) {
        this.info = Objects.requireNonNull(info, "info is null");
        this.operation = Objects.requireNonNull(operation, "operation is null");
    }

    @Override
    public final RuleInfo info() {
        return info;
    }

    @Override
    public final boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.MAINTENANCE;
    }

    @Override
    public final List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.Maintenance m) || m.operation() != operation) {
            return List.of();
        }
        return judge(m, context);
    }

    /**
     * The findings for one change of this rule's operation. Named apart from {@link #check}: an
     * overload would let a caller holding a {@code Change.Maintenance} skip the operation check.
     */
    abstract List<Finding> judge(Change.Maintenance change, JudgeContext context);
}
