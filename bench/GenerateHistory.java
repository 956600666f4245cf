import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the steps of a synthetic changelog history for the history benchmark: for each of N
 * commits, the whole changelog after one more changeset is appended (a table every 4th
 * changeset, else a column or a plain index on the newest table). bench/history.sh commits
 * each step with the git command line.
 *
 * <p>Run: {@code java bench/GenerateHistory.java OUT_DIR N} writes OUT_DIR/step-0001.yaml ...
 */
public class GenerateHistory {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/out/history-steps");
        int total = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Files.createDirectories(out);
        StringBuilder changelog = new StringBuilder("databaseChangeLog:\n");
        int table = 0;
        for (int i = 1; i <= total; i++) {
            List<String> body = new ArrayList<>();
            if (i % 4 == 1) {
                table++;
                body.add("        - createTable:");
                body.add("            tableName: t" + table);
                body.add("            columns:");
                body.add("              - column: {name: id, type: bigint, constraints: {primaryKey: true, primaryKeyName: t" + table + "_pkey}}");
            } else if (i % 4 == 0) {
                body.add("        - createIndex:");
                body.add("            tableName: t" + table);
                body.add("            indexName: t" + table + "_c" + (i - 1) + "_idx");
                body.add("            columns:");
                body.add("              - column: {name: c" + (i - 1) + "}");
            } else {
                body.add("        - addColumn:");
                body.add("            tableName: t" + table);
                body.add("            columns:");
                body.add("              - column: {name: c" + i + ", type: text}");
            }
            changelog.append("  - changeSet:\n      id: ").append(i).append("\n      author: bench\n      changes:\n");
            body.forEach(line -> changelog.append(line).append('\n'));
            Files.writeString(out.resolve(String.format("step-%04d.yaml", i)), changelog, StandardCharsets.UTF_8);
        }
    }
}
