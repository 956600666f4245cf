package dev.evoplan.rules;

import java.util.Objects;

/**
 * A rule's metadata: its data, kept on the rule.
 *
 * @param id kebab-case id named after the hazard ({@code create-index-non-concurrent}); also the
 *           name of its doc page {@code rules/<id>.md}
 * @param code stable short code ({@code EP101}) for suppression and links
 * @param summary one line, no trailing period
 * @param defaultSafety the verdict in the usual case (a rule may lower or raise it with context)
 * @param lock the strongest table lock the operation takes as written
 */
public record RuleInfo(String id, String code, String summary, Safety defaultSafety, LockLevel lock) {
    public RuleInfo {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(code, "code is null");
        Objects.requireNonNull(summary, "summary is null");
        Objects.requireNonNull(defaultSafety, "defaultSafety is null");
        Objects.requireNonNull(lock, "lock is null");
    }
}
