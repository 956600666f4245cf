package dev.evoplan.cli;

import dev.evoplan.model.LoadedSchema;
import dev.evoplan.plan.Analysis;
import dev.evoplan.plan.Analyzer;
import dev.evoplan.render.Renderers;
import dev.evoplan.source.Sources;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What {@code plan} and {@code check} share: read both sides, analyse, render. */
abstract class AnalyzeCommand {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "SRC",
            description = "The schema as it is now: a changelog (.xml/.yaml/.yml/.json/.sql), git:REF:PATH (that changelog as it is at a git ref), or a jdbc:postgresql: URL.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "SRC",
            description = "The schema as it should become (same kinds as --from).")
    String to;

    @Mixin
    SourceOptions sourceOptions;

    @Mixin
    JudgeOptions judgeOptions;

    @Mixin
    OutputOptions outputOptions;

    /** Loads, analyses and writes the report; returns the analysis for the gate. */
    Analysis analyzeAndReport() {
        String problem = judgeOptions.validate();
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
        LoadedSchema old = Sources.load(from, sourceOptions.settings());
        LoadedSchema target = Sources.load(to, sourceOptions.settings());
        Analysis analysis = Analyzer.analyze(old, target, judgeOptions.analysisOptions());
        String text = Renderers.of(outputOptions.format, outputOptions.useColor()).render(analysis);
        Report.write(text, outputOptions.output, spec.commandLine().getOut());
        return analysis;
    }
}
