package dev.evoplan.cli;

import dev.evoplan.config.ProjectConfig;
import dev.evoplan.config.RuleControl;
import dev.evoplan.config.RuleLevel;
import dev.evoplan.config.RuleSetting;
import dev.evoplan.rules.RuleCatalogue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Rule control on the command line: {@code --disable}, {@code --enable}, {@code --severity}; they
 * win over the config file.
 */
final class RuleControlOptions {
    @Option(
            names = "--disable",
            split = ",",
            paramLabel = "RULE",
            description =
                    "Turn rules off (id or code, e.g. EP302): their findings leave every report and the gate. "
                            + "The report says so.")
    List<String> disable = new ArrayList<>();

    @Option(
            names = "--enable",
            split = ",",
            paramLabel = "RULE",
            description =
                    "Give rules back their own verdicts, whatever the config file sets for them.")
    List<String> enable = new ArrayList<>();

    @Option(
            names = "--severity",
            split = ",",
            paramLabel = "RULE=LEVEL",
            description =
                    "Raise or lower a rule's verdict: advice, safe, multi-step, needs-review, downtime or off. "
                            + "A finding the rule judged safe stays safe unless the rule only notes. The report says so.")
    Map<String, String> severity = new LinkedHashMap<>();

    /**
     * The command line's settings, each rule named once; an unknown rule or level is a usage error.
     */
    List<RuleSetting> settings(CommandSpec spec) {
        List<RuleSetting> out = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (String rule : disable) {
            out.add(setting(spec, named, rule, RuleLevel.OFF, "--disable"));
        }
        for (String rule : enable) {
            out.add(setting(spec, named, rule, RuleLevel.DEFAULT, "--enable"));
        }
        for (Map.Entry<String, String> e : severity.entrySet()) {
            RuleLevel level =
                    RuleLevel.parse(e.getValue())
                            .orElseThrow(
                                    () ->
                                            new ParameterException(
                                                    spec.commandLine(),
                                                    "--severity "
                                                            + e.getKey()
                                                            + "="
                                                            + e.getValue()
                                                            + ": unknown level (expected "
                                                            + RuleLevel.WORDS
                                                            + ")"));
            out.add(setting(spec, named, e.getKey(), level, "--severity"));
        }
        return out;
    }

    private static RuleSetting setting(
            CommandSpec spec, Set<String> named, String rule, RuleLevel level, String option) {
        String id =
                RuleCatalogue.byIdOrCode(rule)
                        .map(r -> r.info().id())
                        .orElseThrow(
                                () ->
                                        new ParameterException(
                                                spec.commandLine(),
                                                option
                                                        + " "
                                                        + rule
                                                        + ": no such rule (evoplan rules lists them)"));
        if (!named.add(id)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "rule "
                            + rule
                            + " is named by more than one of --disable, "
                            + "--enable and --severity: name it once");
        }
        return new RuleSetting(id, level, List.of(), option);
    }

    /** The rule control in force: the file's, with the command line's on top. */
    RuleControl control(CommandSpec spec, ProjectConfig config) {
        return RuleControl.of(config, settings(spec));
    }
}
