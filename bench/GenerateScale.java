import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Inputs for the scaling benchmark (bench/scale.sh). Deterministic.
 * <ul>
 *   <li>{@code statements N FILE}: one SQL migration of N statements: a table every tenth
 *       statement, the others columns, indexes (plain and concurrent), checks, comments and
 *       updates on the tables made so far.</li>
 *   <li>{@code tables N DIR}: {@code DIR/v1.sql}, a schema of N tables (columns, a primary key,
 *       a foreign key to the table before, an index), and {@code DIR/v2.sql}, the same with one
 *       column added, one index added and one table more.</li>
 *   <li>{@code add-columns N FILE}: one table, then N {@code ALTER TABLE ... ADD COLUMN} on it.</li>
 *   <li>{@code create-indexes N FILE}: a table every thousand indexes, then N {@code CREATE INDEX}
 *       statements on them.</li>
 *   <li>{@code ddl MB FILE}: the {@code statements} mix, as many as fill MB megabytes.</li>
 *   <li>{@code single-line MB FILE}: the {@code statements} mix on one line of MB megabytes.</li>
 *   <li>{@code copy MB FILE}: a table and one {@code COPY ... FROM stdin} block of MB megabytes of
 *       rows.</li>
 * </ul>
 * <p>Usage: {@code java bench/GenerateScale.java KIND N OUT}
 */
public class GenerateScale {
    public static void main(String[] args) throws IOException {
        String kind = args[0];
        int n = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        if (!kind.equals("tables")) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            long bytes = n * 1024L * 1024L;
            String sql = switch (kind) {
                case "statements" -> statements(n, Long.MAX_VALUE);
                case "add-columns" -> addColumns(n);
                case "create-indexes" -> createIndexes(n);
                case "ddl" -> statements(Integer.MAX_VALUE, bytes);
                case "single-line" -> statements(Integer.MAX_VALUE, bytes).replace('\n', ' ');
                case "copy" -> copy(bytes);
                default -> throw new IllegalArgumentException("unknown kind " + kind);
            };
            Files.writeString(out, sql);
        } else {
            Files.createDirectories(out);
            String schema = tables(n);
            Files.writeString(out.resolve("v1.sql"), schema);
            Files.writeString(out.resolve("v2.sql"), schema
                    + "ALTER TABLE t1 ADD COLUMN note text;\n"
                    + "CREATE INDEX t2_note_idx ON t2 (name, created_at);\n"
                    + table(n + 1));
        }
    }

    private static String addColumns(int n) {
        StringBuilder sql = new StringBuilder("CREATE TABLE wide (id bigint PRIMARY KEY);\n");
        for (int i = 1; i <= n; i++) {
            sql.append("ALTER TABLE wide ADD COLUMN c").append(i).append(" integer;\n");
        }
        return sql.toString();
    }

    private static String createIndexes(int n) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int t = i / 1000;
            if (i % 1000 == 0) {
                sql.append("CREATE TABLE t").append(t).append(" (id bigint PRIMARY KEY, a int, b text);\n");
            }
            sql.append("CREATE INDEX CONCURRENTLY t").append(t).append("_i").append(i).append(" ON t").append(t)
                    .append(i % 2 == 0 ? " (a);\n" : " (b, a);\n");
        }
        return sql.toString();
    }

    private static String copy(long bytes) {
        StringBuilder sql = new StringBuilder(
                "CREATE TABLE events (id bigint PRIMARY KEY, kind text, payload text);\nCOPY events (id, kind, payload) FROM stdin;\n");
        for (long i = 1; sql.length() < bytes; i++) {
            sql.append(i).append("\tclick\t{\"page\": ").append(i % 977).append(", \"note\": \"semi; colon -- not a comment\"}\n");
        }
        return sql.append("\\.\nCREATE INDEX events_kind_idx ON events (kind);\n").toString();
    }

    /** The mix of statements: n of them, or as many as fill {@code bytes}. */
    private static String statements(int n, long bytes) {
        StringBuilder sql = new StringBuilder("SET lock_timeout = '2s';\n");
        int tables = 0;
        for (int i = 1; i < n && sql.length() < bytes; i++) {
            if (i % 10 == 1) {
                tables++;
                sql.append("CREATE TABLE t").append(tables)
                        .append(" (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now());\n");
                continue;
            }
            int t = 1 + (i * 7) % tables;
            switch (i % 10) {
                case 2, 6 -> sql.append("ALTER TABLE t").append(t).append(" ADD COLUMN c").append(i).append(" integer;\n");
                case 3 -> sql.append("CREATE INDEX CONCURRENTLY t").append(t).append("_i").append(i).append(" ON t")
                        .append(t).append(" (name);\n");
                case 4 -> sql.append("ALTER TABLE t").append(t).append(" ADD CONSTRAINT t").append(t).append("_k").append(i)
                        .append(" CHECK (char_length(name) < 500) NOT VALID;\n");
                case 5 -> sql.append("COMMENT ON TABLE t").append(t).append(" IS 'change ").append(i).append("';\n");
                case 7 -> sql.append("CREATE INDEX t").append(t).append("_p").append(i).append(" ON t").append(t)
                        .append(" (created_at);\n");
                case 8 -> sql.append("UPDATE t").append(t).append(" SET name = 'x' WHERE id = ").append(i).append(";\n");
                default -> sql.append("ALTER TABLE t").append(t).append(" ALTER COLUMN name SET DEFAULT 'n").append(i)
                        .append("';\n");
            }
        }
        return sql.toString();
    }

    private static String tables(int n) {
        StringBuilder sql = new StringBuilder();
        for (int t = 1; t <= n; t++) {
            sql.append(table(t));
        }
        return sql.toString();
    }

    private static String table(int t) {
        return "CREATE TABLE t" + t + " (\n    id bigint PRIMARY KEY,\n    name text NOT NULL,\n"
                + (t > 1 ? "    parent_id bigint REFERENCES t" + (t - 1) + " (id),\n" : "")
                + "    created_at timestamptz NOT NULL DEFAULT now()\n);\n"
                + "CREATE INDEX t" + t + "_created_idx ON t" + t + " (created_at);\n";
    }
}
