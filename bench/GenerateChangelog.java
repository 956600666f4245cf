import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a synthetic Liquibase YAML changelog pair for benchmarks: {@code v1} with N - K
 * changesets and {@code v2} with the same ones plus K appended, so v2 extends v1.
 * The changesets cycle through the common change types over a growing set of tables.
 *
 * <p>Run: {@code java bench/GenerateChangelog.java OUT_DIR N K}
 */
public class GenerateChangelog {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/out/synthetic");
        int total = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int appended = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        List<String> changesets = new ArrayList<>();
        int tables = 0;
        for (int i = 1; i <= total; i++) {
            int kind = i % 8;
            if (kind == 1 || tables == 0) {
                tables++;
                changesets.add(changeset(i, """
                          - createTable:
                              tableName: t%d
                              columns:
                                - column: {name: id, type: bigint, constraints: {primaryKey: true, primaryKeyName: t%d_pkey}}
                                - column: {name: name, type: varchar(100), constraints: {nullable: false}}
                                - column: {name: created_at, type: timestamptz, defaultValueComputed: now()}
                        """.formatted(tables, tables)));
                continue;
            }
            int t = 1 + (i * 7) % tables;
            String body = switch (kind) {
                case 2 -> """
                          - addColumn:
                              tableName: t%d
                              columns:
                                - column: {name: c%d, type: text}
                        """.formatted(t, i);
                case 3 -> """
                          - createIndex:
                              tableName: t%d
                              indexName: t%d_i%d
                              columns:
                                - column: {name: name}
                        """.formatted(t, t, i);
                case 4 -> """
                          - addColumn:
                              tableName: t%d
                              columns:
                                - column: {name: n%d, type: int, defaultValueNumeric: 0}
                        """.formatted(t, i);
                case 5 -> """
                          - setColumnRemarks:
                              tableName: t%d
                              columnName: name
                              remarks: name of row %d
                        """.formatted(t, i);
                case 6 -> """
                          - addNotNullConstraint:
                              tableName: t%d
                              columnName: created_at
                        """.formatted(t);
                case 7 -> """
                          - addColumn:
                              tableName: t%d
                              columns:
                                - column: {name: v%d, type: varchar(20)}
                        """.formatted(t, i);
                default -> """
                          - setTableRemarks:
                              tableName: t%d
                              remarks: table %d, change %d
                        """.formatted(t, t, i);
            };
            changesets.add(changeset(i, body));
        }
        write(out.resolve("v1"), changesets.subList(0, total - appended));
        write(out.resolve("v2"), changesets);
        System.out.println("wrote " + out + "/v1 (" + (total - appended) + " changesets) and v2 (" + total + ")");
    }

    private static String changeset(int i, String changes) {
        StringBuilder sb = new StringBuilder();
        sb.append("- changeSet:\n    id: \"").append(i).append("\"\n    author: bench\n    changes:\n");
        // The change bodies are written flush left; nest them under "changes:".
        changes.stripIndent().lines().forEach(l -> sb.append("    ").append(l).append('\n'));
        return sb.toString();
    }

    private static void write(Path dir, List<String> changesets) throws IOException {
        Files.createDirectories(dir);
        StringBuilder sb = new StringBuilder("databaseChangeLog:\n");
        changesets.forEach(sb::append);
        Files.writeString(dir.resolve("db.changelog-master.yaml"), sb.toString());
    }
}
