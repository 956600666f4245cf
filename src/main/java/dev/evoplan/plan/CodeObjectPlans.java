package dev.evoplan.plan;

import dev.evoplan.diff.Change;
import dev.evoplan.model.MaterializedViewIndex;
import dev.evoplan.model.Routine;
import dev.evoplan.model.RowSecurity;
import dev.evoplan.model.SchemaObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Steps for routines, triggers, policies and row-security switches: created in the expand stage (a
 * routine before what calls it, by {@code ChangeOrder}), dropped in the contract stage once the
 * application that relied on them is gone.
 */
final class CodeObjectPlans {
    private CodeObjectPlans() {}

    static List<StagedStep> create(PlanContext ctx, Change.CreateObject change) {
        SchemaObject o = change.object();
        if (o instanceof MaterializedViewIndex m) {
            return ConstraintPlans.createIndex(ctx, new Change.CreateIndex(m.index()));
        }
        StepList steps = new StepList(ctx, change.summary());
        steps.sql(stage(o), statements(o.createSql()), "create " + o.describe())
                .lock(dev.evoplan.rules.Judge.plainLock(change, ctx.pgVersion()), o.table())
                .rollback(o.dropSql() + ";");
        if (o instanceof dev.evoplan.model.Partition p) {
            ownOfNewPartition(ctx, steps, p);
        }
        return steps.build();
    }

    /**
     * A new partition's own indexes and foreign keys, made right after it while it is empty: the
     * plain statements build nothing and check no row; a foreign key briefly takes SHARE ROW
     * EXCLUSIVE on the table it references.
     */
    private static void ownOfNewPartition(
            PlanContext ctx, StepList steps, dev.evoplan.model.Partition p) {
        ctx.markNew(p.name());
        for (dev.evoplan.model.Index i : p.indexes()) {
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.createIndex(i, false),
                            "create index " + i.name() + " (new, empty partition)")
                    .lock(dev.evoplan.rules.LockLevel.SHARE, p.name())
                    .rollback(SqlWriter.dropIndex(i.qualifiedName(), false, false));
        }
        for (dev.evoplan.model.ForeignKey fk : p.foreignKeys()) {
            steps.addAll(
                    ConstraintPlans.foreignKeyOnNewTable(
                            ctx, "foreign key " + fk.name() + " of " + p.name(), p.name(), fk));
        }
    }

    static List<StagedStep> drop(PlanContext ctx, Change.DropObject change) {
        SchemaObject o = change.object();
        if (o instanceof MaterializedViewIndex m) {
            return ConstraintPlans.dropIndex(ctx, new Change.DropIndex(m.index()));
        }
        StepList steps = new StepList(ctx, change.summary());
        if (o instanceof Routine r) {
            // Running code that still calls it fails once it is gone (EVOLUTION.md): like a
            // column, it is dropped only after the deploy that stops calling it.
            steps.checkpoint(
                    StageKind.MIGRATE_READS,
                    "deploy the application that no longer calls "
                            + r.name()
                            + "("
                            + r.arguments()
                            + ")");
        }
        steps.sql(StageKind.CONTRACT, o.dropSql() + ";", "drop " + o.describe())
                .lock(dev.evoplan.rules.Judge.plainLock(change, ctx.pgVersion()), o.table())
                .rollback(statements(o.createSql()));
        return steps.build();
    }

    /**
     * A routine is replaced in place, unless its arguments or result type change (PostgreSQL
     * refuses that in CREATE OR REPLACE): then it is dropped and created in one transaction. A
     * trigger or policy is dropped and created in one transaction; switches are set.
     */
    static List<StagedStep> alter(PlanContext ctx, Change.AlterObject change) {
        SchemaObject from = change.from();
        SchemaObject to = change.to();
        if (from instanceof MaterializedViewIndex was && to instanceof MaterializedViewIndex now) {
            // Dropped CONCURRENTLY in CONTRACT, the new one built CONCURRENTLY under a temporary
            // name and renamed once the old one is gone.
            List<StagedStep> out =
                    new ArrayList<>(
                            ConstraintPlans.dropIndex(ctx, new Change.DropIndex(was.index())));
            out.addAll(ConstraintPlans.createIndex(ctx, new Change.CreateIndex(now.index())));
            return out;
        }
        StepList steps = new StepList(ctx, change.summary());
        String sql = replacement(from, to);
        // Undoing it is the same replacement the other way round.
        String rollback = replacement(to, from);
        steps.sql(stage(to), sql, "replace " + to.describe())
                .lock(dev.evoplan.rules.Judge.plainLock(change, ctx.pgVersion()), to.table())
                .rollback(rollback);
        return steps.build();
    }

    /**
     * EXPAND, but a replica identity USING INDEX waits for VALIDATE: PostgreSQL refuses an index
     * with a nullable column (55000), and a new column's NOT NULL is set in VALIDATE.
     */
    private static StageKind stage(SchemaObject o) {
        return o instanceof dev.evoplan.model.ReplicaIdentity r
                        && r.mode() == dev.evoplan.model.ReplicaIdentity.Mode.INDEX
                ? StageKind.VALIDATE
                : StageKind.EXPAND;
    }

    /** The statements that turn {@code from} into {@code to}, as {@link #alter} describes. */
    private static String replacement(SchemaObject from, SchemaObject to) {
        return switch (to.kind()) {
            case ROUTINE ->
                    inPlace((Routine) from, (Routine) to)
                            ? statements(to.createSql())
                            : from.dropSql() + ";\n" + statements(to.createSql());
            case TRIGGER, POLICY, MATERIALIZED_VIEW_INDEX ->
                    from.dropSql() + ";\n" + statements(to.createSql());
            case ROW_SECURITY -> statements(((RowSecurity) to).setSql((RowSecurity) from));
            case TABLE_GRANT ->
                    ((dev.evoplan.model.TableGrant) to).setSql((dev.evoplan.model.TableGrant) from)
                            + ";";
            case REPLICA_IDENTITY -> statements(to.createSql());
            case STORAGE_PARAMETERS ->
                    ((dev.evoplan.model.StorageParameters) to)
                                    .setSql(
                                            ((dev.evoplan.model.StorageParameters) from)
                                                    .parameters())
                            + ";";
            // PostgreSQL has no ALTER for a bound: detached, then attached with the new one
            // (the attach scans the partition and fails on a row outside the new bound).
            case PARTITION ->
                    ((dev.evoplan.model.Partition) from).detachSql()
                            + ";\n"
                            + ((dev.evoplan.model.Partition) to).attachSql()
                            + ";";
        };
    }

    private static String statements(List<String> sql) {
        List<String> out = new ArrayList<>();
        for (String s : sql) {
            out.add(s + ";");
        }
        return String.join("\n", out);
    }

    private static final Pattern HEAD =
            Pattern.compile(
                    "(?is)^(\\(.*?\\))\\s*(RETURNS\\s+.*?)?\\s*(?=\\bLANGUAGE\\b|\\bAS\\b|\\bRETURN\\b|\\bBEGIN\\b|\\bIMMUTABLE\\b|\\bSTABLE\\b|\\bVOLATILE\\b|\\bSECURITY\\b|\\bSET\\b|\\bSTRICT\\b|\\bCALLED\\b|\\bPARALLEL\\b|\\bCOST\\b|\\bROWS\\b|\\bLEAKPROOF\\b|\\bWINDOW\\b|$)");

    /**
     * Whether CREATE OR REPLACE can turn {@code from} into {@code to}: the same argument list
     * (names and defaults too) and result type as written.
     */
    static boolean inPlace(Routine from, Routine to) {
        if (from.procedure() != to.procedure()) {
            return false;
        }
        // Read for meaning where both are: the catalog prints integer where a file wrote int.
        var was = dev.evoplan.model.RoutineDefinition.parse(from.definition());
        var now = dev.evoplan.model.RoutineDefinition.parse(to.definition());
        if (was != null && now != null) {
            return was.head().equals(now.head());
        }
        return head(from).equals(head(to));
    }

    private static String head(Routine r) {
        Matcher m = HEAD.matcher(r.definition());
        return m.find()
                ? (m.group(1) + " " + (m.group(2) == null ? "" : returns(m.group(2))))
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("\\s+", " ")
                        .strip()
                : r.definition();
    }

    private static final Pattern PLAIN_RETURN_TYPE =
            Pattern.compile(
                    "(?is)^RETURNS\\s+([a-z_][\\w.]*(?:\\s+[a-z_]\\w*)*(?:\\([\\d,\\s]*\\))?(?:\\[\\])*)\\s*$");

    /**
     * The RETURNS clause with a plain result type in PostgreSQL's spelling: RETURNS int and RETURNS
     * integer are one result type, which CREATE OR REPLACE keeps (a drop and create would be
     * refused while another routine or a view depends on it). SETOF and TABLE results stay as
     * written.
     */
    private static String returns(String clause) {
        Matcher m = PLAIN_RETURN_TYPE.matcher(clause.strip());
        if (!m.matches() || m.group(1).toLowerCase(Locale.ROOT).startsWith("setof")) {
            return clause;
        }
        return "returns " + dev.evoplan.model.SqlType.parse(m.group(1)).sql();
    }
}
