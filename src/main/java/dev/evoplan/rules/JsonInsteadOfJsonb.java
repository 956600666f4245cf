package dev.evoplan.rules;

import dev.evoplan.model.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * EP613: a new {@code json} column. json keeps the text as written and reparses it on every read;
 * it has no equality operator and no GIN index. The payload columns of the guide are {@code jsonb}.
 */
public final class JsonInsteadOfJsonb extends DesignRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "json-instead-of-jsonb",
                    "EP613",
                    "A new column is json rather than jsonb",
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
            if (s.isNew(c) && c.type().name().equals("json")) {
                out.add(
                        advise(
                                s,
                                s.table().name() + "." + c.name() + " is json",
                                "The guide stores payloads as jsonb: parsed once, indexable (GIN), comparable; json reparses the"
                                        + " text on every read and cannot be indexed or compared",
                                "Declare it jsonb: "
                                        + c.name()
                                        + " jsonb; on a column that holds rows: ALTER TABLE "
                                        + s.sqlName()
                                        + " ALTER COLUMN "
                                        + c.name()
                                        + " TYPE jsonb USING "
                                        + c.name()
                                        + "::jsonb (rewrites the table: plan it with evoplan)"));
            }
        }
        return out;
    }
}
