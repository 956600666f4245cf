package dev.evoplan.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.SchemaDiffer;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.View;
import dev.evoplan.source.jdbc.CatalogReader;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.source.liquibase.LiquibaseSource;
import dev.evoplan.source.sql.SqlSource;
import dev.evoplan.testing.PostgresServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One schema editor (issue 9, item 1): random DDL sequences (tables with checks, indexes on columns
 * and expressions, partial and unique indexes, unique constraints, foreign keys, generated columns
 * and views, then renames and drops of columns and tables) read through the SQL front end and
 * through the Liquibase folder (typed renameColumn, renameTable, dropColumn, dropTable) give the
 * same schema, and the same one PostgreSQL's catalog holds after running the SQL.
 *
 * <p>View queries are compared by name against the catalog (PostgreSQL prints them back in its own
 * words); renames of what a view reads are not generated, since the model keeps a view's query as
 * written while PostgreSQL's follows the rename.
 */
@Tag("postgres")
class SchemaEditPathsOnPostgresTest {
    private static final int MAJOR = 16;
    private static final int TRIES = Integer.getInteger("evoplan.schemaEditTries", 30);
    private static final long FIRST_SEED = Long.getLong("evoplan.schemaEditFirstSeed", 1);

    @TempDir Path dir;

    @Test
    void sqlLiquibaseAndTheCatalogAgreeAfterRenamesAndDrops() throws Exception {
        List<String> mismatches = new ArrayList<>();
        TreeMap<String, Integer> statements = new TreeMap<>();
        for (long seed = FIRST_SEED; seed < FIRST_SEED + TRIES; seed++) {
            Scenario scenario = Scenario.random(seed);
            scenario.kinds.forEach(k -> statements.merge(k, 1, Integer::sum));
            String problem = check(scenario);
            if (problem != null) {
                mismatches.add("seed " + seed + ": " + problem + "\n" + scenario.sql());
            }
        }
        System.out.println("schema edit paths: " + TRIES + " sequences, statements " + statements);
        assertThat(mismatches).as("sequences on which the paths disagree").isEmpty();
        // The sequences exercise every edit the editor owns.
        assertThat(statements)
                .containsKeys(
                        "rename column",
                        "rename table",
                        "drop column",
                        "drop table",
                        "generated column",
                        "expression index",
                        "foreign key",
                        "view");
    }

    private String check(Scenario scenario) throws SQLException, IOException {
        String sql = scenario.sql();
        Schema fromSql =
                SqlSource.loadFile("edits.sql", "edits.sql", sql.getBytes(StandardCharsets.UTF_8))
                        .schema();
        Path changelog = dir.resolve("seed-" + scenario.seed + ".yaml");
        Files.writeString(changelog, scenario.liquibase());
        Schema fromLiquibase =
                new LiquibaseSource().load(changelog, LiquibaseOptions.defaults()).schema();
        Schema fromCatalog;
        try (Connection db = PostgresServers.freshDatabase(MAJOR);
                Statement st = db.createStatement()) {
            st.execute(sql);
            fromCatalog = CatalogReader.read(db, Set.of());
        }
        List<Change> liquibaseVsSql = SchemaDiffer.diff(fromSql, fromLiquibase);
        if (!liquibaseVsSql.isEmpty()) {
            return "Liquibase differs from SQL: " + liquibaseVsSql;
        }
        List<Change> sqlVsCatalog =
                SchemaDiffer.diff(viewsByName(fromSql), viewsByName(fromCatalog));
        if (!sqlVsCatalog.isEmpty()) {
            return "SQL differs from the catalog: " + sqlVsCatalog;
        }
        return null;
    }

    /** The schema with each view's query left out: the catalog prints queries in its own words. */
    private static Schema viewsByName(Schema s) {
        TreeMap<QualifiedName, View> views = new TreeMap<>();
        s.views().values().forEach(v -> views.put(v.name(), new View(v.name(), "-", false)));
        return new Schema(
                s.tables(), s.sequences(), s.enums(), views, s.extensions(), s.unmodelled());
    }

    /** A random valid sequence, as SQL statements and as the equivalent Liquibase changes. */
    static final class Scenario {
        final long seed;
        final List<String> statements = new ArrayList<>();
        final List<String> changes = new ArrayList<>();
        final List<String> kinds = new ArrayList<>();
        private final Random random;
        private int counter;

        /** table -> its columns (id first), in order. */
        private final Map<String, List<String>> tables = new LinkedHashMap<>();

        /** view -> the table it reads and the columns it names. */
        private final Map<String, String> viewTable = new LinkedHashMap<>();

        private final Map<String, List<String>> viewColumns = new LinkedHashMap<>();

        /** generated column -> the column it is computed from (column names are never reused). */
        private final Map<String, String> generatedFrom = new LinkedHashMap<>();

        private Scenario(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
        }

        static Scenario random(long seed) {
            Scenario s = new Scenario(seed);
            int creates = 2 + s.random.nextInt(3);
            for (int i = 0; i < creates; i++) {
                s.createTable();
            }
            int decorations = 3 + s.random.nextInt(6);
            for (int i = 0; i < decorations; i++) {
                s.decorate();
            }
            int edits = 3 + s.random.nextInt(6);
            for (int i = 0; i < edits && !s.tables.isEmpty(); i++) {
                s.edit();
            }
            return s;
        }

        String sql() {
            return String.join("\n", statements) + "\n";
        }

        String liquibase() {
            StringBuilder out = new StringBuilder("databaseChangeLog:\n");
            for (int i = 0; i < changes.size(); i++) {
                out.append("  - changeSet:\n")
                        .append("      id: ")
                        .append(i + 1)
                        .append("\n      author: edits\n      changes:\n")
                        .append(changes.get(i).indent(8));
            }
            return out.toString();
        }

        private String fresh(String prefix) {
            return prefix + (++counter);
        }

        private <T> T pick(List<T> items) {
            return items.get(random.nextInt(items.size()));
        }

        private String pickTable() {
            return pick(List.copyOf(tables.keySet()));
        }

        /** Columns other than id that no view names. */
        private List<String> plainColumns(String table) {
            return tables.get(table).stream()
                    .filter(c -> !c.equals("id") && !c.startsWith("g") && !readByView(table, c))
                    .toList();
        }

        private boolean readByView(String table, String column) {
            return viewTable.entrySet().stream()
                    .anyMatch(
                            e ->
                                    e.getValue().equals(table)
                                            && viewColumns.get(e.getKey()).contains(column));
        }

        /** Written as SQL and folded through the Liquibase {@code sql} change. */
        private void raw(String kind, String statement) {
            kinds.add(kind);
            statements.add(statement + ";");
            changes.add("- sql:\n    sql: \"" + statement.replace("\"", "\\\"") + "\"\n");
        }

        private void createTable() {
            String t = fresh("t");
            List<String> columns = new ArrayList<>(List.of("id"));
            StringBuilder sql = new StringBuilder("CREATE TABLE " + t + " (id integer PRIMARY KEY");
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                String c = fresh("c");
                columns.add(c);
                sql.append(", ").append(c).append(" integer");
            }
            if (random.nextBoolean()) {
                String g = fresh("g");
                sql.append(", ")
                        .append(g)
                        .append(" integer GENERATED ALWAYS AS (")
                        .append(columns.get(1))
                        .append(" * 2) STORED");
                columns.add(g);
                generatedFrom.put(g, columns.get(1));
                kinds.add("generated column");
            }
            if (random.nextBoolean()) {
                sql.append(", CONSTRAINT ")
                        .append(fresh("ck"))
                        .append(" CHECK (")
                        .append(columns.get(1))
                        .append(" > 0)");
            }
            sql.append(")");
            tables.put(t, columns);
            raw("create table", sql.toString());
        }

        private void decorate() {
            String t = pickTable();
            List<String> cols = tables.get(t).stream().filter(c -> !c.equals("id")).toList();
            if (cols.isEmpty() || !tables.get(t).contains("id")) {
                return;
            }
            String c = pick(cols);
            String other = pick(cols);
            switch (random.nextInt(8)) {
                case 0 -> raw("index", "CREATE INDEX " + fresh("i") + " ON " + t + " (" + c + ")");
                case 1 ->
                        raw(
                                "expression index",
                                "CREATE INDEX " + fresh("i") + " ON " + t + " ((" + c + " + 1))");
                case 2 ->
                        raw(
                                "partial index",
                                "CREATE UNIQUE INDEX "
                                        + fresh("i")
                                        + " ON "
                                        + t
                                        + " (id) WHERE "
                                        + c
                                        + " > 0");
                case 3 ->
                        raw(
                                "unique",
                                "ALTER TABLE "
                                        + t
                                        + " ADD CONSTRAINT "
                                        + fresh("u")
                                        + " UNIQUE ("
                                        + c
                                        + ")");
                case 4 ->
                        raw(
                                "check",
                                "ALTER TABLE "
                                        + t
                                        + " ADD CONSTRAINT "
                                        + fresh("ck")
                                        + " CHECK ("
                                        + c
                                        + " <> "
                                        + other
                                        + " OR "
                                        + c
                                        + " IS NULL)");
                case 5, 6 -> {
                    String target = pickTable();
                    if (!tables.get(target).contains("id")) {
                        return;
                    }
                    raw(
                            "foreign key",
                            "ALTER TABLE "
                                    + t
                                    + " ADD CONSTRAINT "
                                    + fresh("fk")
                                    + " FOREIGN KEY ("
                                    + c
                                    + ") REFERENCES "
                                    + target
                                    + " (id)");
                }
                default -> {
                    String v = fresh("v");
                    viewTable.put(v, t);
                    viewColumns.put(v, List.of("id", c));
                    raw("view", "CREATE VIEW " + v + " AS SELECT id, " + c + " FROM " + t);
                }
            }
        }

        private void edit() {
            String t = pickTable();
            switch (random.nextInt(4)) {
                case 0 -> {
                    List<String> cols = plainColumns(t);
                    if (cols.isEmpty()) {
                        return;
                    }
                    String from = pick(cols);
                    String to = fresh("r");
                    List<String> columns = tables.get(t);
                    columns.set(columns.indexOf(from), to);
                    generatedFrom.replaceAll((g, source) -> source.equals(from) ? to : source);
                    kinds.add("rename column");
                    statements.add(
                            "ALTER TABLE " + t + " RENAME COLUMN " + from + " TO " + to + ";");
                    changes.add(
                            "- renameColumn:\n    tableName: "
                                    + t
                                    + "\n    oldColumnName: "
                                    + from
                                    + "\n    newColumnName: "
                                    + to
                                    + "\n");
                }
                case 1 -> {
                    if (viewTable.containsValue(t)) {
                        return;
                    }
                    String to = fresh("t");
                    tables.put(to, tables.remove(t));
                    kinds.add("rename table");
                    statements.add("ALTER TABLE " + t + " RENAME TO " + to + ";");
                    changes.add(
                            "- renameTable:\n    oldTableName: "
                                    + t
                                    + "\n    newTableName: "
                                    + to
                                    + "\n");
                }
                case 2 -> {
                    List<String> columns = tables.get(t);
                    if (columns.size() < 2) {
                        return;
                    }
                    String c = pick(columns);
                    columns.remove(c);
                    dropViewsReading(t, c);
                    // Generated columns that read it go with it (PostgreSQL drops them too).
                    for (String g : List.copyOf(columns)) {
                        if (c.equals(generatedFrom.get(g))) {
                            columns.remove(g);
                            dropViewsReading(t, g);
                        }
                    }
                    kinds.add("drop column");
                    // Liquibase writes DROP COLUMN without CASCADE; the folder drops dependents.
                    statements.add("ALTER TABLE " + t + " DROP COLUMN " + c + " CASCADE;");
                    changes.add(
                            "- dropColumn:\n    tableName: " + t + "\n    columnName: " + c + "\n");
                }
                default -> {
                    tables.remove(t);
                    dropViewsReading(t, null);
                    kinds.add("drop table");
                    statements.add("DROP TABLE " + t + " CASCADE;");
                    changes.add(
                            "- dropTable:\n    tableName: "
                                    + t
                                    + "\n    cascadeConstraints: true\n");
                }
            }
        }

        private void dropViewsReading(String table, String column) {
            viewTable
                    .entrySet()
                    .removeIf(
                            e ->
                                    e.getValue().equals(table)
                                            && (column == null
                                                    || viewColumns
                                                            .get(e.getKey())
                                                            .contains(column)));
        }
    }
}
