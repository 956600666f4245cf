package dev.evoplan.rules;

import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * EP605: a new text column named {@code status}, {@code state}, {@code type}, {@code kind} (or
 * ending in one of them) that no CHECK constraint mentions: a small fixed set of values the
 * database does not enforce. The guide wants CHECK constraints for enums, at the database level.
 */
public final class StatusColumnWithoutCheck extends DesignRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "status-column-without-check",
                    "EP605",
                    "A new text column named like a status, type or kind has no CHECK listing its values",
                    Safety.ADVICE,
                    LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    private static final Pattern ENUM_LIKE = Pattern.compile("(^|_)(status|state|type|kind)$");
    private static final Set<String> TEXT =
            Set.of("text", "character varying", "character", "citext");

    /** Whether a column's name says it holds one of a few fixed values. */
    static boolean enumLike(Column c) {
        return ENUM_LIKE.matcher(c.name()).find()
                && TEXT.contains(c.type().name())
                && c.type().arrayDimensions() == 0;
    }

    @Override
    List<Finding> review(DesignSubject s) {
        List<Finding> out = new ArrayList<>();
        for (Column c : s.table().columns()) {
            if (s.isNew(c) && enumLike(c) && !checked(s.table().checks(), c.name())) {
                out.add(
                        advise(
                                s,
                                s.table().name()
                                        + "."
                                        + c.name()
                                        + " holds a fixed set of values that no CHECK enforces",
                                "The guide asks for CHECK constraints for enums: validation in the database, not only in the application",
                                "ALTER TABLE "
                                        + s.sqlName()
                                        + " ADD CONSTRAINT chk_"
                                        + s.table().name().name()
                                        + "_"
                                        + c.name()
                                        + " CHECK ("
                                        + c.name()
                                        + " IN ('...', '...'))"));
            }
        }
        return out;
    }

    /** Whether some CHECK constraint mentions the column. */
    static boolean checked(List<CheckConstraint> checks, String column) {
        Pattern word =
                Pattern.compile(
                        "(^|[^A-Za-z0-9_])\"?" + Pattern.quote(column) + "\"?($|[^A-Za-z0-9_])");
        return checks.stream().anyMatch(k -> word.matcher(k.expression()).find());
    }
}
