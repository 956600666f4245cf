package dev.evoplan.plan;

import java.util.List;
import java.util.Objects;

/** One phase of the plan with its steps in order. */
public record Stage(StageKind kind, List<Step> steps) {
    public Stage {
        Objects.requireNonNull(kind, "kind is null");
        steps = List.copyOf(steps);
    }
}
