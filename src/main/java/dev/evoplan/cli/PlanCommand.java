package dev.evoplan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code evoplan plan}: the changes, their verdicts and the staged plan. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Diff two schemas, judge every change and write a staged migration plan.")
final class PlanCommand extends AnalyzeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        analyzeAndReport();
        return ExitCode.OK.code();
    }
}
