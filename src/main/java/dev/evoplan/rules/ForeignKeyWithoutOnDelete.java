package dev.evoplan.rules;

import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.ReferentialAction;
import java.util.ArrayList;
import java.util.List;

/**
 * EP609: a new foreign key with the default ON DELETE (NO ACTION). The guide chooses a strategy for
 * each relationship (RESTRICT, CASCADE, SET NULL) and writes down why. The schema model cannot tell
 * a written {@code ON DELETE NO ACTION} from none: both are reported; RESTRICT says the same thing
 * explicitly.
 */
public final class ForeignKeyWithoutOnDelete extends DesignRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "foreign-key-without-on-delete",
                    "EP609",
                    "A new foreign key leaves ON DELETE to the default (NO ACTION)",
                    Safety.ADVICE,
                    LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    List<Finding> review(DesignSubject s) {
        List<Finding> out = new ArrayList<>();
        for (ForeignKey fk : s.table().foreignKeys()) {
            if (s.isNew(fk) && fk.onDelete() == ReferentialAction.NO_ACTION) {
                String cols = String.join(", ", fk.columns());
                out.add(
                        advise(
                                s,
                                "foreign key "
                                        + fk.name()
                                        + " ("
                                        + s.table().name()
                                        + "."
                                        + cols
                                        + " -> "
                                        + fk.target()
                                        + ") does not say what happens when the "
                                        + fk.target()
                                        + " row is deleted",
                                "The guide chooses an ON DELETE strategy per relationship: RESTRICT (keep the parent while children"
                                        + " exist), CASCADE (children go with it), SET NULL (keep the child, forget the parent)",
                                "State the choice where the key is declared: FOREIGN KEY ("
                                        + cols
                                        + ") REFERENCES "
                                        + fk.target().sql()
                                        + " ("
                                        + String.join(", ", fk.targetColumns())
                                        + ") ON DELETE RESTRICT (or CASCADE, or SET NULL)"));
            }
        }
        return out;
    }
}
