package dev.evoplan.render.export;

import dev.evoplan.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One folder per part, one versioned migration per step: {@code
 * 01-expand/V01_003__add_column_x.sql}. Flyway runs each file in one transaction, so a step's
 * timeouts are {@code SET LOCAL}; a step that must not run in one gets a {@code .conf} beside it
 * with {@code executeInTransaction=false} and sets its timeouts for the session, putting them back
 * after. A checkpoint is the end of a folder: a team migrates with the folders up to it in {@code
 * locations}, deploys, then adds the next folder.
 */
final class FlywayExport {
    private static final int SLUG_LENGTH = 60;

    private FlywayExport() {}

    static List<ExportedFile> files(ExportParts.Cut cut, String source) {
        List<ExportedFile> files = new ArrayList<>();
        int count = cut.parts().size();
        for (ExportPart part : cut.parts()) {
            List<ExportPart.PartStep> steps = part.steps();
            for (int i = 0; i < steps.size(); i++) {
                ExportPart.PartStep s = steps.get(i);
                Step step = s.step();
                String base =
                        part.name()
                                + "/"
                                + String.format(
                                        Locale.ROOT,
                                        "V%02d_%03d__%s",
                                        part.number(),
                                        i + 1,
                                        slug(step.description()));
                List<String> lines = new ArrayList<>();
                lines.add(
                        "-- evoplan plan export: part "
                                + part.number()
                                + " of "
                                + count
                                + ", "
                                + source);
                if (i == 0 && part.number() == 1) {
                    Stops.before(cut).forEach(l -> lines.add("-- " + l));
                }
                StepSql.comment("-- ", StepSql.title(s)).forEach(lines::add);
                StepSql.facts(step).forEach(f -> StepSql.comment("--   ", f).forEach(lines::add));
                if (step.transactional()) {
                    StepSql.set(step, true).forEach(x -> lines.add(x + ";"));
                    lines.add(StepSql.script(step));
                } else {
                    lines.add(
                            "-- "
                                    + StepSql.OUTSIDE
                                    + " (executeInTransaction=false in the .conf beside this file)");
                    StepSql.set(step, false).forEach(x -> lines.add(x + ";"));
                    lines.add(StepSql.script(step));
                    StepSql.reset(step).forEach(x -> lines.add(x + ";"));
                    files.add(new ExportedFile(base + ".sql.conf", "executeInTransaction=false\n"));
                }
                if (i == steps.size() - 1 && !part.stopsAfter().isEmpty()) {
                    String next =
                            part.number() < count
                                    ? cut.parts().get(part.number()).name() + "/"
                                    : null;
                    lines.add("");
                    Stops.after(part, next).forEach(l -> lines.add(("-- " + l).stripTrailing()));
                }
                files.add(new ExportedFile(base + ".sql", String.join("\n", lines) + "\n"));
            }
        }
        return files;
    }

    /**
     * The description as a Flyway description: lower-case letters and digits joined by single
     * underscores.
     */
    static String slug(String description) {
        StringBuilder sb = new StringBuilder();
        for (char c : description.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                sb.append(c);
            } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '_') {
                sb.append('_');
            }
            if (sb.length() >= SLUG_LENGTH) {
                break;
            }
        }
        String s = sb.toString().replaceAll("_+$", "");
        return s.isEmpty() ? "step" : s;
    }
}
