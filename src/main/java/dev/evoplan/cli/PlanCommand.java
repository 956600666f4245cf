package dev.evoplan.cli;

import dev.evoplan.engine.Analysis;
import dev.evoplan.render.export.ExportFormat;
import dev.evoplan.render.export.PlanExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code evoplan plan}: the changes, their verdicts and the staged plan. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = "Diff two schemas, judge every change and write a staged migration plan.")
final class PlanCommand extends AnalyzeCommand implements Callable<Integer> {
    @Option(
            names = "--emit",
            paramLabel = "DIR",
            description =
                    "Also write the plan as files to run with a migration tool (see --as) into DIR, which must "
                            + "not exist or be empty; one file per part between deploy checkpoints. All files or none are written.")
    Path emit;

    @Option(
            names = "--as",
            paramLabel = "FORMAT",
            converter = ExportFormatConverter.class,
            description =
                    "With --emit: liquibase-yaml, liquibase-xml, sql (psql scripts) or flyway.")
    ExportFormat as;

    @Override
    public Integer call() {
        if ((emit == null) != (as == null)) {
            throw new ParameterException(
                    spec.commandLine(),
                    emit == null ? "--as needs --emit DIR" : "--emit needs --as FORMAT");
        }
        if (emit != null) {
            PlanExport.requireUsable(emit); // before the work, so a bad folder costs nothing
        }
        Analysis analysis = analyzeAndReport();
        if (emit != null) {
            export(analysis);
        }
        return ExitCode.OK.code();
    }

    /** Writes the export and says on stderr where it went and every checkpoint it stops at. */
    private void export(Analysis analysis) {
        PrintWriter err = spec.commandLine().getErr();
        if (analysis.plan().steps().stream()
                .noneMatch(s -> s.kind() == dev.evoplan.plan.Step.Kind.SQL)) {
            err.println("evoplan: the plan has no SQL to run: nothing exported to " + emit);
            analysis.plan()
                    .steps()
                    .forEach(s -> err.println("  checkpoint: " + UserText.safe(s.description())));
            err.flush();
            return;
        }
        PlanExport.Export export =
                PlanExport.render(analysis.plan(), as, analysis.from() + " -> " + analysis.to());
        PlanExport.write(export, emit);
        var stops = export.stopLines();
        err.println(
                "evoplan: plan exported to "
                        + emit
                        + " as "
                        + as.label()
                        + ": "
                        + export.cut().parts().size()
                        + (export.cut().parts().size() == 1 ? " part" : " parts")
                        + ", "
                        + stops.size()
                        + (stops.size() == 1 ? " checkpoint" : " checkpoints")
                        + " (see README.md there)");
        stops.forEach(s -> err.println("  checkpoint " + UserText.safe(s)));
        err.flush();
    }

    /** Reads an export format name; the list of names in the message comes from the enum. */
    static final class ExportFormatConverter
            implements picocli.CommandLine.ITypeConverter<ExportFormat> {
        @Override
        public ExportFormat convert(String value) {
            ExportFormat f = ExportFormat.byLabel(value);
            if (f == null) {
                throw new picocli.CommandLine.TypeConversionException(
                        "unknown export format '"
                                + value
                                + "' (expected "
                                + String.join(
                                        ", ",
                                        java.util.Arrays.stream(ExportFormat.values())
                                                .map(ExportFormat::label)
                                                .toList())
                                + ")");
            }
            return f;
        }
    }
}
