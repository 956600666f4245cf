package dev.evoplan.verify;

import dev.evoplan.plan.StageKind;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.LockLevel;
import java.util.List;
import java.util.Objects;

/**
 * What verifying a plan on a real PostgreSQL showed: the seeded rows, each step as observed against
 * its prediction, and whether the result is the target schema.
 *
 * @param serverVersion the server's {@code server_version}
 * @param server where it ran: "embedded", or "at" the user's server's redacted URL
 * @param failure the step error or setup problem that stopped the run, or null
 * @param schemaDifferences what still differs between the catalog and the target (empty when it
 *     matches)
 * @param replanSteps steps of a plan from the catalog to the target (0 when nothing is left to do)
 */
public record VerifyReport(
        String from,
        String to,
        int pgVersion,
        String serverVersion,
        String server,
        List<SeedResult> seeded,
        List<StepCheck> steps,
        String failure,
        List<String> schemaDifferences,
        int replanSteps,
        long totalMillis) {
    public VerifyReport {
        Objects.requireNonNull(from, "from is null");
        Objects.requireNonNull(to, "to is null");
        seeded = List.copyOf(seeded);
        steps = List.copyOf(steps);
        schemaDifferences = List.copyOf(schemaDifferences);
    }

    /** True when every step ran as predicted and the result is the target schema. */
    public boolean passed() {
        return failure == null
                && schemaDifferences.isEmpty()
                && replanSteps == 0
                && steps.stream().allMatch(s -> s.verdict() == StepVerdict.OK);
    }

    public long mismatches() {
        return steps.stream().filter(s -> s.verdict() != StepVerdict.OK).count();
    }

    /** A step's verdict. */
    public enum StepVerdict {
        /** As predicted (or a checkpoint). */
        OK,
        /** A stronger lock than predicted, or a rewrite the prediction does not allow. */
        MISMATCH,
        /** PostgreSQL refused the step. */
        FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One plan step as it ran.
     *
     * @param index the step's number in the plan, from 1
     * @param table the table the prediction is about, or null
     * @param observed the strongest lock seen on that table while the step ran (NONE for a table
     *     the step itself created, which no other session can see until it commits)
     * @param rewrite the table's relfilenode changed
     * @param reasons why the verdict is not OK (empty when it is)
     * @param notes what verify did in the application's place at a checkpoint (e.g. filled a
     *     column)
     * @param probe what the probe clients saw while the step ran, or null when no probes ran
     */
    public record StepCheck(
            int index,
            StageKind stage,
            Step.Kind kind,
            String description,
            String table,
            LockLevel predicted,
            LockLevel observed,
            boolean rewrite,
            long durationMillis,
            StepVerdict verdict,
            List<String> reasons,
            List<String> notes,
            ProbeStat probe) {
        public StepCheck {
            Objects.requireNonNull(stage, "stage is null");
            Objects.requireNonNull(kind, "kind is null");
            Objects.requireNonNull(description, "description is null");
            Objects.requireNonNull(predicted, "predicted is null");
            Objects.requireNonNull(observed, "observed is null");
            Objects.requireNonNull(verdict, "verdict is null");
            reasons = List.copyOf(reasons);
            notes = List.copyOf(notes);
        }

        /** A step seen without probes. */
        public StepCheck(
                int index,
                StageKind stage,
                Step.Kind kind,
                String description,
                String table,
                LockLevel predicted,
                LockLevel observed,
                boolean rewrite,
                long durationMillis,
                StepVerdict verdict,
                List<String> reasons,
                List<String> notes) {
            this(
                    index,
                    stage,
                    kind,
                    description,
                    table,
                    predicted,
                    observed,
                    rewrite,
                    durationMillis,
                    verdict,
                    reasons,
                    notes,
                    null);
        }

        /**
         * This check with the probes' view; a non-null {@code reason} turns an OK verdict into a
         * mismatch.
         */
        public StepCheck withProbe(ProbeStat stat, String reason) {
            if (reason == null) {
                return new StepCheck(
                        index,
                        stage,
                        kind,
                        description,
                        table,
                        predicted,
                        observed,
                        rewrite,
                        durationMillis,
                        verdict,
                        reasons,
                        notes,
                        stat);
            }
            List<String> more = new java.util.ArrayList<>(reasons);
            more.add(reason);
            return new StepCheck(
                    index,
                    stage,
                    kind,
                    description,
                    table,
                    predicted,
                    observed,
                    rewrite,
                    durationMillis,
                    verdict == StepVerdict.OK ? StepVerdict.MISMATCH : verdict,
                    more,
                    notes,
                    stat);
        }
    }
}
