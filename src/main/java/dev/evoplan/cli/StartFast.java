package dev.evoplan.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line for one run, with only the model of the subcommand that runs. picocli builds the
 * model of a command by reflecting over every option of every subcommand: about 0.3 cpu s of each
 * run, a third of linting one small file. When the first argument names a subcommand, the root gets
 * that one alone; anything else (no command, {@code --help}, {@code --version}, {@code help}, a
 * misspelt name) gets {@link Main#commandLine()}, whose messages list every command. Only the
 * subcommands below run alone: a command that reads its siblings (a shell-completion script, say)
 * must not see a root with itself only, so a new subcommand gets the whole model until it is added
 * here.
 */
final class StartFast {
    private StartFast() {}

    /** The subcommands that read nothing of the root or their siblings. */
    private static final Set<Class<?>> SELF_CONTAINED =
            Set.of(
                    PlanCommand.class,
                    CheckCommand.class,
                    LintCommand.class,
                    VerifyCommand.class,
                    HistoryCommand.class,
                    RulesCommand.class,
                    DocCommand.class);

    /**
     * The root's name and nothing else; the subcommand's own help and errors read as with the whole
     * model.
     */
    @Command(name = "evoplan")
    static final class Root implements Runnable {
        @Override
        public void run() {
            throw new IllegalStateException("the root runs only with the whole model");
        }
    }

    static CommandLine commandLineFor(String[] args) {
        Class<?> only = args.length == 0 ? null : subcommands().get(args[0]);
        if (only == null || !SELF_CONTAINED.contains(only)) {
            return Main.commandLine();
        }
        CommandLine cli = new CommandLine(new Root());
        cli.addSubcommand(only);
        return Main.configured(cli);
    }

    /** Main's subcommands by name and alias, read off the annotations (no picocli model). */
    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> byName = new HashMap<>();
        for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
            Command command = c.getAnnotation(Command.class);
            if (command == null) {
                continue;
            }
            byName.put(command.name(), c);
            for (String alias : command.aliases()) {
                byName.put(alias, c);
            }
        }
        return byName;
    }
}
