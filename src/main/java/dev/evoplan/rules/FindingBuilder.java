package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Origin;
import dev.evoplan.model.QualifiedName;
import java.util.List;

/**
 * Assembles a {@link Finding} for one rule and change, taking the origin and written SQL from the
 * source change being judged (as written) so that no rule forgets them.
 */
final class FindingBuilder {
    private final RuleInfo info;
    private final Change change;
    private final JudgeContext context;
    private Safety safety;
    private LockLevel lock;
    private QualifiedName table;
    private String what;
    private String why;
    private String fix;
    private String sizeNote;

    private FindingBuilder(RuleInfo info, Change change, JudgeContext context) {
        this.info = info;
        this.change = change;
        this.context = context;
        this.safety = info.defaultSafety();
        this.lock = info.lock();
        this.table = change == null ? null : change.table();
    }

    static FindingBuilder of(RuleInfo info, Change change, JudgeContext context) {
        return new FindingBuilder(info, change, context);
    }

    FindingBuilder safety(Safety s) {
        this.safety = s;
        return this;
    }

    FindingBuilder lock(LockLevel l) {
        this.lock = l;
        return this;
    }

    FindingBuilder table(QualifiedName t) {
        this.table = t;
        return this;
    }

    FindingBuilder what(String w) {
        this.what = w;
        return this;
    }

    FindingBuilder why(String w) {
        this.why = w;
        return this;
    }

    FindingBuilder fix(String f) {
        this.fix = f;
        return this;
    }

    FindingBuilder sizeNote(String n) {
        this.sizeNote = n;
        return this;
    }

    /** Applies a scan-or-rewrite verdict: downtime unless the table is new or known small. */
    FindingBuilder sized(TableSize size) {
        this.safety = size.scanOrRewrite();
        this.sizeNote = size.note();
        return this;
    }

    Finding build() {
        Origin origin =
                context.source() != null
                        ? context.source().origin()
                        : context.changeset() != null
                                ? context.changeset().origin()
                                : Origin.UNKNOWN;
        List<String> written = context.source() != null ? context.source().writtenSql() : List.of();
        return new Finding(
                info.id(), safety, lock, table, what, why, fix, sizeNote, origin, written, change);
    }

    List<Finding> list() {
        return List.of(build());
    }
}
