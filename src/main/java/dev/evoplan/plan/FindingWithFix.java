package dev.evoplan.plan;

import dev.evoplan.rules.Finding;
import java.util.List;
import java.util.Objects;

/**
 * A finding with the planner's safe replacement for the change it judges ("instead of" the
 * finding's written SQL, "use" these steps); empty where nothing safer exists.
 */
public record FindingWithFix(Finding finding, List<Step> fix) {
    public FindingWithFix {
        Objects.requireNonNull(finding, "finding is null");
        fix = List.copyOf(fix);
    }

    /**
     * {@code finding} as a report that only counts it keeps it ({@link Finding#counted()}), without
     * a fix.
     */
    public static FindingWithFix counted(Finding finding) {
        return new FindingWithFix(finding.counted(), List.of());
    }
}
