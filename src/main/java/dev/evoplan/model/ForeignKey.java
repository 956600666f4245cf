package dev.evoplan.model;

import java.util.List;
import java.util.Objects;

/** A FOREIGN KEY constraint; {@code validated} is false while it is {@code NOT VALID}. */
public record ForeignKey(
        String name,
        List<String> columns,
        QualifiedName target,
        List<String> targetColumns,
        ReferentialAction onDelete,
        ReferentialAction onUpdate,
        boolean deferrable,
        boolean initiallyDeferred,
        boolean validated) {
    public ForeignKey {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(target, "target is null");
        Objects.requireNonNull(onDelete, "onDelete is null");
        Objects.requireNonNull(onUpdate, "onUpdate is null");
        columns = List.copyOf(columns);
        targetColumns = List.copyOf(targetColumns);
    }

    /** Same definition, ignoring whether it has been validated yet. */
    public boolean sameDefinition(ForeignKey o) {
        return columns.equals(o.columns)
                && target.equals(o.target)
                && targetColumns.equals(o.targetColumns)
                && onDelete == o.onDelete
                && onUpdate == o.onUpdate
                && deferrable == o.deferrable
                && initiallyDeferred == o.initiallyDeferred;
    }
}
