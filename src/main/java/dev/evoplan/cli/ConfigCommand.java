package dev.evoplan.cli;

import dev.evoplan.config.ProjectConfig;
import dev.evoplan.config.RuleSetting;
import dev.evoplan.rules.RuleCatalogue;
import dev.evoplan.rules.Safety;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code evoplan config}: the configuration in force, value by value, with where each came from
 * (the file and line, a flag, or the default). It takes the options plan, check and lint take, so a
 * flag shows as winning over the file exactly as it would in those commands.
 */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description =
                "Print the effective configuration: every option's value and where it came from "
                        + "(.evoplan.yaml:LINE, a flag, or the default), the rule control and the excludes.")
final class ConfigCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--fail-on",
            paramLabel = "LEVEL",
            defaultValue = "downtime",
            converter = CheckCommand.GateConverter.class,
            description = "As for check and lint.")
    Safety failOn;

    @Option(names = "--assume-in-transaction", description = "As for lint.")
    boolean assumeInTransaction;

    @Option(names = "--assume-lock-timeout", paramLabel = "DURATION", description = "As for lint.")
    String assumedLockTimeout;

    @Option(names = "--schema", paramLabel = "SRC", description = "As for lint.")
    String schema;

    @Option(names = "--show-safe", description = "As for plan, check and lint.")
    boolean showSafe;

    @Option(names = "--show-advice", description = "As for plan and check.")
    boolean showAdvice;

    @Option(names = "--shadow", description = "As for plan and check.")
    boolean shadow;

    @Mixin SourceOptions sourceOptions;

    @Mixin JudgeOptions judgeOptions;

    @Mixin OutputOptions outputOptions;

    @Mixin ConfigFileOption configFile;

    @Mixin RuleControlOptions ruleControlOptions;

    @Override
    public Integer call() {
        Configuration c = Configuration.resolving(spec, configFile, sourceOptions, judgeOptions);
        outputOptions.configure(c);
        c.value("fail-on", "--fail-on", failOn, f -> f.gate("fail-on"));
        c.flag("assume-in-transaction", "--assume-in-transaction", assumeInTransaction);
        c.value(
                "assume-lock-timeout",
                "--assume-lock-timeout",
                assumedLockTimeout,
                f -> f.duration("assume-lock-timeout"));
        c.value("schema", "--schema", schema, f -> f.path("schema"));
        c.flag("show-safe", "--show-safe", showSafe);
        c.flag("show-advice", "--show-advice", showAdvice);
        c.flag("shadow", "--shadow", shadow);
        c.value("migrations", "FILE|DIR", null, f -> f.paths("migrations"));
        var control = ruleControlOptions.control(spec, c.file());
        Report.write(
                render(c, control.settings()), outputOptions.output, spec.commandLine().getOut());
        return ExitCode.OK.code();
    }

    private static String render(Configuration c, List<RuleSetting> rules) {
        ProjectConfig file = c.file();
        StringBuilder out = new StringBuilder();
        out.append("configuration: ")
                .append(
                        file.present()
                                ? file.shown()
                                : "none (no "
                                        + ProjectConfig.FILE_NAME
                                        + " in the working folder or above it, up to the repository root)")
                .append("\n\n");
        List<Configuration.Effective> values =
                c.effective().stream()
                        .sorted(java.util.Comparator.comparing(Configuration.Effective::key))
                        .toList();
        int keyWidth =
                Math.max(
                        "option".length(),
                        values.stream().mapToInt(e -> e.key().length()).max().orElse(0));
        int valueWidth =
                Math.max(
                        "value".length(),
                        values.stream().mapToInt(e -> e.value().length()).max().orElse(0));
        row(out, keyWidth, valueWidth, "option", "value", "from");
        values.forEach(e -> row(out, keyWidth, valueWidth, e.key(), e.value(), e.source()));
        out.append("\nrules:");
        if (rules.isEmpty()) {
            out.append(" every rule at its own verdicts (evoplan rules lists them)\n");
        } else {
            out.append('\n');
            for (RuleSetting r : rules) {
                String name =
                        RuleCatalogue.byId(r.ruleId())
                                .map(x -> x.info().id() + " (" + x.info().code() + ")")
                                .orElse(r.ruleId());
                out.append("  ")
                        .append(name)
                        .append(": ")
                        .append(r.level().label())
                        .append(r.paths().isEmpty() ? "" : " in " + String.join(", ", r.paths()))
                        .append("  (")
                        .append(r.source())
                        .append(")\n");
            }
        }
        out.append("\nexclude: ")
                .append(
                        file.excludes()
                                .map(v -> String.join(", ", v.value()) + "  (" + v.source() + ")")
                                .orElse("(none)"))
                .append('\n');
        return out.toString();
    }

    private static void row(
            StringBuilder out,
            int keyWidth,
            int valueWidth,
            String key,
            String value,
            String from) {
        out.append(
                        String.format(
                                        "%-" + keyWidth + "s  %-" + valueWidth + "s  %s",
                                        key,
                                        value,
                                        from)
                                .stripTrailing())
                .append('\n');
    }
}
