package dev.evoplan.render.export;

import dev.evoplan.plan.Plan;
import dev.evoplan.plan.Stage;
import dev.evoplan.plan.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a plan into parts at its checkpoints. Every checkpoint stops a run: a deploy must happen, or
 * work evoplan cannot write (a backfill to review and run by hand) must be done, before the steps
 * after it may run. Checkpoints in a row make one stop; a checkpoint before the first SQL step is
 * reported as a stop before part 1.
 */
public final class ExportParts {
    private ExportParts() {}

    /** The parts in run order, and the checkpoints that come before the first SQL step. */
    public record Cut(List<Step> stopsBefore, List<ExportPart> parts) {
        public Cut {
            stopsBefore = List.copyOf(stopsBefore);
            parts = List.copyOf(parts);
        }

        /** Every checkpoint of the plan, in order: none is dropped by the cut. */
        public List<Step> stops() {
            List<Step> all = new ArrayList<>(stopsBefore);
            parts.forEach(p -> all.addAll(p.stopsAfter()));
            return all;
        }
    }

    public static Cut cut(Plan plan) {
        List<Step> before = new ArrayList<>();
        List<ExportPart> parts = new ArrayList<>();
        List<ExportPart.PartStep> current = new ArrayList<>();
        List<Step> stops = new ArrayList<>();
        int number = 0;
        for (Stage stage : plan.stages()) {
            for (Step step : stage.steps()) {
                number++;
                switch (step.kind()) {
                    case CHECKPOINT -> {
                        if (current.isEmpty() && parts.isEmpty()) {
                            before.add(step);
                        } else {
                            stops.add(step);
                        }
                    }
                    case SQL -> {
                        if (!stops.isEmpty()) {
                            parts.add(new ExportPart(parts.size() + 1, current, stops));
                            current = new ArrayList<>();
                            stops = new ArrayList<>();
                        }
                        current.add(new ExportPart.PartStep(number, stage.kind(), step));
                    }
                }
            }
        }
        if (!current.isEmpty()) {
            parts.add(new ExportPart(parts.size() + 1, current, stops));
        }
        return new Cut(before, parts);
    }
}
