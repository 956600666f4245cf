package dev.evoplan.cli;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Lets tests outside the package read how plan and check parse the shadow option. */
public final class ShadowOptionAccess {
    private ShadowOptionAccess() {}

    /** [shadow on, the docker spelling given or null, PATH or null] after parsing {@code args}. */
    public static List<String> parse(String... args) {
        CommandLine.ParseResult result = Main.commandLine().parseArgs(args);
        AnalyzeCommand command = (AnalyzeCommand) result.subcommand().commandSpec().userObject();
        return Arrays.asList(String.valueOf(command.shadow), command.shadowServer, command.path);
    }
}
