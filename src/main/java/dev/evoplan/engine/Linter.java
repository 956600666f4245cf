package dev.evoplan.engine;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.Changes;
import dev.evoplan.model.GrowingSet;
import dev.evoplan.model.Migration;
import dev.evoplan.model.MigrationStatement;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.model.StreamedMigration;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.plan.SchemaEvolution;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.DesignReview;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.HardDeleteOnStatusTable;
import dev.evoplan.rules.Judge;
import dev.evoplan.rules.JudgeContext;
import dev.evoplan.rules.Mode;
import dev.evoplan.rules.Safety;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Judges migrations as written, statement by statement (the operational way into the pipeline):
 * each statement's changes by the rule catalogue in the statement's own context, then each
 * statement and each transaction as a whole, then the file's suppression comments.
 *
 * <p>Tables created earlier in the same migration (a SQL file; a changeset of a changelog) are new,
 * so anything on them is safe; tables created by an earlier migration are not: by the time a later
 * migration runs they may hold data.
 */
public final class Linter {
    private Linter() {}

    /**
     * Judges the migrations in order. They are taken one at a time and not kept: a report on
     * thousands of files holds the findings, not every statement's schema states.
     */
    public static LintReport lint(
            List<String> inputs, Iterable<Migration> migrations, AnalysisOptions options) {
        return lint(inputs, migrations, options, false);
    }

    /**
     * As {@link #lint(List, Iterable, AnalysisOptions)}, and with {@code designReview} each
     * migration's design advisories (EP6xx) on the tables and columns it adds, placed at the
     * statement that made each table or column (or at the DELETE of a hard delete).
     */
    public static LintReport lint(
            List<String> inputs,
            Iterable<Migration> migrations,
            AnalysisOptions options,
            boolean designReview) {
        Iterable<StreamedMigration> streamed =
                () -> {
                    java.util.Iterator<Migration> each = migrations.iterator();
                    return new java.util.Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return each.hasNext();
                        }

                        @Override
                        public StreamedMigration next() {
                            return StreamedMigration.of(each.next());
                        }
                    };
                };
        return lintStreamed(inputs, streamed, options, designReview);
    }

    /**
     * As {@link #lint(List, Iterable, AnalysisOptions, boolean)}, each migration's statements
     * judged as they are taken and let go of: what a report on one very large file keeps is its
     * findings, not every statement's schema states. With {@code designReview} a migration's
     * statements are kept until it is judged whole (its advisories compare its first and last
     * states).
     */
    public static LintReport lintStreamed(
            List<String> inputs,
            Iterable<StreamedMigration> migrations,
            AnalysisOptions options,
            boolean designReview) {
        return lintStreamed(inputs, migrations, options, designReview, f -> true);
    }

    /**
     * As {@link #lintStreamed(List, Iterable, AnalysisOptions, boolean)}, keeping whole only the
     * findings {@code listed} accepts (those the report prints); the others are kept as {@link
     * Finding#counted()}: rule, verdict and place, enough to count, suppress and control them. A
     * text report of a million safe findings counts them, and their wording, SQL and changes do not
     * fit in memory.
     */
    public static LintReport lintStreamed(
            List<String> inputs,
            Iterable<StreamedMigration> migrations,
            AnalysisOptions options,
            boolean designReview,
            Predicate<Finding> listed) {
        List<FindingWithFix> verdicts = new ArrayList<>();
        List<FindingWithFix> suppressed = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int statements = 0;
        int files = 0;
        for (StreamedMigration streamed : migrations) {
            files++;
            Migration migration = streamed.outline();
            notes.addAll(migration.notes());
            List<MigrationStatement> whole = designReview ? new ArrayList<>() : null;
            java.util.Iterator<MigrationStatement> taken = streamed.statements();
            Iterable<MigrationStatement> each =
                    whole == null
                            ? () -> taken
                            : () ->
                                    new java.util.Iterator<>() {
                                        @Override
                                        public boolean hasNext() {
                                            return taken.hasNext();
                                        }

                                        @Override
                                        public MigrationStatement next() {
                                            MigrationStatement s = taken.next();
                                            whole.add(s);
                                            return s;
                                        }
                                    };
            Judged judged = judge(migration, each, options, listed);
            statements += judged.statements;
            List<FindingWithFix> found = judged.findings;
            for (Finding f : Judge.judgeFile(migration)) {
                found.add(Analyzer.kept(f, List::of, listed));
            }
            if (designReview) {
                for (FindingWithFix v : designAdvice(whole)) {
                    found.add(Analyzer.kept(v.finding(), v::fix, listed));
                }
            }
            applySuppressions(migration, found, verdicts, suppressed);
        }
        return new LintReport(
                inputs, options.pgVersion(), files, statements, verdicts, suppressed, notes);
    }

    /** One migration's findings and how many of its statements were judged. */
    private record Judged(List<FindingWithFix> findings, int statements) {}

    /**
     * The design advisories on what one migration adds: the schema before its first statement
     * against the schema after its last, so a table created and then altered in the same file is
     * reviewed once, as it ends up.
     */
    private static List<FindingWithFix> designAdvice(List<MigrationStatement> statements) {
        List<MigrationStatement> judged =
                statements.stream()
                        .filter(s -> s.change().kind() != SourceChange.Kind.NONE)
                        .toList();
        if (judged.isEmpty()) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        Map<QualifiedName, SourceChange> firstTouch = new java.util.HashMap<>();
        Map<QualifiedName, SourceChange> firstDelete = new java.util.HashMap<>();
        for (MigrationStatement statement : judged) {
            for (Change change : Changes.of(statement.change())) {
                changes.add(change);
                firstTouch.putIfAbsent(change.table(), statement.change());
                if (change instanceof Change.DataChange) {
                    firstDelete.putIfAbsent(change.table(), statement.change());
                }
            }
        }
        Schema before = withAssumedObjects(judged);
        Schema after = judged.get(judged.size() - 1).change().after();
        List<FindingWithFix> out = new ArrayList<>();
        for (Finding f : DesignReview.reviewAdded(before, after, changes)) {
            SourceChange at =
                    f.ruleId().equals(HardDeleteOnStatusTable.ID)
                            ? firstDelete.get(f.table())
                            : null;
            if (at == null) {
                at = firstTouch.get(f.table());
            }
            out.add(new FindingWithFix(at == null ? f : f.withOrigin(at.origin()), List.of()));
        }
        return out;
    }

    /**
     * The schema before a migration's first statement, with what its later statements took for
     * granted (a table or column an earlier migration made, assumed when a statement uses it):
     * those existed before this migration, so they are not design the migration adds.
     */
    private static Schema withAssumedObjects(List<MigrationStatement> judged) {
        Schema base = judged.get(0).change().before();
        Schema previous = base;
        for (MigrationStatement statement : judged) {
            for (dev.evoplan.model.Table t : statement.change().before().tables().values()) {
                dev.evoplan.model.Table known = previous.tables().get(t.name());
                dev.evoplan.model.Table inBase = base.tables().get(t.name());
                if (known == null && inBase == null) {
                    base = base.withTable(t);
                } else if (known != null && inBase != null) {
                    for (dev.evoplan.model.Column c : t.columns()) {
                        if (!known.hasColumn(c.name()) && !inBase.hasColumn(c.name())) {
                            inBase = inBase.withColumn(c);
                        }
                    }
                    base = base.withTable(inBase);
                }
            }
            previous = statement.change().after();
        }
        return base;
    }

    /**
     * Every finding of one migration, in statement order, with the transaction findings after each
     * transaction.
     */
    private static Judged judge(
            Migration migration,
            Iterable<MigrationStatement> statements,
            AnalysisOptions options,
            Predicate<Finding> listed) {
        List<FindingWithFix> out = new ArrayList<>();
        int judgedStatements = 0;
        GrowingSet<QualifiedName> created = new GrowingSet<>();
        // The tables and the sequences made earlier: nothing else uses them yet, so a lock on one
        // queues no traffic (EP302, EP301). pg_dump writes CREATE SEQUENCE, then ALTER SEQUENCE ...
        // OWNED BY. Only the statement and transaction post-passes read sequences as new; a change
        // on a new sequence is judged as any other.
        GrowingSet<QualifiedName> createdRelations = new GrowingSet<>();
        boolean perChangeset = migration.isChangelog();
        int unit = -1;
        Block block = null;
        for (MigrationStatement statement : statements) {
            SourceChange source = statement.change();
            // Transactions are contiguous: one ends where a statement of another begins.
            if (block != null && block.number != statement.transaction()) {
                out.addAll(transactionFindings(migration, block, listed));
                block = null;
            }
            if (perChangeset && statement.transaction() != unit) {
                unit = statement.transaction();
                created.clear();
                createdRelations.clear();
            }
            if (source.kind() == SourceChange.Kind.NONE) {
                continue;
            }
            judgedStatements++;
            List<Finding> ofStatement = new ArrayList<>();
            JudgeContext context = null;
            java.util.Set<QualifiedName> relationsMade = null;
            // The state each change's fix starts from: the statement's before state with its
            // earlier changes applied, worked out only when a fix is needed (most statements make
            // one change, and most changes have no finding that is not safe).
            Schema planned = source.before();
            int plannedThrough = 0;
            List<Change> changes = Changes.of(source);
            for (int index = 0; index < changes.size(); index++) {
                Change change = changes.get(index);
                context =
                        new JudgeContext(
                                Mode.AS_WRITTEN,
                                options.pgVersion(),
                                options.stats(),
                                source.before(),
                                created.snapshot(),
                                source,
                                null,
                                statement);
                relationsMade = createdRelations.snapshot();
                List<Step> fix = null;
                for (Finding f : Judge.judge(change, context)) {
                    Finding placed = f.withOrigin(source.origin());
                    ofStatement.add(placed);
                    // A safe statement needs no rewrite; a change with several findings is planned
                    // once.
                    if (fix == null && placed.safety() != Safety.SAFE && listed.test(placed)) {
                        // A statement can add a column and make it the key: the key's fix must see
                        // the column.
                        for (; plannedThrough < index; plannedThrough++) {
                            planned = SchemaEvolution.apply(planned, changes.get(plannedThrough));
                        }
                        fix = Analyzer.fixFor(planned, change, created.snapshot(), options);
                    }
                    List<Step> fixOfThis = placed.safety() == Safety.SAFE ? List.of() : fix;
                    out.add(Analyzer.kept(placed, () -> fixOfThis, listed));
                }
                if (change.kind() == Change.Kind.CREATE_TABLE) {
                    created.add(change.table());
                    createdRelations.add(change.table());
                } else if (change instanceof Change.CreateSequence made) {
                    createdRelations.add(made.sequence().name());
                }
            }
            if (context == null) {
                continue;
            }
            JudgeContext afterChanges = context.withNewTables(relationsMade);
            for (Finding f : Judge.judgeStatement(statement, ofStatement, afterChanges)) {
                out.add(Analyzer.kept(f.withOrigin(source.origin()), List::of, listed));
            }
            if (statement.inTransaction()) {
                if (block == null) {
                    block = new Block(statement.transaction());
                }
                block.statements.add(withoutStates(statement));
                block.findings.addAll(ofStatement);
                block.last = afterChanges;
            }
        }
        if (block != null) {
            out.addAll(transactionFindings(migration, block, listed));
        }
        return new Judged(out, judgedStatements);
    }

    /**
     * The statement as a transaction's findings read it (what it is and says, where it is written),
     * without its schema states: a file that runs in one transaction keeps every statement until
     * its commit, and a million statements' states do not fit in memory.
     */
    private static MigrationStatement withoutStates(MigrationStatement statement) {
        SourceChange c = statement.change();
        return new MigrationStatement(
                new SourceChange(
                        c.kind(),
                        c.changeType(),
                        c.origin(),
                        c.writtenSql(),
                        Schema.EMPTY,
                        Schema.EMPTY,
                        c.renames(),
                        c.description(),
                        c.table(),
                        c.written()),
                statement.inTransaction(),
                statement.transaction(),
                statement.lockTimeout(),
                statement.timeZone());
    }

    /**
     * What holding every lock of one transaction until its commit means (EP301). A changeset is
     * named as Liquibase names it ({@code file::id::author}); a SQL file's transaction by its
     * number.
     */
    private static List<FindingWithFix> transactionFindings(
            Migration migration, Block block, Predicate<Finding> listed) {
        if (block.statements.size() < 2) {
            return List.of();
        }
        SourceChange first = block.statements.get(0).change();
        String identity =
                first.origin().changesetId() != null
                        ? first.origin().file()
                                + "::"
                                + first.origin().changesetId()
                                + "::"
                                + first.origin().author()
                        : migration.file() + " (transaction " + block.number + ")";
        SourceChangeset transaction =
                new SourceChangeset(
                        identity,
                        first.origin(),
                        null,
                        true,
                        block.statements.stream().map(MigrationStatement::change).toList());
        List<FindingWithFix> out = new ArrayList<>();
        for (Finding f : Judge.judgeChangeset(transaction, block.findings, block.last)) {
            out.add(Analyzer.kept(f, List::of, listed));
        }
        return out;
    }

    /** The statements that commit together and the findings on them. */
    private static final class Block {
        final int number;
        final List<MigrationStatement> statements = new ArrayList<>();
        final List<Finding> findings = new ArrayList<>();
        JudgeContext last;

        Block(int number) {
            this.number = number;
        }
    }

    /**
     * Moves the findings a suppression with a reason covers into {@code suppressed}; reports a
     * suppression without a reason (it is not honoured) and one that covers nothing.
     */
    private static void applySuppressions(
            Migration migration,
            List<FindingWithFix> found,
            List<FindingWithFix> kept,
            List<FindingWithFix> suppressed) {
        Suppressing.Outcome outcome = Suppressing.apply(migration.suppressions(), found);
        suppressed.addAll(outcome.suppressed());
        List<FindingWithFix> standing = new ArrayList<>(outcome.standing());
        if (!migration.isChangelog()) {
            // One SQL file: line order, so a suppression's report and a transaction's finding sit
            // where they were written. A changelog keeps changeset order (its lines span files).
            standing.sort(
                    Comparator.comparingInt((FindingWithFix v) -> v.finding().origin().line())
                            .thenComparingInt(v -> v.finding().origin().column()));
        }
        kept.addAll(standing);
    }
}
