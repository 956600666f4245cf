package dev.evoplan.render.export;

import dev.evoplan.source.sql.SqlSplitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

/**
 * Runs an export the way its tool does. Liquibase is the real liquibase-core {@code update}. psql
 * and Flyway are not on this machine (Flyway is not a dependency), so their execution rules are
 * reproduced: psql sends each statement in autocommit (BEGIN and COMMIT are statements like any
 * other), stops at the first error under {@code ON_ERROR_STOP} and at {@code \quit}; Flyway applies
 * versioned migrations in version order, each file in one transaction unless its {@code .conf} says
 * {@code executeInTransaction=false}.
 */
final class ExportRunners {
    private static final Pattern QUIT = Pattern.compile("(?m)^\\\\q(uit)?\\s*$");
    private static final Pattern VERSION = Pattern.compile("^V([0-9_.]+)__.*\\.sql$");

    private ExportRunners() {}

    /**
     * A psql script as {@code psql -X -f FILE} runs it; fails unless it sets ON_ERROR_STOP before
     * its first statement.
     */
    static void psql(Connection c, Path file) throws IOException, SQLException {
        String text = Files.readString(file);
        Matcher quit = QUIT.matcher(text);
        String run = quit.find() ? text.substring(0, quit.start()) : text;
        int stop = run.indexOf("\\set ON_ERROR_STOP on");
        List<SqlSplitter.Statement> statements =
                SqlSplitter.split(run, file.toString()).statements();
        if (stop < 0 || (!statements.isEmpty() && statements.get(0).offset() < stop)) {
            throw new AssertionError(
                    file + " does not set ON_ERROR_STOP before its first statement");
        }
        c.setAutoCommit(true);
        for (SqlSplitter.Statement s : statements) {
            execute(c, s.text());
        }
    }

    /** Every part's folder in order, each file as Flyway runs it. */
    static void flyway(Connection c, Path part) throws IOException, SQLException {
        List<Path> migrations;
        try (Stream<Path> files = Files.list(part)) {
            migrations =
                    files.filter(p -> VERSION.matcher(p.getFileName().toString()).matches())
                            .sorted(
                                    Comparator.comparing(
                                            ExportRunners::version, ExportRunners::compareVersions))
                            .toList();
        }
        for (Path m : migrations) {
            Path conf = m.resolveSibling(m.getFileName() + ".conf");
            boolean inTransaction =
                    !(Files.exists(conf)
                            && Files.readString(conf)
                                    .lines()
                                    .map(String::strip)
                                    .anyMatch("executeInTransaction=false"::equals));
            List<SqlSplitter.Statement> statements =
                    SqlSplitter.split(Files.readString(m), m.toString()).statements();
            c.setAutoCommit(!inTransaction);
            try {
                for (SqlSplitter.Statement s : statements) {
                    execute(c, s.text());
                }
                if (inTransaction) {
                    c.commit();
                }
            } catch (SQLException e) {
                if (inTransaction) {
                    c.rollback();
                }
                throw new SQLException(m.getFileName() + ": " + e.getMessage(), e);
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * {@code liquibase update} of one changelog, by liquibase-core on its own session (Liquibase
     * closes it).
     */
    @SuppressWarnings(
            "deprecation") // Liquibase's facade is the shortest way to run update on a given
    // connection
    static void liquibaseUpdate(Connection session, Path dir, String changelog) throws Exception {
        System.setProperty("liquibase.analytics.enabled", "false");
        Database database =
                DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(session));
        // Liquibase logs every changeset through java.util.logging unless its scope says otherwise.
        java.util.Map<String, Object> quiet =
                java.util.Map.of(
                        liquibase.Scope.Attr.logService.name(),
                        new liquibase.logging.core.NoOpLogService());
        liquibase.Scope.child(
                quiet,
                () -> {
                    try (Liquibase liquibase =
                            new Liquibase(
                                    changelog, new DirectoryResourceAccessor(dir), database)) {
                        liquibase.update("");
                    }
                });
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(false);
            st.execute(sql);
        }
    }

    private static List<Long> version(Path p) {
        Matcher m = VERSION.matcher(p.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(p.toString());
        }
        List<Long> parts = new ArrayList<>();
        for (String n : m.group(1).split("[._]")) {
            parts.add(Long.parseLong(n));
        }
        return parts;
    }

    private static int compareVersions(List<Long> a, List<Long> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            long x = i < a.size() ? a.get(i) : 0;
            long y = i < b.size() ? b.get(i) : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        return 0;
    }
}
