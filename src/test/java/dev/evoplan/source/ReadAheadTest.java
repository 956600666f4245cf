package dev.evoplan.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.evoplan.model.InputException;
import dev.evoplan.model.Migration;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lint's reader thread: whatever stops it reaches the caller; the caller never waits forever. */
class ReadAheadTest {
    private static final Duration HANG_GUARD = Duration.ofMinutes(10);

    /** Gives {@code first}, then fails with {@code failure}. */
    private static Iterator<Migration> failingAfter(Migration first, Throwable failure) {
        return new Iterator<>() {
            private boolean given;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Migration next() {
                if (!given) {
                    given = true;
                    return first;
                }
                if (failure instanceof Error e) {
                    throw e;
                }
                throw (RuntimeException) failure;
            }
        };
    }

    private static Migration empty(String name) {
        return new Migration(name, "plain SQL", List.of(), List.of(), List.of());
    }

    @Test
    void aStackOverflowInTheReaderReachesTheCallerInsteadOfHangingIt() {
        assertTimeoutPreemptively(
                HANG_GUARD,
                () -> {
                    var ahead =
                            new LintSources.ReadAhead(
                                    failingAfter(empty("a.sql"), new StackOverflowError()));
                    assertThat(ahead.next().file()).isEqualTo("a.sql");
                    assertThatThrownBy(ahead::hasNext).isInstanceOf(StackOverflowError.class);
                });
    }

    @Test
    void anInputErrorInTheReaderReachesTheCallerAsItself() {
        assertTimeoutPreemptively(
                HANG_GUARD,
                () -> {
                    var ahead =
                            new LintSources.ReadAhead(
                                    failingAfter(
                                            empty("a.sql"), new InputException("b.sql", 3, "bad")));
                    ahead.next();
                    assertThatThrownBy(ahead::hasNext)
                            .isInstanceOf(InputException.class)
                            .hasMessage("bad");
                });
    }

    @Test
    void aReaderThatEndsNormallyEnds() {
        assertTimeoutPreemptively(
                HANG_GUARD,
                () -> {
                    var ahead =
                            new LintSources.ReadAhead(
                                    List.of(empty("a.sql"), empty("b.sql")).iterator());
                    assertThat(ahead.next().file()).isEqualTo("a.sql");
                    assertThat(ahead.next().file()).isEqualTo("b.sql");
                    assertThat(ahead.hasNext()).isFalse();
                });
    }
}
