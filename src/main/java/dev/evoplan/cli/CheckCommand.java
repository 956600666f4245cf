package dev.evoplan.cli;

import dev.evoplan.engine.Analysis;
import dev.evoplan.rules.Safety;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code evoplan check}: the plan report as a gate, with the exit code of the worst verdict. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Like plan, as a gate: exit 1 when any finding is at or above --fail-on.")
final class CheckCommand extends AnalyzeCommand implements Callable<Integer> {
    @Option(
            names = "--fail-on",
            paramLabel = "LEVEL",
            defaultValue = "downtime",
            converter = GateConverter.class,
            description =
                    "advice (design advisories too, EP6xx), multi-step (anything not safe) or downtime. Changes evoplan could not judge "
                            + "(needs review) fail every gate. Default: ${DEFAULT-VALUE}.")
    Safety failOn;

    @Override
    void configureCommand(Configuration c) {
        failOn = c.value("fail-on", "--fail-on", failOn, f -> f.gate("fail-on"));
    }

    @Override
    Safety gate() {
        return failOn;
    }

    @Override
    public Integer call() {
        Analysis analysis = analyzeAndReport();
        return analysis.trips(failOn) ? ExitCode.GATE.code() : ExitCode.OK.code();
    }

    @Override
    boolean includeAdvice() {
        return super.includeAdvice() || failOn == Safety.ADVICE;
    }

    /** Reads the gate levels users can set. */
    static final class GateConverter implements ITypeConverter<Safety> {
        @Override
        public Safety convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "advice" -> Safety.ADVICE;
                case "multi-step", "multistep", "multi_step" -> Safety.MULTI_STEP;
                case "downtime" -> Safety.DOWNTIME;
                default ->
                        throw new TypeConversionException(
                                "unknown gate '"
                                        + value
                                        + "' (expected advice, multi-step or downtime)");
            };
        }
    }
}
