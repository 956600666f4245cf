package dev.evoplan.rules;

/**
 * The verdict on one change: the seed's "Safe?" and "Downtime required?" columns folded into one,
 * plus {@link #NEEDS_REVIEW} for what evoplan could not judge. Declared from least to most severe.
 */
public enum Safety {
    /**
     * A design advisory (the guide's schema design rules): nothing happens to traffic, the schema
     * could be better. Declared first so that it is never the worst verdict next to a judged change
     * and trips no gate but {@code --fail-on advice}.
     */
    ADVICE,
    /** Runs as is: no rewrite, no scan, no strong lock held longer than a catalog update. */
    SAFE,
    /** Fine when done in an order of steps or with an application deploy in between. */
    MULTI_STEP,
    /** Not understood (raw SQL, custom change): a person must read it. Fails every gate. */
    NEEDS_REVIEW,
    /** A rewrite or scan under a lock that blocks traffic, on a table not known to be small. */
    DOWNTIME;

    /** The name users type and read: {@code multi-step}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * Whether a finding of this safety trips a gate set at {@code gate}. Something not judged trips
     * every gate: passing it would call it safe without having read it.
     */
    public boolean trips(Safety gate) {
        if (this == NEEDS_REVIEW) {
            return true;
        }
        if (gate == ADVICE) {
            // The advice gate: anything that is not plainly safe, advisories included.
            return this != SAFE;
        }
        return compareTo(gate) >= 0;
    }

    public static Safety worst(Safety a, Safety b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
