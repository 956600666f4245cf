package dev.evoplan.rules;

import dev.evoplan.model.Origin;
import java.util.List;

/**
 * One of the guide's schema design rules: an advisory about how a table is designed, not a hazard
 * of running a change. The per-change judge never asks it; {@link DesignReview} runs it over new
 * tables and columns (check, plan, lint) or over a whole schema (doc). Its findings are {@link
 * Safety#ADVICE} and take no lock.
 */
abstract non-sealed class DesignRule implements Rule {
    @Override
    public final Subject subject() {
        return Subject.DESIGN;
    }

    /** The advisories on one table; only about what {@code subject} says is new. */
    abstract List<Finding> review(DesignSubject subject);

    /** An advisory of this rule on the subject's table. */
    final Finding advise(DesignSubject subject, String what, String why, String fix) {
        return new Finding(
                info().id(),
                Safety.ADVICE,
                LockLevel.NONE,
                subject.table().name(),
                what,
                why,
                fix,
                null,
                Origin.UNKNOWN,
                List.of(),
                null);
    }
}
