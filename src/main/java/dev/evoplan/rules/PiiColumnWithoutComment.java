package dev.evoplan.rules;

import dev.evoplan.model.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * EP611: a new column that looks like personal data by its name or type (email, phone, the name of
 * a person, address, IP, birth date, payment, government id; see {@link PiiColumns}) whose comment
 * is not the PII tag of the guide, so nobody has written down its retention and erasure.
 */
public final class PiiColumnWithoutComment extends DesignRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "pii-column-without-comment",
                    "EP611",
                    "A new column looks like personal data and carries no PII comment",
                    Safety.ADVICE,
                    LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /**
     * Whether this rule made {@code finding}: the data-model document lists these as open privacy
     * questions.
     */
    public static boolean raised(Finding finding) {
        return finding.ruleId().equals(INFO.id());
    }

    @Override
    List<Finding> review(DesignSubject s) {
        List<Finding> out = new ArrayList<>();
        for (Column c : s.table().columns()) {
            if (!s.isNew(c) || PiiColumns.tag(c.comment()).isPresent()) {
                continue;
            }
            Optional<String> kind = PiiColumns.looksLike(s.table(), c);
            if (kind.isPresent()) {
                out.add(
                        advise(
                                s,
                                s.table().name()
                                        + "."
                                        + c.name()
                                        + " looks like personal data ("
                                        + kind.get()
                                        + ") and has no PII comment",
                                "The guide tags every PII column with its class, how long it is kept and how it is erased,"
                                        + " so that a deletion request and the retention job can be answered from the schema",
                                "COMMENT ON COLUMN "
                                        + s.sqlName()
                                        + "."
                                        + c.name()
                                        + " IS 'PII: "
                                        + kind.get()
                                        + ". Retention: <how long>. Erasure: <anonymise or delete>.'"));
            }
        }
        return out;
    }
}
