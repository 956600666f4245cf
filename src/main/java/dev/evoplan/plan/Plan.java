package dev.evoplan.plan;

import java.util.List;

/** A staged migration: non-empty stages in {@link StageKind} order. */
public record Plan(List<Stage> stages) {
    public static final Plan EMPTY = new Plan(List.of());

    public Plan {
        stages = List.copyOf(stages);
    }

    public boolean isEmpty() {
        return stages.stream().allMatch(s -> s.steps().isEmpty());
    }

    /** All steps in the order they run. */
    public List<Step> steps() {
        return stages.stream().flatMap(s -> s.steps().stream()).toList();
    }
}
