package dev.evoplan.render.export;

import dev.evoplan.plan.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * One psql script per part. {@code ON_ERROR_STOP} makes psql stop at the first error (its default
 * is to go on); each transactional step is its own {@code BEGIN ... COMMIT} with {@code SET LOCAL}
 * timeouts; a step that must not run in a transaction runs alone in autocommit between {@code SET}
 * and {@code RESET}. A part that ends at a checkpoint ends in {@code \quit}, so {@code cat *.sql |
 * psql} stops there too.
 */
final class PsqlExport {
    private PsqlExport() {}

    static List<ExportedFile> files(ExportParts.Cut cut, String source) {
        List<ExportedFile> files = new ArrayList<>();
        int count = cut.parts().size();
        for (ExportPart part : cut.parts()) {
            List<String> lines = new ArrayList<>();
            lines.add(
                    "-- evoplan plan export: part "
                            + part.number()
                            + " of "
                            + count
                            + ", "
                            + source);
            lines.add(
                    "-- Run with: psql -X -f "
                            + fileName(part)
                            + " (the connection from -d or the PG* variables)");
            if (part.number() == 1) {
                Stops.before(cut).forEach(l -> lines.add("-- " + l));
            }
            lines.add("\\set ON_ERROR_STOP on");
            for (ExportPart.PartStep s : part.steps()) {
                lines.add("");
                StepSql.comment("-- ", StepSql.title(s)).forEach(lines::add);
                StepSql.facts(s.step())
                        .forEach(f -> StepSql.comment("--   ", f).forEach(lines::add));
                step(lines, s.step());
            }
            if (!part.stopsAfter().isEmpty()) {
                lines.add("");
                String next =
                        part.number() < count ? fileName(cut.parts().get(part.number())) : null;
                Stops.after(part, next).forEach(l -> lines.add(("-- " + l).stripTrailing()));
                lines.add(
                        "\\echo 'evoplan: checkpoint: read the comment at the end of "
                                + fileName(part)
                                + (next == null ? "" : " before running " + next)
                                + "'");
                lines.add("\\quit");
            }
            files.add(new ExportedFile(fileName(part), String.join("\n", lines) + "\n"));
        }
        return files;
    }

    static String fileName(ExportPart part) {
        return part.name() + ".sql";
    }

    private static void step(List<String> lines, Step step) {
        if (step.transactional()) {
            lines.add("BEGIN;");
            StepSql.set(step, true).forEach(s -> lines.add(s + ";"));
            lines.add(StepSql.script(step));
            lines.add("COMMIT;");
        } else {
            lines.add("-- " + StepSql.OUTSIDE);
            StepSql.set(step, false).forEach(s -> lines.add(s + ";"));
            lines.add(StepSql.script(step));
            StepSql.reset(step).forEach(s -> lines.add(s + ";"));
        }
    }
}
