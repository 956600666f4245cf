package dev.evoplan.config;

import java.util.List;
import java.util.Objects;

/**
 * One rule's control: its level, where it applies and who set it.
 *
 * @param ruleId the rule's kebab-case id (codes such as EP302 are resolved before this)
 * @param level what its findings become
 * @param paths globs of the files it applies to (relative to the config file's folder); empty for
 *     everywhere
 * @param source where it was set: {@code .evoplan.yaml:3}, {@code --disable}, {@code --severity}
 */
public record RuleSetting(String ruleId, RuleLevel level, List<String> paths, String source) {
    public RuleSetting {
        Objects.requireNonNull(ruleId, "ruleId is null");
        Objects.requireNonNull(level, "level is null");
        paths = List.copyOf(paths);
        Objects.requireNonNull(source, "source is null");
    }
}
