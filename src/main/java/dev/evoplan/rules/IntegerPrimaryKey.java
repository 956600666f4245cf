package dev.evoplan.rules;

import dev.evoplan.model.Column;
import dev.evoplan.model.PrimaryKey;
import java.util.List;
import java.util.Set;

/**
 * EP601: a new table whose primary key is one integer column. The guide asks for UUID keys:
 * sequential integers can be enumerated by anyone who sees one, and collide when rows of two
 * databases (shards, environments, imports) meet.
 */
public final class IntegerPrimaryKey extends DesignRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "integer-primary-key",
                    "EP601",
                    "A new table keys its rows by a sequential integer (serial, bigserial or identity)",
                    Safety.ADVICE,
                    LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    private static final Set<String> INTEGERS = Set.of("integer", "bigint", "smallint");

    @Override
    List<Finding> review(DesignSubject s) {
        PrimaryKey pk = s.table().primaryKey();
        if (pk == null || pk.columns().size() != 1 || !s.isNewConstraint(pk.name())) {
            return List.of();
        }
        Column c = s.table().column(pk.columns().get(0)).orElse(null);
        if (c == null || !INTEGERS.contains(c.type().name()) || c.type().arrayDimensions() > 0) {
            return List.of();
        }
        return List.of(
                advise(
                        s,
                        s.table().name()
                                + "."
                                + c.name()
                                + " is the primary key and of type "
                                + c.type().sql()
                                + ": sequential, so a row's key tells how many rows there are and what the next one is",
                        "The guide recommends UUID primary keys: no enumeration risk, no clash when rows of two databases merge",
                        "Key the table by a UUID: "
                                + c.name()
                                + " uuid PRIMARY KEY DEFAULT gen_random_uuid() "
                                + "(built in from PostgreSQL 13; pgcrypto before)"));
    }
}
