package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.Table;
import dev.evoplan.source.jdbc.CatalogReader;
import dev.evoplan.testing.PostgresServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.Set;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.logging.core.NoOpLogService;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liquibase's own tables as evoplan takes them in are the ones Liquibase makes on PostgreSQL: real
 * Liquibase runs a changelog that changes databasechangelog, and the catalog is read back.
 */
@Tag("postgres")
class LiquibaseBookkeepingOnPostgresTest {
    @Test
    @SuppressWarnings("deprecation") // Liquibase's facade runs update on a given connection
    void theTablesAreTheOnesLiquibaseMakes(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("changelog.yaml"),
                """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: me
                      changes:
                        - addUniqueConstraint:
                            tableName: databasechangelog
                            columnNames: id, author, filename
                            constraintName: uq_changelog
                """);
        LoadedSchema loaded =
                new LiquibaseSource()
                        .load(dir.resolve("changelog.yaml"), LiquibaseOptions.defaults());
        SourceChange added = loaded.history().get(0).changes().get(0);

        Schema[] catalog = new Schema[1];
        System.setProperty("liquibase.analytics.enabled", "false");
        try (Connection db = PostgresServers.freshDatabase(PostgresServers.REFERENCE)) {
            Database database =
                    DatabaseFactory.getInstance()
                            .findCorrectDatabaseImplementation(new JdbcConnection(db));
            liquibase.Scope.child(
                    Map.of(liquibase.Scope.Attr.logService.name(), new NoOpLogService()),
                    () -> {
                        try (Liquibase liquibase =
                                new Liquibase(
                                        "changelog.yaml",
                                        new DirectoryResourceAccessor(dir),
                                        database)) {
                            liquibase.update("");
                            // Read before Liquibase closes the connection with itself.
                            catalog[0] = CatalogReader.read(db, Set.of());
                        }
                    });
        }

        for (QualifiedName name : Bookkeeping.TABLES) {
            Table real = catalog[0].table(name).orElseThrow();
            Table modelled = added.after().table(name).orElseThrow();
            assertThat(modelled.columns()).isEqualTo(real.columns());
            assertThat(modelled.primaryKey()).isEqualTo(real.primaryKey());
            assertThat(modelled.uniques()).isEqualTo(real.uniques());
        }
    }
}
