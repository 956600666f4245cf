package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Progress of plan, check and lint: after 2 s, on a terminal, never in CI unless asked; driven by a
 * test clock.
 */
class PhaseProgressTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shownOnATerminalOutsideCiOrWhenAskedForAndNeverWhenTurnedOff() {
        assertThat(PhaseProgress.shown(Map.of(), true)).isTrue();
        assertThat(PhaseProgress.shown(Map.of("CI", "true"), true))
                .as("GitHub Actions, GitLab CI")
                .isFalse();
        assertThat(PhaseProgress.shown(Map.of(), false)).as("a pipe, a file, a test").isFalse();
        assertThat(PhaseProgress.shown(Map.of("CI", "true", "EVOPLAN_PROGRESS", "1"), false))
                .as("asked for")
                .isTrue();
        assertThat(PhaseProgress.shown(Map.of("EVOPLAN_PROGRESS", "0"), true)).isFalse();
    }

    @Test
    void nothingForTheFirstTwoSecondsThenThePhaseAndTheElapsedTimeThenWipedOnClose() {
        StringWriter err = new StringWriter();
        AtomicLong now = new AtomicLong(100 * SECOND);
        AtomicBoolean stopped = new AtomicBoolean();
        PhaseProgress progress =
                PhaseProgress.start(
                        new PrintWriter(err),
                        Map.of(),
                        true,
                        now::get,
                        tick -> () -> stopped.set(true));

        progress.phase("loading v1/db.changelog-master.yaml");
        now.addAndGet(SECOND + SECOND / 2);
        progress.tick();
        assertThat(err.toString()).as("a short run prints nothing").isEmpty();

        now.addAndGet(SECOND);
        progress.tick();
        assertThat(err.toString())
                .isEqualTo("\revoplan: loading v1/db.changelog-master.yaml (2.5 s)");

        now.addAndGet(SECOND);
        progress.phase("judging and planning");
        String judging = "\revoplan: judging and planning (3.5 s)";
        assertThat(err.toString())
                .endsWith(
                        judging
                                + " "
                                        .repeat(
                                                "evoplan: loading v1/db.changelog-master.yaml (2.5 s)"
                                                                .length()
                                                        - "evoplan: judging and planning (3.5 s)"
                                                                .length()));

        progress.close();
        // The longer line's tail was already blanked by the padding above: the last line's width is
        // wiped.
        int width = "evoplan: judging and planning (3.5 s)".length();
        assertThat(err.toString()).endsWith("\r" + " ".repeat(width) + "\r");
        assertThat(stopped).isTrue();
        int length = err.toString().length();
        progress.tick();
        progress.close();
        assertThat(err.toString()).hasSize(length);
    }

    @Test
    void inCiNothingIsPrintedAndNoThreadIsStarted() {
        StringWriter err = new StringWriter();
        AtomicLong now = new AtomicLong();
        AtomicBoolean started = new AtomicBoolean();
        PhaseProgress progress =
                PhaseProgress.start(
                        new PrintWriter(err),
                        Map.of("CI", "true"),
                        true,
                        now::get,
                        tick -> {
                            started.set(true);
                            return () -> {};
                        });
        progress.phase("loading a very large changelog");
        now.addAndGet(60 * SECOND);
        progress.tick();
        progress.close();
        assertThat(err.toString()).isEmpty();
        assertThat(started).isFalse();
    }

    @Test
    void commandsRunInATestPrintNoProgress() {
        CliRun run = CliRun.of("plan", "--from", GoldenTest.V1, "--to", GoldenTest.V2, "--quiet");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
    }
}
