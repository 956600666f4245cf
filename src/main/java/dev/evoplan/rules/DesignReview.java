package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Runs the design rules (EP6xx): over a whole schema for {@code doc}, or over what a change adds
 * (new tables, new columns and constraints on existing ones) for check, plan and lint, so that a
 * pull request is told about the design debt it brings and not about the debt it found.
 */
public final class DesignReview {
    private static final Comparator<Finding> ORDER =
            Comparator.comparing((Finding f) -> f.table() == null ? "" : f.table().toString())
                    .thenComparing(
                            f ->
                                    RuleCatalogue.byId(f.ruleId())
                                            .map(r -> r.info().code())
                                            .orElse(f.ruleId()))
                    .thenComparing(Finding::what);

    private DesignReview() {}

    /** Every advisory on every table of {@code schema}, sorted by table, rule code and wording. */
    public static List<Finding> reviewSchema(Schema schema) {
        Objects.requireNonNull(schema, "schema is null");
        List<Finding> out = new ArrayList<>();
        for (Table t : schema.tables().values()) {
            out.addAll(review(new DesignSubject(t, schema, null)));
        }
        out.sort(ORDER);
        return List.copyOf(out);
    }

    /**
     * The advisories on what {@code after} adds to {@code before}: new tables whole, and the new
     * columns and constraints of tables that existed; plus hard deletes among {@code changes}.
     */
    public static List<Finding> reviewAdded(Schema before, Schema after, List<Change> changes) {
        Objects.requireNonNull(before, "before is null");
        Objects.requireNonNull(after, "after is null");
        List<Finding> out = new ArrayList<>();
        Schema.forEachChangedTable(
                before,
                after,
                (old, now) -> {
                    if (now != null) {
                        out.addAll(review(new DesignSubject(now, after, old)));
                    }
                });
        for (Change c : changes) {
            if (c instanceof Change.DataChange data) {
                out.addAll(HardDeleteOnStatusTable.review(data, after));
            }
        }
        out.sort(ORDER);
        return List.copyOf(out);
    }

    private static List<Finding> review(DesignSubject subject) {
        List<Finding> out = new ArrayList<>();
        for (Rule rule : RuleCatalogue.all()) {
            if (rule instanceof DesignRule design) {
                out.addAll(design.review(subject));
            }
        }
        return out;
    }
}
