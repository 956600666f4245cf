package dev.evoplan.render;

import dev.evoplan.engine.Analysis;
import dev.evoplan.plan.FindingWithFix;

/** How many findings an analysis has of each safety. */
record Tally(int safe, int multiStep, int needsReview, int downtime) {

    static Tally of(Analysis analysis) {
        return of(analysis.verdicts());
    }

    static Tally of(java.util.List<FindingWithFix> verdicts) {
        int safe = 0;
        int multiStep = 0;
        int needsReview = 0;
        int downtime = 0;
        for (FindingWithFix v : verdicts) {
            switch (v.finding().safety()) {
                // Advisories are not verdicts on a change: the counts a gate reads stay as they
                // were.
                case ADVICE -> {}
                case SAFE -> safe++;
                case MULTI_STEP -> multiStep++;
                case NEEDS_REVIEW -> needsReview++;
                case DOWNTIME -> downtime++;
            }
        }
        return new Tally(safe, multiStep, needsReview, downtime);
    }

    /**
     * Worst first, every count always present, so a reader (or a grep) finds the same words each
     * time.
     */
    String sentence() {
        return downtime
                + " downtime, "
                + multiStep
                + " multi-step, "
                + needsReview
                + " needs review, "
                + safe
                + " safe";
    }
}
