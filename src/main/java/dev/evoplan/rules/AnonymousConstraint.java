package dev.evoplan.rules;

import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * EP606: a new constraint whose name is the one PostgreSQL makes up for an unnamed constraint
 * ({@code users_pkey}, {@code users_email_key}, {@code crawls_source_id_fkey}, {@code
 * pages_size_check}). Later migrations must then spell a generated name, which differs between
 * tools and after a rename; the guide names every constraint ({@code CONSTRAINT
 * uq_sources_name_per_owner}).
 */
public final class AnonymousConstraint extends DesignRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "anonymous-constraint",
                    "EP606",
                    "A new constraint carries the name PostgreSQL generated for it",
                    Safety.ADVICE,
                    LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    List<Finding> review(DesignSubject s) {
        List<Finding> out = new ArrayList<>();
        String table = s.table().name().name();
        if (s.table().primaryKey() != null) {
            check(s, out, s.table().primaryKey().name(), "pkey", "pk_" + table);
        }
        for (UniqueConstraint u : s.table().uniques()) {
            check(s, out, u.name(), "key", "uq_" + table + "_" + String.join("_", u.columns()));
        }
        for (ForeignKey f : s.table().foreignKeys()) {
            check(s, out, f.name(), "fkey", "fk_" + table + "_" + String.join("_", f.columns()));
        }
        for (CheckConstraint c : s.table().checks()) {
            String middle =
                    c.name().length() > table.length() + 1
                            ? c.name().substring(table.length() + 1)
                            : c.name();
            check(
                    s,
                    out,
                    c.name(),
                    "check",
                    "chk_" + table + "_" + middle.replaceAll("_?check\\d*$", ""));
        }
        return out;
    }

    private void check(
            DesignSubject s, List<Finding> out, String name, String label, String suggested) {
        if (!s.isNewConstraint(name) || !generated(s.table().name().name(), name, label)) {
            return;
        }
        out.add(
                advise(
                        s,
                        "constraint "
                                + name
                                + " on "
                                + s.table().name()
                                + " has the name PostgreSQL generated for it",
                        "The guide names every constraint: a generated name is what later migrations must spell to drop or"
                                + " change it, and another tool or a renamed table generates another one",
                        "Name it where it is declared (CONSTRAINT "
                                + suggested
                                + " ...), or: ALTER TABLE "
                                + s.sqlName()
                                + " RENAME CONSTRAINT "
                                + name
                                + " TO "
                                + suggested));
    }

    /**
     * Whether {@code name} has the shape PostgreSQL gives an unnamed constraint of that kind on
     * that table.
     */
    static boolean generated(String table, String name, String label) {
        if (label.equals("pkey")) {
            return name.matches(Pattern.quote(table) + "_pkey\\d*");
        }
        return name.startsWith(table + "_") && name.matches(".*_" + label + "\\d*");
    }
}
