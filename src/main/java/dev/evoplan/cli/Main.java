package dev.evoplan.cli;

import dev.evoplan.model.InputException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code evoplan} command: subcommands, exit codes, and the one place that exits. */
@Command(name = "evoplan", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Makes PostgreSQL schema changes safe to ship: diff two schemas, judge every change "
                + "(safe / multi-step / downtime, with the lock it takes), and write a staged migration plan.",
        subcommands = {PlanCommand.class, CheckCommand.class, LintCommand.class, VerifyCommand.class, HistoryCommand.class, RulesCommand.class, DocCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (plan, check, lint, verify, history, rules, doc)");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code; prints only to {@code out} and {@code err}. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return execute(StartFast.commandLineFor(args), args, out, err);
    }

    /**
     * The one error boundary: picocli hands exceptions to the handler below but lets an
     * {@link Error} (a StackOverflowError, an OutOfMemoryError) through, which ended the JVM with
     * a Java trace and exit 1, the gate's code. Here anything is exit 4 with one line.
     */
    static int execute(CommandLine cli, String[] args, PrintWriter out, PrintWriter err) {
        cli.setOut(out);
        cli.setErr(err);
        Secrets.remember(args);
        try {
            return cli.execute(args);
        } catch (Throwable t) {
            return internalError(t, err);
        } finally {
            Secrets.forget();
        }
    }

    /** One line for a bug (never input's fault), the trace only when asked for. */
    static int internalError(Throwable ex, PrintWriter err) {
        String what = ex instanceof StackOverflowError ? "java.lang.StackOverflowError (input nested too deeply for evoplan)"
                : ex instanceof OutOfMemoryError ? "java.lang.OutOfMemoryError (give the JVM more memory, e.g. JAVA_TOOL_OPTIONS=-Xmx2g)"
                : String.valueOf(ex);
        err.println("evoplan: internal error: " + UserText.safe(what) + " (set EVOPLAN_DEBUG=1 for the stack trace)");
        if (System.getenv("EVOPLAN_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCode.INTERNAL.code();
    }

    static CommandLine commandLine() {
        return configured(new CommandLine(new Main()));
    }

    /** Exit codes listed in every help, and the handlers that turn failures into exit codes. */
    static CommandLine configured(CommandLine cli) {
        Map<String, String> codes = new LinkedHashMap<>();
        Arrays.stream(ExitCode.values()).forEach(c -> codes.put(String.valueOf(c.code()), c.meaning()));
        listExitCodes(cli, codes);
        cli.getSubcommands().values().forEach(sub -> listExitCodes(sub, codes));
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("evoplan: " + UserText.safe(ex.getMessage()));
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.USAGE.code();
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof InputException input) {
                err.println("evoplan: " + UserText.safe(input.oneLine()));
                return ExitCode.INPUT.code();
            }
            return internalError(ex, err);
        });
        return cli;
    }

    private static void listExitCodes(CommandLine cli, Map<String, String> codes) {
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    }

    /** The version from the jar's manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"evoplan " + (v == null ? "dev" : v)};
        }
    }
}
