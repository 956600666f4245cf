package dev.evoplan.rules;

import java.util.EnumSet;
import java.util.Set;

/**
 * PostgreSQL's eight table lock modes, weakest first, plus {@link #NONE}. What conflicts with what
 * is PostgreSQL's conflict table (docs, "Table-Level Lock Modes"), encoded once here.
 */
public enum LockLevel {
    NONE("none"),
    ACCESS_SHARE("AccessShareLock"),
    ROW_SHARE("RowShareLock"),
    ROW_EXCLUSIVE("RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),
    SHARE("ShareLock"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),
    EXCLUSIVE("ExclusiveLock"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock");

    private final String pgName;

    LockLevel(String pgName) {
        this.pgName = pgName;
    }

    /** The mode as {@code pg_locks.mode} spells it. */
    public String pgName() {
        return pgName;
    }

    /** The mode as the docs and our reports write it: {@code ACCESS EXCLUSIVE}. */
    public String sqlName() {
        return name().replace('_', ' ');
    }

    public static LockLevel fromPgName(String mode) {
        for (LockLevel l : values()) {
            if (l.pgName.equalsIgnoreCase(mode)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown lock mode " + mode);
    }

    /** The lock modes this one conflicts with. */
    public Set<LockLevel> conflicts() {
        return switch (this) {
            case NONE -> EnumSet.noneOf(LockLevel.class);
            case ACCESS_SHARE -> EnumSet.of(ACCESS_EXCLUSIVE);
            case ROW_SHARE -> EnumSet.of(EXCLUSIVE, ACCESS_EXCLUSIVE);
            case ROW_EXCLUSIVE ->
                    EnumSet.of(SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
            case SHARE_UPDATE_EXCLUSIVE ->
                    EnumSet.of(
                            SHARE_UPDATE_EXCLUSIVE,
                            SHARE,
                            SHARE_ROW_EXCLUSIVE,
                            EXCLUSIVE,
                            ACCESS_EXCLUSIVE);
            case SHARE ->
                    EnumSet.of(
                            ROW_EXCLUSIVE,
                            SHARE_UPDATE_EXCLUSIVE,
                            SHARE_ROW_EXCLUSIVE,
                            EXCLUSIVE,
                            ACCESS_EXCLUSIVE);
            case SHARE_ROW_EXCLUSIVE ->
                    EnumSet.of(
                            ROW_EXCLUSIVE,
                            SHARE_UPDATE_EXCLUSIVE,
                            SHARE,
                            SHARE_ROW_EXCLUSIVE,
                            EXCLUSIVE,
                            ACCESS_EXCLUSIVE);
            case EXCLUSIVE ->
                    EnumSet.of(
                            ROW_SHARE,
                            ROW_EXCLUSIVE,
                            SHARE_UPDATE_EXCLUSIVE,
                            SHARE,
                            SHARE_ROW_EXCLUSIVE,
                            EXCLUSIVE,
                            ACCESS_EXCLUSIVE);
            case ACCESS_EXCLUSIVE -> EnumSet.complementOf(EnumSet.of(NONE));
        };
    }

    public boolean conflictsWith(LockLevel other) {
        return conflicts().contains(other);
    }

    /** Plain SELECTs wait behind this lock. */
    public boolean blocksReads() {
        return conflictsWith(ACCESS_SHARE);
    }

    /** INSERT / UPDATE / DELETE wait behind this lock. */
    public boolean blocksWrites() {
        return conflictsWith(ROW_EXCLUSIVE);
    }

    /** "reads and writes", "writes", "other DDL and VACUUM" or "nothing". */
    public String blocksDescription() {
        if (blocksReads()) {
            return "all reads and writes";
        }
        if (blocksWrites()) {
            return "writes (reads go on)";
        }
        if (conflictsWith(SHARE_UPDATE_EXCLUSIVE)) {
            return "only other DDL and VACUUM (reads and writes go on)";
        }
        return "nothing";
    }

    public static LockLevel strongest(LockLevel a, LockLevel b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
