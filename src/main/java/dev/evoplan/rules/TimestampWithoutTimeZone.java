package dev.evoplan.rules;

import dev.evoplan.model.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * EP602: a new {@code timestamp} (without time zone) column. Its values mean a different instant in
 * every time zone but the one of the server; the guide says always {@code timestamptz}, stored as
 * UTC.
 */
public final class TimestampWithoutTimeZone extends DesignRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "timestamp-without-time-zone",
                    "EP602",
                    "A new column is timestamp without time zone",
                    Safety.ADVICE,
                    LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    List<Finding> review(DesignSubject s) {
        List<Finding> out = new ArrayList<>();
        for (Column c : s.table().columns()) {
            if (s.isNew(c) && c.type().name().equals("timestamp without time zone")) {
                out.add(
                        advise(
                                s,
                                s.table().name()
                                        + "."
                                        + c.name()
                                        + " is "
                                        + c.type().sql()
                                        + ": a wall-clock time without the zone it was read in",
                                "The guide recommends timestamptz: timezone-naive timestamps cause bugs in every time zone but the server's",
                                "Declare it timestamptz: "
                                        + c.name()
                                        + " timestamptz; on a column that holds rows: ALTER TABLE "
                                        + s.sqlName()
                                        + " ALTER COLUMN "
                                        + c.name()
                                        + " TYPE timestamptz USING "
                                        + c.name()
                                        + " AT TIME ZONE 'UTC' (rewrites the table: plan it with evoplan)"));
            }
        }
        return out;
    }
}
