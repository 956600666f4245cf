package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StartFastTest {
    @Test
    void aNamedSubcommandGetsOnlyItsOwnModel() {
        CommandLine cli = StartFast.commandLineFor(new String[] {"lint", "x.sql"});
        assertThat(cli.getSubcommands()).containsOnlyKeys("lint");
        assertThat(StartFast.commandLineFor(new String[] {"--help"}).getSubcommands())
                .containsKeys("lint", "plan", "help");
        assertThat(StartFast.commandLineFor(new String[] {"help", "lint"}).getSubcommands())
                .containsKeys("lint", "plan");
        assertThat(StartFast.commandLineFor(new String[] {"lnt"}).getSubcommands())
                .containsKeys("lint", "plan");
        assertThat(StartFast.commandLineFor(new String[0]).getSubcommands())
                .containsKeys("lint", "plan");
    }

    @Test
    void everySubcommandsHelpAndErrorsReadAsWithTheWholeModel() {
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            for (String[] args : new String[][] {{name, "--help"}, {name, "--no-such-option"}}) {
                assertThat(run(StartFast.commandLineFor(args), args))
                        .as(String.join(" ", args))
                        .isEqualTo(run(Main.commandLine(), args));
            }
        }
    }

    private static String run(CommandLine cli, String[] args) {
        StringWriter out = new StringWriter();
        int code = Main.execute(cli, args, new PrintWriter(out, true), new PrintWriter(out, true));
        return code + "\n" + out;
    }
}
