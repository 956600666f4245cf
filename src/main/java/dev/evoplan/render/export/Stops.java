package dev.evoplan.render.export;

import dev.evoplan.plan.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The words of a checkpoint in an export, the same in every format (comment markers are the
 * caller's).
 */
final class Stops {
    private Stops() {}

    /** What must be done before part 1 runs; empty when nothing. */
    static List<String> before(ExportParts.Cut cut) {
        if (cut.stopsBefore().isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("CHECKPOINT before this part: do this first.");
        cut.stopsBefore().forEach(s -> lines.addAll(item(s)));
        return lines;
    }

    /**
     * The checkpoint at the end of {@code part}: stop, do each thing, then run {@code next} (null
     * for the last part).
     */
    static List<String> after(ExportPart part, String next) {
        List<String> lines = new ArrayList<>();
        lines.add(
                "CHECKPOINT: stop here. "
                        + (next == null
                                ? "To finish the migration:"
                                : "Before running " + next + ":"));
        part.stopsAfter().forEach(s -> lines.addAll(item(s)));
        return lines;
    }

    private static List<String> item(Step checkpoint) {
        List<String> lines = new ArrayList<>(StepSql.comment("    ", checkpoint.description()));
        lines.set(0, "  - " + lines.get(0).strip());
        return lines;
    }
}
