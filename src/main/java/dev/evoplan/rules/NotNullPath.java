package dev.evoplan.rules;

/**
 * How the staged plan makes an existing column NOT NULL on each PostgreSQL version: 18+ adds a NOT
 * NULL constraint NOT VALID and validates it; 12 to 17 proves it with a validated CHECK first,
 * which SET NOT NULL then trusts; before 12 SET NOT NULL always scans the table.
 */
final class NotNullPath {
    private NotNullPath() {}

    /** Before 12 no constraint lets SET NOT NULL skip its scan under ACCESS EXCLUSIVE. */
    static boolean scanUnavoidable(int pgVersion) {
        return pgVersion < 12;
    }

    /** The staged steps for one column, in words, with their locks. */
    static String steps(int pgVersion, String column) {
        String validate =
                "VALIDATE CONSTRAINT "
                        + LockPhrase.takes(LockLevel.SHARE_UPDATE_EXCLUSIVE, LockPhrase.WHOLE_SCAN);
        if (pgVersion >= 18) {
            return "ADD CONSTRAINT ... NOT NULL "
                    + column
                    + " NOT VALID "
                    + LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, LockPhrase.BRIEF)
                    + "; then "
                    + validate;
        }
        if (pgVersion >= 12) {
            return "ADD CONSTRAINT ... CHECK ("
                    + column
                    + " IS NOT NULL) NOT VALID "
                    + LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, LockPhrase.BRIEF)
                    + "; then "
                    + validate
                    + "; then SET NOT NULL trusts the validated check instead of scanning, and DROP CONSTRAINT removes"
                    + " the check, each with an ACCESS EXCLUSIVE lock only for a catalog update";
        }
        return "SET NOT NULL on PostgreSQL "
                + pgVersion
                + " "
                + LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, LockPhrase.WHOLE_SCAN);
    }
}
