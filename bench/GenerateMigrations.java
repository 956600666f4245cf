import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a folder of Flyway-style SQL migrations for the lint benchmark: {@code files} files,
 * about {@code statements} statements in all, of the shapes real migrations have (tables,
 * columns, concurrent indexes, NOT VALID constraints, batched updates, functions with dollar
 * quoting, comments, lock_timeout settings). Deterministic: the same arguments give the same files.
 *
 * <p>Usage: {@code java bench/GenerateMigrations.java OUT_DIR FILES STATEMENTS}
 */
public class GenerateMigrations {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int files = Integer.parseInt(args[1]);
        int statements = Integer.parseInt(args[2]);
        Random random = new Random(42);
        Files.createDirectories(out);
        try (var old = Files.list(out)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        int written = 0;
        int tables = 0;
        for (int f = 1; f <= files; f++) {
            StringBuilder sql = new StringBuilder();
            int target = (statements - written) / (files - f + 1);
            int here = 0;
            sql.append("-- migration ").append(f).append(": generated for the lint benchmark\n");
            if (f % 3 == 0) {
                sql.append("SET lock_timeout = '2s';\n");
                here++;
            }
            if (tables == 0 || f % 5 == 1) {
                tables++;
                sql.append("CREATE TABLE t").append(tables).append(" (\n")
                        .append("    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n")
                        .append("    name varchar(200) NOT NULL DEFAULT '',\n")
                        .append("    status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'done')),\n")
                        .append("    created_at timestamptz NOT NULL DEFAULT now()\n);\n");
                sql.append("CREATE INDEX t").append(tables).append("_created_idx ON t").append(tables)
                        .append(" (created_at);\n");
                here += 2;
            }
            while (here < target) {
                int t = 1 + random.nextInt(tables);
                int c = random.nextInt(1_000_000);
                switch (random.nextInt(10)) {
                    case 0 -> sql.append("ALTER TABLE t").append(t).append(" ADD COLUMN c").append(c).append(" integer;\n");
                    case 1 -> sql.append("CREATE INDEX CONCURRENTLY IF NOT EXISTS t").append(t).append("_n").append(c)
                            .append("_idx ON t").append(t).append(" (lower(name)) INCLUDE (id) WHERE status = 'new';\n");
                    case 2 -> sql.append("ALTER TABLE t").append(t).append(" ADD CONSTRAINT t").append(t).append("_k").append(c)
                            .append(" CHECK (char_length(name) < 500) NOT VALID;\n");
                    case 3 -> sql.append("UPDATE t").append(t).append(" SET status = 'done' WHERE id BETWEEN ").append(c)
                            .append(" AND ").append(c + 1000).append(";\n");
                    case 4 -> sql.append("COMMENT ON TABLE t").append(t).append(" IS 'rows of kind ").append(c)
                            .append("; see the wiki';\n");
                    case 5 -> sql.append("CREATE OR REPLACE FUNCTION f").append(c).append("() RETURNS trigger LANGUAGE plpgsql AS $fn$\n")
                            .append("BEGIN\n  NEW.name := trim(NEW.name); -- keep names tidy\n  RETURN NEW;\nEND\n$fn$;\n");
                    case 6 -> sql.append("ALTER TABLE t").append(t).append(" ALTER COLUMN name SET DEFAULT 'n").append(c).append("';\n");
                    case 7 -> sql.append("INSERT INTO t").append(t).append(" (name) VALUES ('seed ").append(c).append("');\n");
                    case 8 -> sql.append("ALTER TABLE t").append(t).append(" ADD COLUMN d").append(c)
                            .append(" timestamptz DEFAULT now();\n");
                    default -> sql.append("CREATE INDEX t").append(t).append("_s").append(c).append("_idx ON t").append(t)
                            .append(" (status, created_at DESC);\n");
                }
                here++;
            }
            written += here;
            Files.writeString(out.resolve("V" + f + "__change_" + f + ".sql"), sql.toString());
        }
        System.out.println(files + " files, " + written + " statements in " + out);
    }
}
