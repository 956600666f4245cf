package dev.evoplan.verify;

import dev.evoplan.plan.StageKind;
import dev.evoplan.plan.Step;
import java.sql.SQLException;
import java.util.Objects;

/** A plan step that PostgreSQL refused, with the step and the server's own message. */
public final class PlanRunException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int stepIndex;
    private final transient StageKind stage;
    private final transient Step step;
    private final String sqlState;
    private final String serverMessage;
    private final transient RunResult completed;

    PlanRunException(
            int stepIndex, StageKind stage, Step step, SQLException cause, RunResult completed) {
        super(message(stepIndex, stage, step, cause), cause);
        this.stepIndex = stepIndex;
        this.stage = Objects.requireNonNull(stage, "stage is null");
        this.step = Objects.requireNonNull(step, "step is null");
        this.sqlState = cause.getSQLState();
        this.serverMessage = serverMessage(cause);
        this.completed = Objects.requireNonNull(completed, "completed is null");
    }

    private static String message(int stepIndex, StageKind stage, Step step, SQLException cause) {
        return "step "
                + stepIndex
                + " ("
                + stage.label()
                + ": "
                + step.description()
                + ") failed: "
                + serverMessage(cause)
                + (cause.getSQLState() == null ? "" : " [SQLSTATE " + cause.getSQLState() + "]")
                + "\n"
                + step.sql();
    }

    /** The driver's first line, e.g. {@code ERROR: canceling statement due to lock timeout}. */
    private static String serverMessage(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline).strip();
    }

    /**
     * The failed step's number in the plan, counted from 1 as in {@link RunResult.StepRun#index()}.
     */
    public int stepIndex() {
        return stepIndex;
    }

    public StageKind stage() {
        return stage;
    }

    public Step step() {
        return step;
    }

    /**
     * PostgreSQL's SQLSTATE, e.g. {@code 55P03} for a lock timeout; null if the driver gave none.
     */
    public String sqlState() {
        return sqlState;
    }

    /** PostgreSQL's message for the failure. */
    public String serverMessage() {
        return serverMessage;
    }

    /** The steps that ran (and committed) before this one. */
    public RunResult completed() {
        return completed;
    }
}
