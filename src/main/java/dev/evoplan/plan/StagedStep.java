package dev.evoplan.plan;

import java.util.Objects;

/** A step with the stage it belongs to, before the planner groups steps into stages. */
record StagedStep(StageKind stage, Step step) {
    StagedStep {
        Objects.requireNonNull(stage, "stage is null");
        Objects.requireNonNull(step, "step is null");
    }
}
