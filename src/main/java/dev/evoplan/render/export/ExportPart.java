package dev.evoplan.render.export;

import dev.evoplan.plan.StageKind;
import dev.evoplan.plan.Step;
import java.util.List;
import java.util.Objects;

/**
 * The steps that run together, between two checkpoints: one file (or changelog, or Flyway folder)
 * of an export. A team runs a part, does what the checkpoints after it say, then runs the next.
 *
 * @param number 1-based
 * @param steps the SQL steps in plan order, each with its stage
 * @param firstStep the plan-wide number of the first step (as the text report numbers steps)
 * @param stopsAfter the checkpoints to carry out before the next part runs (deploys, work by hand)
 */
public record ExportPart(int number, List<PartStep> steps, List<Step> stopsAfter) {
    public ExportPart {
        steps = List.copyOf(steps);
        stopsAfter = List.copyOf(stopsAfter);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a part has at least one SQL step");
        }
    }

    /** A SQL step with its stage and its number in the whole plan. */
    public record PartStep(int number, StageKind stage, Step step) {
        public PartStep {
            Objects.requireNonNull(stage, "stage is null");
            if (step.kind() != Step.Kind.SQL) {
                throw new IllegalArgumentException("only SQL steps run in a part");
            }
        }
    }

    /** {@code 01-expand}, {@code 02-expand-backfill}: the part number and the stages it holds. */
    public String name() {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%02d", number));
        steps.stream()
                .map(PartStep::stage)
                .distinct()
                .forEach(s -> sb.append('-').append(s.label()));
        return sb.toString();
    }
}
