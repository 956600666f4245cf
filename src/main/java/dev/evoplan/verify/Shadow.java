package dev.evoplan.verify;

import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.source.jdbc.CatalogReader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

/**
 * A file source's schema as PostgreSQL itself builds it (the "shadow database" of other tools):
 * every statement the migration tool would run, raw SQL included, is run in order on a fresh
 * embedded server, and the catalog is read back. Whatever PostgreSQL accepts is then known exactly,
 * in PostgreSQL's own spelling, even where evoplan's folding could not follow (a raw {@code sql}
 * change, a CHECK constraint only formatted SQL can express).
 */
public final class Shadow {
    private Shadow() {}

    /** Names the shadow databases apart when servers are shared (several shadows in one JVM). */
    private static final java.util.concurrent.atomic.AtomicInteger DATABASES =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Both sides shadowed on one server of that major; sources without a history are kept as they
     * are.
     */
    public static List<LoadedSchema> shadow(List<LoadedSchema> sources, int major) {
        try (EmbeddedServers.Lease lease = EmbeddedServers.lease(major)) {
            List<LoadedSchema> out = new java.util.ArrayList<>();
            for (LoadedSchema source : sources) {
                if (source.history().isEmpty()) {
                    out.add(source);
                    continue;
                }
                String database = "shadow" + DATABASES.getAndIncrement();
                try {
                    out.add(shadow(lease.server(), source, database));
                } finally {
                    lease.dropIfLent(database);
                }
            }
            return out;
        }
    }

    private static LoadedSchema shadow(
            EmbeddedPostgres server, LoadedSchema source, String database) {
        try (Connection admin = server.getPostgresDatabase().getConnection();
                Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create the shadow database: " + e.getMessage(), e);
        }
        try (Connection c = server.getDatabase("postgres", database).getConnection()) {
            return shadowIn(c, source);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot read the shadow database: " + e.getMessage(), e);
        }
    }

    /**
     * Both sides shadowed in a container of {@code image} ({@code --shadow docker[:IMAGE]}): the
     * extensions and the server build of that image, not the embedded one's.
     */
    public static List<LoadedSchema> shadowOnDocker(List<LoadedSchema> sources, String image) {
        try (DockerServer server = DockerServer.start(image, "--shadow")) {
            List<LoadedSchema> out = new java.util.ArrayList<>();
            for (LoadedSchema source : sources) {
                if (source.history().isEmpty()) {
                    out.add(source);
                    continue;
                }
                String database;
                try {
                    database = server.createDatabase("_shadow");
                } catch (SQLException e) {
                    throw new InputException(
                            null,
                            0,
                            "--shadow docker: cannot create the shadow database in "
                                    + image
                                    + ": "
                                    + e.getMessage());
                }
                try (Connection c = server.connect(database)) {
                    out.add(shadowIn(c, source));
                } catch (SQLException e) {
                    throw new IllegalStateException(
                            "cannot read the shadow database: " + e.getMessage(), e);
                } finally {
                    server.dropDatabase(database);
                }
            }
            return out;
        }
    }

    /**
     * Runs the source's statements in {@code c}, an empty autocommit database, and reads the
     * catalog back.
     */
    private static LoadedSchema shadowIn(Connection c, LoadedSchema source) throws SQLException {
        c.setAutoCommit(true);
        runHistory(c, source);
        Schema schema =
                dev.evoplan.source.liquibase.Bookkeeping.without(CatalogReader.read(c, Set.of()));
        return new LoadedSchema(source.location(), schema, source.history());
    }

    /**
     * Runs every statement of the source's history, in order, on {@code c} (autocommit): the
     * source's own DDL as the migration tool would run it. Throws InputException naming the file
     * and line of the statement PostgreSQL refused.
     */
    public static void runHistory(Connection c, LoadedSchema source) {
        for (SourceChangeset changeset : source.history()) {
            for (SourceChange change : changeset.changes()) {
                for (String sql : change.writtenSql()) {
                    run(c, sql, change);
                }
            }
        }
    }

    private static void run(Connection c, String sql, SourceChange change) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            String where = change.origin().file() == null ? "" : change.origin().file();
            throw new InputException(
                    where.isEmpty() ? null : where,
                    change.origin().line(),
                    "PostgreSQL refused it in the shadow database: "
                            + String.valueOf(e.getMessage()).replaceAll("\\s+", " "),
                    e);
        }
    }
}
