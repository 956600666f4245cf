import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evoplan.cli.Main;
import dev.evoplan.verify.EmbeddedServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Runs evoplan, in-process, over public test corpora extracted by the scripts beside this file,
 * and prints what it did with each case. Run through {@code bench/corpus/run.sh}.
 *
 * <ul>
 *   <li>{@code squawk DIR}: lints every {@code .sql} case (squawk's rule tests) and compares
 *       evoplan's verdict with squawk's expectation (the file name ends in {@code __ok} or
 *       {@code __err}); a statement evoplan's splitter finds but no finding names is "silent".
 *   <li>{@code psd DIR [--pg MAJOR]}: plans every pg-schema-diff case ({@code old.sql} to
 *       {@code new.sql}); with {@code --pg}, PostgreSQL is the oracle: old and new are applied to
 *       two databases, the plan's SQL runs on the first, and the catalogs are compared.
 * </ul>
 * Writes one line per case to {@code OUT/cases.tsv} and a summary to standard output.
 */
public class Corpus {
    static final ObjectMapper JSON = new ObjectMapper();

    /** With {@code --only FILE}: the case folder names (one a line) to run; all cases without it. */
    static java.util.Set<String> only;

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path dir = Path.of(args[1]);
        Path out = Path.of(args.length > 2 && !args[2].startsWith("--") ? args[2] : "bench/out/corpus-" + mode);
        Integer pg = null;
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--pg")) {
                pg = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--only")) {
                only = Files.readAllLines(Path.of(args[++i])).stream().map(String::strip)
                        .filter(l -> !l.isEmpty()).collect(java.util.stream.Collectors.toSet());
            }
        }
        Files.createDirectories(out);
        Map<String, Integer> tally = new TreeMap<>();
        List<String> rows = new ArrayList<>();
        if (mode.equals("squawk")) {
            squawk(dir, tally, rows);
        } else {
            psd(dir, pg, tally, rows);
        }
        Files.write(out.resolve("cases.tsv"), rows);
        tally.forEach((k, v) -> System.out.printf("%-52s %5d%n", k, v));
        System.out.println("cases: " + rows.size() + " (one line each in " + out.resolve("cases.tsv") + ")");
    }

    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                return null;
            }
        }
    }

    static Run evoplan(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try {
            exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        } catch (Throwable t) {
            exit = 4;
            err.write("escaped: " + t);
        }
        return new Run(exit, out.toString(), err.toString());
    }

    static void count(Map<String, Integer> tally, String key) {
        tally.merge(key, 1, Integer::sum);
    }

    // ---- squawk ---------------------------------------------------------------------------

    static void squawk(Path dir, Map<String, Integer> tally, List<String> rows) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            boolean squawkErr = name.endsWith("__err.sql");
            Run run = evoplan("lint", "--format", "json", file.toString());
            String outcome;
            int silent = 0;
            if (run.exit() >= 2) {
                outcome = run.exit() == 4 ? "crash" : "input-error";
                count(tally, "exit " + run.exit());
            } else {
                JsonNode json = run.json();
                String verdict = json.path("verdict").asText();
                count(tally, "verdict " + verdict);
                silent = silentStatements(file, json, tally);
                if (silent > 0) {
                    count(tally, "cases with a silent statement");
                }
                boolean flagged = !verdict.equals("safe");
                outcome = flagged == squawkErr ? "agree" : (squawkErr ? "squawk-only" : "evoplan-only");
            }
            count(tally, "squawk " + (squawkErr ? "err" : "ok ") + " / " + outcome);
            rows.add(name + "\t" + run.exit() + "\t" + outcome + "\tsilent=" + silent + "\t" + firstLine(run.err()));
        }
    }

    static final java.util.Set<String> SESSION = java.util.Set.of("begin", "start", "commit", "end", "rollback", "abort",
            "savepoint", "release", "set", "reset");

    /** Statements evoplan's own splitter finds in the file that no finding names by line. */
    static int silentStatements(Path file, JsonNode json, Map<String, Integer> tally) throws IOException {
        var split = dev.evoplan.source.sql.SqlSplitter.split(Files.readString(file), file.toString());
        TreeSet<Integer> named = new TreeSet<>();
        for (JsonNode f : json.path("findings")) {
            named.add(f.path("origin").path("line").asInt(-1));
        }
        int silent = 0;
        for (var s : split.statements()) {
            if (s.tokens().isEmpty() || SESSION.contains(s.tokens().get(0).text().toLowerCase(java.util.Locale.ROOT))) {
                continue; // transaction and session statements shape how the others are judged
            }
            // A finding names the line a statement starts on (its first token, after comments).
            int line = s.tokens().get(0).line();
            if (!named.contains(line) && !named.contains(s.line())) {
                silent++;
                List<String> words = s.tokens().stream().limit(3).map(t -> t.text().toUpperCase(java.util.Locale.ROOT)).toList();
                count(tally, "silent statement: " + String.join(" ", words));
            }
        }
        return silent;
    }

    // ---- pg-schema-diff -------------------------------------------------------------------

    static void psd(Path dir, Integer pg, Map<String, Integer> tally, List<String> rows) throws Exception {
        List<Path> cases;
        try (Stream<Path> s = Files.list(dir)) {
            cases = s.filter(Files::isDirectory)
                    .filter(c -> only == null || only.contains(c.getFileName().toString())).sorted().toList();
        }
        EmbeddedPostgres server = pg == null ? null : EmbeddedServers.start(pg);
        int database = 0;
        try {
            for (Path c : cases) {
                JsonNode meta = JSON.readTree(c.resolve("meta.json").toFile());
                Run run = evoplan("plan", "--format", "json", "--from", c.resolve("old.sql").toString(), "--to",
                        c.resolve("new.sql").toString());
                Files.writeString(c.resolve("plan.json"), run.out());
                List<String> outcome = new ArrayList<>();
                if (run.exit() >= 2) {
                    outcome.add(run.exit() == 4 ? "crash" : "input-error");
                } else {
                    JsonNode json = run.json();
                    String verdict = json.path("verdict").asText();
                    int steps = 0;
                    for (JsonNode st : json.path("plan").path("stages")) {
                        steps += st.path("steps").size();
                    }
                    outcome.add("verdict " + verdict);
                    if (meta.path("expectPlanError").asBoolean()) {
                        outcome.add(verdict.equals("needs-review") ? "psd refuses / evoplan needs-review"
                                : "psd refuses / evoplan plans (" + verdict + ")");
                    }
                    if (server != null) {
                        database++;
                        try {
                            outcome.add(oracle(server, database, c, meta, json, steps));
                        } finally {
                            // One case's databases at a time: the server's folder stays small and quick to delete.
                            try (Connection admin = server.getPostgresDatabase().getConnection();
                                 Statement st = admin.createStatement()) {
                                st.execute("DROP DATABASE IF EXISTS a" + database + " WITH (FORCE)");
                                st.execute("DROP DATABASE IF EXISTS b" + database + " WITH (FORCE)");
                            }
                        }
                    } else if (steps == 0 && json.path("findings").isEmpty()
                            && !meta.path("expectEmptyPlan").asBoolean()) {
                        outcome.add("no changes (pg-schema-diff plans some)");
                    }
                }
                outcome.forEach(o -> count(tally, o));
                rows.add(c.getFileName() + "\t" + run.exit() + "\t" + String.join("; ", outcome) + "\t"
                        + firstLine(run.err()));
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** Applies old, runs the plan, applies new elsewhere, and compares the two catalogs. */
    static String oracle(EmbeddedPostgres server, int n, Path c, JsonNode meta, JsonNode plan, int steps)
            throws Exception {
        String a = "a" + n;
        String b = "b" + n;
        try (Connection admin = server.getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
            for (JsonNode role : meta.path("roles")) {
                try {
                    st.execute("CREATE ROLE \"" + role.asText().replace("\"", "\"\"") + "\"");
                } catch (SQLException exists) {
                    // roles are cluster-wide: an earlier case made it
                }
            }
            st.execute("CREATE DATABASE " + a);
            st.execute("CREATE DATABASE " + b);
        }
        try (Connection ca = server.getDatabase("postgres", a).getConnection();
             Connection cb = server.getDatabase("postgres", b).getConnection()) {
            try {
                run(ca, Files.readString(c.resolve("old.sql")));
                run(cb, Files.readString(c.resolve("new.sql")));
            } catch (SQLException e) {
                return "case DDL fails on PostgreSQL";
            }
            boolean differ = !catalog(ca).equals(catalog(cb));
            String verdict = plan.path("verdict").asText();
            for (JsonNode stage : plan.path("plan").path("stages")) {
                for (JsonNode step : stage.path("steps")) {
                    if (!step.path("kind").asText().equals("sql")) {
                        continue;
                    }
                    try {
                        run(ca, step.path("sql").asText());
                    } catch (SQLException e) {
                        // Why, beside the case's files: the step and PostgreSQL's message.
                        Files.writeString(c.resolve("oracle.txt"), step.path("sql").asText() + "\n-- " + e.getMessage() + "\n");
                        return "step rejected by PostgreSQL (" + verdict + ")";
                    }
                }
            }
            if (catalog(ca).equals(catalog(cb))) {
                return differ ? "reaches target" : "no change needed, none planned";
            }
            Files.write(c.resolve("oracle.txt"), dev.evoplan.verify.CatalogSnapshot.differences(catalog(ca), catalog(cb)));
            if (!differ) {
                return "plan changes an equal schema";
            }
            if (steps == 0 && plan.path("findings").isEmpty()) {
                return "SILENT: schemas differ, evoplan reports no change";
            }
            return verdict.equals("needs-review") ? "different end state, needs review said"
                    : "different end state (" + verdict + ")";
        }
    }

    static void run(Connection c, String sql) throws SQLException {
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Every object of the user's schemas, each as one line of PostgreSQL's own definition: verify's own comparison. */
    static TreeSet<String> catalog(Connection c) throws SQLException {
        return dev.evoplan.verify.CatalogSnapshot.read(c);
    }

    static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return (nl < 0 ? t : t.substring(0, nl)).replace('\t', ' ');
    }
}
