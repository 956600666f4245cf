package dev.evoplan.rules;

/**
 * The verdict on one change: the seed's "Safe?" and "Downtime required?" columns folded into one,
 * plus {@link #NEEDS_REVIEW} for what evoplan could not judge. Declared from least to most severe.
 */
public enum Safety {
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
     * Whether a finding of this safety trips a gate set at {@code gate}. Something not judged
     * trips every gate: passing it would call it safe without having read it.
     */
    public boolean trips(Safety gate) {
        if (this == NEEDS_REVIEW) {
            return true;
        }
        return compareTo(gate) >= 0;
    }

    public static Safety worst(Safety a, Safety b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
