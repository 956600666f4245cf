package dev.evoplan.rules;

import dev.evoplan.model.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * EP607: a new {@code varchar(255)} column: a length that is no business rule, copied from other
 * databases. The guide says text for unbounded strings, {@code varchar(n)} only when the maximum
 * length is a real rule.
 */
public final class Varchar255 extends DesignRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "varchar-255",
                    "EP607",
                    "A new column is varchar(255)",
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
            if (s.isNew(c)
                    && c.type().name().equals("character varying")
                    && c.type().modifiers().equals(List.of(255))) {
                out.add(
                        advise(
                                s,
                                s.table().name() + "." + c.name() + " is varchar(255)",
                                "The guide recommends text for unbounded strings; varchar(n) only when the maximum length is a"
                                        + " business rule (then a CHECK on length(...) says so)",
                                "Declare it text: "
                                        + c.name()
                                        + " text; on a column that holds rows: ALTER TABLE "
                                        + s.sqlName()
                                        + " ALTER COLUMN "
                                        + c.name()
                                        + " TYPE text (a catalog change: varchar to text does not rewrite)"));
            }
        }
        return out;
    }
}
