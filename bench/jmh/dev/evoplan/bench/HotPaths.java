package dev.evoplan.bench;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.SchemaDiffer;
import dev.evoplan.model.Schema;
import dev.evoplan.plan.Planner;
import dev.evoplan.rules.Judge;
import dev.evoplan.rules.JudgeContext;
import dev.evoplan.rules.Mode;
import dev.evoplan.rules.TableStats;
import dev.evoplan.source.sql.MigrationReader;
import dev.evoplan.source.sql.SqlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The hot paths of issue 16, each per unit (bench/jmh.sh builds and runs them): lexer + parser
 * per statement, fold per statement (read: parse and fold a migration), judge per change, plan
 * per change. Inputs: a migration of {@value #STATEMENTS} statements in the shapes real ones have
 * (bench/GenerateScale.java writes the same kind).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPaths {
    static final int STATEMENTS = 500;

    private String sql;
    private Path file;
    private Schema schema;
    private List<Change> changes;
    private JudgeContext context;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        StringBuilder text = new StringBuilder();
        int tables = 0;
        for (int i = 0; i < STATEMENTS; i++) {
            if (i % 5 == 0) {
                tables++;
                text.append("CREATE TABLE t").append(tables)
                        .append(" (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now());\n");
                continue;
            }
            switch (i % 5) {
                case 1 -> text.append("ALTER TABLE t").append(tables).append(" ADD COLUMN c").append(i).append(" integer;\n");
                case 2 -> text.append("CREATE INDEX t").append(tables).append("_i").append(i).append(" ON t").append(tables)
                        .append(" (name);\n");
                case 3 -> text.append("ALTER TABLE t").append(tables).append(" ADD CONSTRAINT t").append(tables).append("_k")
                        .append(i).append(" CHECK (char_length(name) < 500) NOT VALID;\n");
                default -> text.append("ALTER TABLE t").append(tables).append(" ALTER COLUMN name SET DEFAULT 'n")
                        .append(i).append("';\n");
            }
        }
        sql = text.toString();
        file = Files.createTempFile("evoplan-jmh", ".sql");
        Files.writeString(file, sql);
        MigrationReader reader = new MigrationReader(Schema.EMPTY, false, null);
        reader.read(file, "bench.sql");
        schema = reader.schema();
        changes = SchemaDiffer.diff(Schema.EMPTY, schema);
        context = new JudgeContext(Mode.AS_PLANNED, JudgeContext.DEFAULT_PG_VERSION, TableStats.UNKNOWN, Schema.EMPTY,
                java.util.Set.of(), null, null);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    @OperationsPerInvocation(STATEMENTS)
    public Object lexAndParsePerStatement() {
        return SqlParser.parse(sql, "bench.sql");
    }

    @Benchmark
    @OperationsPerInvocation(STATEMENTS)
    public Object readAndFoldPerStatement() {
        MigrationReader reader = new MigrationReader(Schema.EMPTY, false, null);
        reader.read(file, "bench.sql");
        return reader.schema();
    }

    /** Per change of the whole schema built from empty: {@link #changes} holds about a change per statement. */
    @Benchmark
    public void judgeAllChanges(Blackhole out) {
        for (Change change : changes) {
            out.consume(Judge.judge(change, context));
        }
    }

    @Benchmark
    public Object diffAndPlanAllChanges() {
        return Planner.between(Schema.EMPTY, schema, JudgeContext.DEFAULT_PG_VERSION);
    }
}
