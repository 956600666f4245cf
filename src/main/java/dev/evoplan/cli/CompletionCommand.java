package dev.evoplan.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code evoplan completion bash|zsh}: the shell completion script picocli generates from the
 * command model, so it lists every subcommand and option this build has. picocli writes one script
 * for both shells: under zsh it loads bashcompinit itself.
 */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description =
                "Print a shell completion script: source <(evoplan completion bash), or for zsh "
                        + "source <(evoplan completion zsh) in ~/.zshrc (docs/install.md).")
final class CompletionCommand implements Callable<Integer> {
    enum Shell {
        bash,
        zsh
    }

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("evoplan", spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code();
    }
}
