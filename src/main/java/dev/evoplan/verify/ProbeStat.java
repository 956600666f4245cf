package dev.evoplan.verify;

/**
 * What the probe clients saw while one step ran.
 *
 * @param maxWaitMillis the longest probe statement that overlapped the step, in milliseconds
 * @param table the table that statement was on, or null when no probe statement overlapped the step
 * @param statements probe statements that overlapped the step
 * @param errors those of them that failed (e.g. a column the step dropped, a statement timeout)
 */
public record ProbeStat(long maxWaitMillis, String table, int statements, int errors) {
    public ProbeStat {
        if (maxWaitMillis < 0 || statements < 0 || errors < 0) {
            throw new IllegalArgumentException("negative probe counts");
        }
    }
}
