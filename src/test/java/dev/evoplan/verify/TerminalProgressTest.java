package dev.evoplan.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The terminal progress line: rewritten in place, cleared at the end. Time and redraws are driven
 * by the test (a clock it moves, a ticker it fires), so no assertion depends on the machine's
 * speed.
 */
class TerminalProgressTest {
    private final StringWriter screen = new StringWriter();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Runnable> tickers = new ArrayList<>();
    private final AtomicBoolean tickerStopped = new AtomicBoolean();

    private TerminalProgress progress() {
        return new TerminalProgress(
                new PrintWriter(screen),
                now::get,
                redraw -> {
                    tickers.add(redraw);
                    return () -> tickerStopped.set(true);
                });
    }

    @Test
    void theTerminalLineIsRewrittenInPlaceAndClearedAtTheEnd() {
        TerminalProgress progress = progress();

        progress.seeding("public.users", 3, 9);
        progress.step(12, 78, "add column users.email");
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(2_000));
        assertThat(tickers).as("one ticker for the whole run").hasSize(1);
        tickers.get(0).run();
        progress.finished();
        String shown = screen.toString();
        int afterFinish = shown.length();
        // A redraw that comes after finished() (a ticker about to stop) writes nothing.
        tickers.get(0).run();

        assertThat(shown)
                .startsWith("\rseeding public.users 3/9")
                .contains("\rstep 12/78: add column users.email (elapsed 0.0 s)")
                .doesNotContain("\n")
                .endsWith("\r");
        // The ticker redrew the running step with the later elapsed time.
        assertThat(shown).contains("\rstep 12/78: add column users.email (elapsed 2.0 s)");
        assertThat(tickerStopped).isTrue();
        assertThat(screen.toString()).hasSize(afterFinish);
    }

    @Test
    void aLongDescriptionIsCutButTheElapsedTimeStays() {
        TerminalProgress progress = progress();

        progress.step(1, 2, "x".repeat(300));
        progress.finished();

        String first = screen.toString().split("\r")[1];
        assertThat(first).hasSizeLessThanOrEqualTo(100).endsWith("… (elapsed 0.0 s)");
    }

    @Test
    void theRealTickerRedrawsOnADaemonThreadUntilStopped() throws Exception {
        CountDownLatch redraws = new CountDownLatch(2);
        java.util.concurrent.atomic.AtomicReference<Thread> redrawer =
                new java.util.concurrent.atomic.AtomicReference<>();

        Runnable stop =
                TerminalProgress.redrawEvery(
                        () -> {
                            redrawer.set(Thread.currentThread());
                            redraws.countDown();
                        });
        // Waits for the redraws however slowly they come; the bound only keeps a broken ticker from
        // hanging the build.
        assertThat(redraws.await(5, TimeUnit.MINUTES)).isTrue();
        stop.run();
        Thread ticker = redrawer.get();
        ticker.join(TimeUnit.MINUTES.toMillis(5));

        assertThat(ticker.isDaemon()).isTrue();
        assertThat(ticker.isAlive()).as("the ticker ends once stopped").isFalse();
    }
}
