package dev.evoplan.verify;

import dev.evoplan.plan.StageKind;
import dev.evoplan.plan.Step;
import java.util.List;
import java.util.Objects;

/** What running a plan did: one entry per step, checkpoints included, in plan order. */
public record RunResult(List<StepRun> steps) {
    public RunResult {
        steps = List.copyOf(steps);
    }

    /** Time spent in SQL steps altogether, in milliseconds. */
    public long totalMillis() {
        return steps.stream().mapToLong(StepRun::durationMillis).sum();
    }

    /**
     * One step as it ran. A checkpoint is recorded but not run: its duration is 0.
     *
     * @param index the step's number in the plan, counted from 1 across all stages
     * @param durationMillis wall time from setting the step's timeouts to its commit
     */
    public record StepRun(
            int index, StageKind stage, Step.Kind kind, String description, long durationMillis) {
        public StepRun {
            Objects.requireNonNull(stage, "stage is null");
            Objects.requireNonNull(kind, "kind is null");
            Objects.requireNonNull(description, "description is null");
        }
    }
}
