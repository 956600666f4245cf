package dev.evoplan.rules;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A rule's metadata: its data, kept on the rule. What other rules and {@link Judge} need to know
 * about a rule (its role among the change rules, what its findings mean to a transaction) is here,
 * so no code asks for a rule by its id.
 *
 * @param id kebab-case id named after the hazard ({@code create-index-non-concurrent}); also the
 *     name of its doc page {@code rules/<id>.md}
 * @param code stable short code ({@code EP101}) for suppression and links
 * @param summary one line, no trailing period
 * @param defaultSafety the verdict in the usual case (a rule may lower or raise it with context)
 * @param lock the strongest table lock the operation takes as written
 * @param role how {@link Judge} applies a change rule: a hazard, the precedence rule or a fallback
 * @param traits what the rule's findings mean to the rules that read other findings (EP301, EP302)
 */
public record RuleInfo(
        String id,
        String code,
        String summary,
        Safety defaultSafety,
        LockLevel lock,
        Role role,
        Set<Trait> traits) {
    public RuleInfo {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(code, "code is null");
        Objects.requireNonNull(summary, "summary is null");
        Objects.requireNonNull(defaultSafety, "defaultSafety is null");
        Objects.requireNonNull(lock, "lock is null");
        Objects.requireNonNull(role, "role is null");
        traits = traits.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(traits));
    }

    /** A hazard rule with no traits: the usual case. */
    public RuleInfo(String id, String code, String summary, Safety defaultSafety, LockLevel lock) {
        this(id, code, summary, defaultSafety, lock, Role.HAZARD, Set.of());
    }

    /** This metadata with {@code more} traits added. */
    public RuleInfo with(Trait... more) {
        Set<Trait> all = EnumSet.noneOf(Trait.class);
        all.addAll(traits);
        all.addAll(Arrays.asList(more));
        return new RuleInfo(id, code, summary, defaultSafety, lock, role, all);
    }

    /** This metadata with another role. */
    public RuleInfo as(Role newRole) {
        return new RuleInfo(id, code, summary, defaultSafety, lock, newRole, traits);
    }

    public boolean has(Trait trait) {
        return traits.contains(trait);
    }

    /** How {@link Judge#judge} applies a change rule. */
    public enum Role {
        /**
         * Looks for one hazard; every applicable hazard rule is asked. Every rule that judges no
         * change has this role.
         */
        HAZARD,
        /**
         * Asked first; when it fires it is the change's only finding (a change to a table this
         * migration created).
         */
        PRECEDENCE,
        /** Asked when no hazard fires: the change is a known brief catalog update (safe). */
        FALLBACK_BRIEF,
        /**
         * Asked last, when no hazard fires and the change is no known brief update: it needs
         * review.
         */
        FALLBACK_UNJUDGED
    }

    /**
     * What a rule's findings mean to the rules that judge a statement or a transaction from the
     * findings on it.
     */
    public enum Trait {
        /**
         * Its downtime finding is a scan or rewrite of the table: the long part of a transaction.
         */
        SCANS_OR_REWRITES,
        /** Its multi-step finding is a whole-table update in one statement: also long. */
        UPDATES_ROWS,
        /**
         * Its finding on a VALIDATE reads every row of the table: brief alone, long under a
         * stronger held lock.
         */
        VALIDATION_READS_ROWS,
        /**
         * Its lock is a guess (nothing read the statement), not a lock the statement is known to
         * take.
         */
        GUESSED_LOCK,
        /**
         * Its findings are about a table no running code uses yet, so its lock queues no traffic.
         */
        TABLE_NOT_IN_USE,
        /**
         * It locks a relation running code only reads (a materialized view): only a lock that
         * blocks reads queues traffic.
         */
        READ_ONLY_RELATION,
        /**
         * A history rule that is given a history with its repeated identities, not only the first
         * of each.
         */
        SEES_DUPLICATE_IDENTITIES,
        /**
         * Its findings are about changesets databases already ran (edited, removed), not about
         * changesets the change adds: a report does not count them as new.
         */
        ABOUT_RAN_CHANGESETS
    }
}
