package dev.evoplan.verify;

import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Table;
import dev.evoplan.model.View;
import dev.evoplan.plan.Planner;
import dev.evoplan.source.jdbc.CatalogReader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * A schema model with its expressions spelled as PostgreSQL prints them. PostgreSQL keeps the
 * parsed form of view queries, CHECK expressions and index expressions and predicates, not their
 * text: {@code status IN ('a', 'b')} reads back as {@code status = ANY (ARRAY['a'::text,
 * 'b'::text])}. To compare a model written by hand with a catalog, the model is built in a scratch
 * database and those expressions are taken from what the server reads back; everything else
 * (columns, types, defaults, keys, names) stays as the source wrote it.
 */
public final class ServerSpelling {
    private static final java.util.concurrent.atomic.AtomicInteger DATABASES =
            new java.util.concurrent.atomic.AtomicInteger();

    private ServerSpelling() {}

    /**
     * {@code target} spelled by building it in {@code scratch}, an empty database of a server of
     * {@code major}.
     */
    public static Schema spell(Connection scratch, Schema target, int major)
            throws SQLException, PlanRunException {
        PlanRunner.run(scratch, Planner.between(Schema.EMPTY, target, major));
        Schema spelled = CatalogReader.read(scratch, Set.of());
        Schema result = target;
        for (View view : target.views().values()) {
            View printed = spelled.views().get(view.name());
            if (printed != null) {
                result = result.withView(printed);
            }
        }
        for (Table table : target.tables().values()) {
            Table printed = spelled.tables().get(table.name());
            if (printed != null) {
                result =
                        result.withTable(
                                table.withChecks(printed.checks()).withIndexes(printed.indexes()));
            }
        }
        return result;
    }

    /**
     * {@code source} spelled on a fresh embedded server of that major (for comparing a file source
     * with a live database); when no embedded server can be had, or it refuses to build the source,
     * the source is returned as it is and the comparison shows where the text differs.
     */
    public static LoadedSchema spellOnEmbedded(LoadedSchema source, int major) {
        EmbeddedServers.Lease lease;
        try {
            lease = EmbeddedServers.lease(major);
        } catch (dev.evoplan.model.InputException noBinaries) {
            return source;
        }
        // Unique per use: a lent server sees several spellings in one JVM.
        String database =
                "evoplan_spelling" + (lease.owned() ? "" : "_" + DATABASES.incrementAndGet());
        EmbeddedPostgres server = lease.server();
        try (lease) {
            try (Connection admin = server.getPostgresDatabase().getConnection();
                    Statement st = admin.createStatement()) {
                st.execute("CREATE DATABASE " + database);
            }
            try (Connection c = server.getDatabase("postgres", database).getConnection()) {
                c.setAutoCommit(true);
                return new LoadedSchema(
                        source.location(), spell(c, source.schema(), major), source.history());
            } finally {
                lease.dropIfLent(database);
            }
        } catch (SQLException | PlanRunException e) {
            return source;
        }
    }
}
