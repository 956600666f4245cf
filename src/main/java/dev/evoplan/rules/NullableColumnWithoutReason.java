package dev.evoplan.rules;

import dev.evoplan.model.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * EP604: a new nullable column without a comment. The guide makes NOT NULL the default and nullable
 * columns the explained exception; any comment on the column counts as the explanation.
 */
public final class NullableColumnWithoutReason extends DesignRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "nullable-column-without-reason",
                    "EP604",
                    "A new nullable column has no comment saying why it may be NULL",
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
                    && c.nullable()
                    && c.generatedExpression() == null
                    && (c.comment() == null || c.comment().isBlank())) {
                out.add(
                        advise(
                                s,
                                s.table().name()
                                        + "."
                                        + c.name()
                                        + " may be NULL and no comment says why",
                                "The guide makes NOT NULL the default: a nullable column is an exception a reader should be told about",
                                "Make it NOT NULL ("
                                        + c.name()
                                        + " "
                                        + c.type().sql()
                                        + " NOT NULL), or say why it may be empty: "
                                        + "COMMENT ON COLUMN "
                                        + s.sqlName()
                                        + "."
                                        + c.name()
                                        + " IS 'NULL until <event>'"));
            }
        }
        return out;
    }
}
