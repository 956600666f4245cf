package dev.evoplan.cli;

import dev.evoplan.model.InputException;
import dev.evoplan.source.git.GitTree;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code evoplan} command: subcommands, exit codes, and the one place that exits. */
@Command(
        name = "evoplan",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description =
                "Makes PostgreSQL schema changes safe to ship: diff two schemas, judge every change "
                        + "(safe / multi-step / downtime, with the lock it takes), and write a staged migration plan.",
        subcommands = {
            PlanCommand.class,
            CheckCommand.class,
            LintCommand.class,
            VerifyCommand.class,
            HistoryCommand.class,
            RulesCommand.class,
            DocCommand.class,
            ConfigCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "missing command (plan, check, lint, verify, history, rules, doc, config)");
    }

    public static void main(String[] args) {
        System.exit(
                run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line and returns the exit code; prints only to {@code out} and {@code err}.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return execute(StartFast.commandLineFor(args), args, out, err);
    }

    /**
     * The one error boundary: picocli hands exceptions to the handler below but lets an {@link
     * Error} (a StackOverflowError, an OutOfMemoryError) through, which ended the JVM with a Java
     * trace and exit 1, the gate's code. Here anything is exit 4 with one line.
     */
    static int execute(CommandLine cli, String[] args, PrintWriter out, PrintWriter err) {
        cli.setOut(out);
        cli.setErr(err);
        Secrets.remember(args);
        // One run: the sides and walks of a command that open one repository share it.
        GitTree.Sharing repositories = GitTree.Sharing.open();
        try {
            return cli.execute(args);
        } catch (Throwable t) {
            return internalError(t, err);
        } finally {
            repositories.close();
            Secrets.forget();
        }
    }

    /** One line for a bug (never input's fault), the trace only when asked for. */
    static int internalError(Throwable ex, PrintWriter err) {
        String what =
                ex instanceof StackOverflowError
                        ? "java.lang.StackOverflowError (input nested too deeply for evoplan)"
                        : ex instanceof OutOfMemoryError
                                ? "java.lang.OutOfMemoryError (give the JVM more memory, e.g. JAVA_TOOL_OPTIONS=-Xmx2g)"
                                : String.valueOf(ex);
        err.println(
                "evoplan: internal error: "
                        + UserText.safe(what)
                        + " (set EVOPLAN_DEBUG=1 for the stack trace)");
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
        Arrays.stream(ExitCode.values())
                .forEach(c -> codes.put(String.valueOf(c.code()), c.meaning()));
        listExitCodes(cli, codes);
        cli.getSubcommands().values().forEach(sub -> listExitCodes(sub, codes));
        cli.setParameterExceptionHandler(
                (ex, args) -> {
                    PrintWriter err = ex.getCommandLine().getErr();
                    err.println("evoplan: " + UserText.safe(ex.getMessage()));
                    err.println(
                            "Try '"
                                    + ex.getCommandLine().getCommandSpec().qualifiedName()
                                    + " --help'.");
                    return ExitCode.USAGE.code();
                });
        cli.setExecutionExceptionHandler(
                (ex, commandLine, parseResult) -> {
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
        cli.getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(codes);
    }

    /**
     * The version and what the jar was built from, read from build.properties, which Maven filters
     * at build time (src/main/resources-filtered): the commit (when the build had git) and
     * project.build.outputTimestamp, the reproducible build's date.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            java.util.Properties build = new java.util.Properties();
            try (java.io.InputStream in = Main.class.getResourceAsStream("build.properties")) {
                if (in != null) {
                    build.load(in);
                }
            } catch (java.io.IOException ignored) {
                // Shown as unknown below.
            }
            return new String[] {
                "evoplan " + built(build, "version", "dev"),
                "commit " + built(build, "commit", "unknown"),
                "built "
                        + built(build, "outputTimestamp", "unknown")
                        + " (project.build.outputTimestamp)",
                "java "
                        + System.getProperty("java.version")
                        + " ("
                        + System.getProperty("java.vendor")
                        + "), "
                        + System.getProperty("os.name")
                        + " "
                        + System.getProperty("os.arch")
            };
        }

        /**
         * A filtered value; a placeholder Maven left unfilled (no git, no timestamp) is {@code
         * otherwise}.
         */
        private static String built(java.util.Properties build, String key, String otherwise) {
            String value = build.getProperty(key, "").strip();
            return value.isEmpty() || value.startsWith("${") ? otherwise : value;
        }
    }
}
