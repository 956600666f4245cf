package dev.evoplan.render.export;

import dev.evoplan.plan.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The changesets of a part, the same for YAML and XML: one per step, each statement its own {@code
 * sql} change with {@code splitStatements: false} (Liquibase's own splitter does not know
 * dollar-quoted bodies), the step's timeouts first. A transactional changeset runs in one
 * transaction, so the timeouts are {@code SET LOCAL}; one with {@code runInTransaction: false} runs
 * in autocommit, so they are set for the session and put back after.
 */
final class LiquibaseChangeSets {
    private LiquibaseChangeSets() {}

    /**
     * One changeset: its id, comment, whether it runs in a transaction, and its statements in
     * order.
     */
    record ChangeSet(
            String id, String comment, boolean runInTransaction, List<String> statements) {}

    static List<ChangeSet> of(ExportPart part) {
        List<ChangeSet> out = new ArrayList<>();
        List<ExportPart.PartStep> steps = part.steps();
        for (int i = 0; i < steps.size(); i++) {
            ExportPart.PartStep s = steps.get(i);
            Step step = s.step();
            List<String> statements = new ArrayList<>(StepSql.set(step, step.transactional()));
            statements.addAll(StepSql.statements(step));
            if (!step.transactional()) {
                statements.addAll(StepSql.reset(step));
            }
            List<String> comment = new ArrayList<>();
            comment.add(StepSql.title(s));
            comment.addAll(StepSql.facts(step));
            if (!step.transactional()) {
                comment.add(StepSql.OUTSIDE);
            }
            out.add(
                    new ChangeSet(
                            String.format(java.util.Locale.ROOT, "%s-%03d", part.name(), i + 1),
                            String.join("\n", comment),
                            step.transactional(),
                            statements));
        }
        return out;
    }

    /** The changelog's file name for a part. */
    static String fileName(ExportPart part, String extension) {
        return part.name() + "." + extension;
    }

    /** The header comment lines of a part's changelog (without comment markers). */
    static List<String> header(
            ExportParts.Cut cut, ExportPart part, String source, String extension) {
        List<String> lines = new ArrayList<>();
        lines.add(
                "evoplan plan export: part "
                        + part.number()
                        + " of "
                        + cut.parts().size()
                        + ", "
                        + source);
        lines.add(
                "Run with: liquibase update --changelog-file="
                        + fileName(part, extension)
                        + " (each part alone: a checkpoint separates it from the next)");
        if (part.number() == 1) {
            lines.addAll(Stops.before(cut));
        }
        return lines;
    }

    /**
     * The closing checkpoint comment lines of a part (without markers); empty when the part ends at
     * no checkpoint.
     */
    static List<String> footer(ExportParts.Cut cut, ExportPart part, String extension) {
        if (part.stopsAfter().isEmpty()) {
            return List.of();
        }
        String next =
                part.number() < cut.parts().size()
                        ? fileName(cut.parts().get(part.number()), extension)
                        : null;
        return Stops.after(part, next);
    }
}
