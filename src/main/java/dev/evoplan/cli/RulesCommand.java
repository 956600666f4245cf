package dev.evoplan.cli;

import dev.evoplan.render.CatalogueRenderer;
import dev.evoplan.rules.RuleCatalogue;
import dev.evoplan.rules.RuleInfo;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code evoplan rules [ID]}: the rule catalogue, or one rule explained. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = "List the rule catalogue, or explain one rule (by id or code).")
final class RulesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
            arity = "0..1",
            paramLabel = "ID",
            description = "A rule id (create-index-non-concurrent) or code (EP101).")
    String id;

    @Mixin OutputOptions outputOptions;

    @Override
    public Integer call() {
        List<RuleInfo> rules = RuleCatalogue.all().stream().map(r -> r.info()).toList();
        String text;
        if (id == null) {
            text = CatalogueRenderer.list(rules, outputOptions.documentFormat(spec));
        } else {
            RuleInfo rule =
                    rules.stream()
                            .filter(
                                    r ->
                                            r.id().equalsIgnoreCase(id)
                                                    || r.code().equalsIgnoreCase(id))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new ParameterException(
                                                    spec.commandLine(),
                                                    "no rule '"
                                                            + id
                                                            + "'; `evoplan rules` lists them"));
            text =
                    CatalogueRenderer.explain(
                            rule, RuleCatalogue.doc(rule.id()), outputOptions.documentFormat(spec));
        }
        Report.write(text, outputOptions.output, spec.commandLine().getOut());
        return ExitCode.OK.code();
    }
}
