package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one error boundary of the command line: an Error escaped picocli's handler and ended the JVM
 * with a Java trace and exit 1 (the gate's code); it is exit 4 with one line now.
 */
class ErrorBoundaryTest {
    @Command(name = "overflow")
    static final class Overflow implements Callable<Integer> {
        @Override
        public Integer call() {
            return recurse(0);
        }

        private static int recurse(int depth) {
            return recurse(depth + 1) + 1;
        }
    }

    @Command(name = "bug")
    static final class Bug implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new ClassCastException(
                    "class java.util.ArrayList cannot be cast to class java.lang.String");
        }
    }

    private static CliRun runWith(Object command, String name) {
        CommandLine cli = Main.commandLine();
        cli.addSubcommand(name, command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                Main.execute(
                        cli,
                        new String[] {name},
                        new PrintWriter(out, true),
                        new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void aStackOverflowIsExitFourWithOneLineAndNoTrace() {
        CliRun run = runWith(new Overflow(), "overflow");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err())
                .startsWith("evoplan: internal error: ")
                .contains("StackOverflowError")
                .contains("EVOPLAN_DEBUG=1")
                .doesNotContain("\tat ");
    }

    @Test
    void anUnexpectedExceptionIsExitFourWithOneLine() {
        CliRun run = runWith(new Bug(), "bug");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).startsWith("evoplan: internal error: ").doesNotContain("\tat ");
    }
}
