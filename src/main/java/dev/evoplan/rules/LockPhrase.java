package dev.evoplan.rules;

/**
 * How messages say which lock is taken, for how long, and what it blocks: one wording everywhere.
 */
final class LockPhrase {
    /** The whole duration of a scan or rewrite: what makes a strong lock long. */
    static final String WHOLE_SCAN = "for the whole scan of the table";

    static final String WHOLE_REWRITE = "for the whole rewrite of the table";
    static final String WHOLE_BUILD = "for the whole index build";
    static final String BRIEF = "only for a catalog update";

    private LockPhrase() {}

    /** "takes a SHARE lock for the whole index build, which blocks writes (reads go on)". */
    static String takes(LockLevel lock, String duration) {
        if (lock == LockLevel.NONE) {
            return "takes no table lock";
        }
        return "takes "
                + withArticle(lock)
                + " lock "
                + duration
                + ", which blocks "
                + lock.blocksDescription();
    }

    /**
     * "takes an ACCESS EXCLUSIVE lock on orders briefly (a catalog update), which blocks all reads
     * and writes".
     */
    static String takes(LockLevel lock, String on, String duration) {
        if (lock == LockLevel.NONE) {
            return "takes no lock on " + on;
        }
        return "takes "
                + withArticle(lock)
                + " lock on "
                + on
                + " "
                + duration
                + ", which blocks "
                + lock.blocksDescription();
    }

    /** "an ACCESS EXCLUSIVE", "a SHARE". */
    static String withArticle(LockLevel lock) {
        String name = lock.sqlName();
        char first = name.charAt(0);
        return (first == 'A' || first == 'E' ? "an " : "a ") + name;
    }
}
