package dev.evoplan.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.SchemaDiffer;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.TableGrant;
import dev.evoplan.testing.PostgresServers;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Table privileges are read from a live database's ACLs: the database against the SQL that granted
 * them is no change, and a grant on one side only is the change the SQL-against-SQL diff gives.
 */
@Tag("postgres")
class CatalogGrantsTest {

    /** Roles are cluster-wide: names of this test's own, made once per server. */
    private static final String ROLES =
            """
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'catalog_grants_reader') THEN
                CREATE ROLE catalog_grants_reader;
              END IF;
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'catalog_grants_writer') THEN
                CREATE ROLE catalog_grants_writer;
              END IF;
            END $$;
            """;

    private static final String DDL =
            """
            CREATE TABLE accounts (id int PRIMARY KEY, balance int);
            CREATE TABLE audit (id int);
            CREATE TABLE plain (id int);
            GRANT SELECT, INSERT ON accounts TO catalog_grants_reader, PUBLIC;
            GRANT UPDATE ON TABLE accounts TO CATALOG_GRANTS_WRITER WITH GRANT OPTION;
            GRANT DELETE ON audit TO catalog_grants_writer;
            REVOKE DELETE ON audit FROM catalog_grants_writer;
            """;

    private static Schema readAfter(Connection db, String ddl) throws Exception {
        try (Statement st = db.createStatement()) {
            st.execute(ROLES);
            st.execute(ddl);
        }
        return CatalogReader.read(db, java.util.Set.of());
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 16, 18})
    void theDatabaseHoldsTheGrantsTheSqlMade(int major) throws Exception {
        Schema written = CatalogRoutinesTest.sql(DDL);
        try (Connection db = PostgresServers.freshDatabase(major)) {
            Schema read = readAfter(db, DDL);

            assertThat(read.objects().values())
                    .filteredOn(o -> o instanceof TableGrant)
                    .containsExactlyInAnyOrderElementsOf(
                            written.objects().values().stream()
                                    .filter(o -> o instanceof TableGrant)
                                    .toList())
                    .contains(
                            new TableGrant(
                                    QualifiedName.of("accounts"),
                                    "catalog_grants_writer",
                                    "UPDATE",
                                    true))
                    .hasSize(5);
            assertThat(SchemaDiffer.diff(read.withUnreadOf(written), written)).isEmpty();
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 16, 18})
    void aGrantOnOneSideOnlyIsTheChangeTheSqlDiffGives(int major) throws Exception {
        // The database grants one more privilege, lacks one and holds no grant option.
        String live =
                DDL.replace("SELECT, INSERT ON accounts", "SELECT ON accounts")
                        .replace(" WITH GRANT OPTION", "")
                        .concat("GRANT TRUNCATE ON plain TO catalog_grants_writer;\n");
        Schema written = CatalogRoutinesTest.sql(DDL);
        try (Connection db = PostgresServers.freshDatabase(major)) {
            Schema read = readAfter(db, live);

            assertThat(SchemaDiffer.diff(read.withUnreadOf(written), written))
                    .extracting(Change::summary)
                    .containsExactlyInAnyOrderElementsOf(
                            SchemaDiffer.diff(CatalogRoutinesTest.sql(live), written).stream()
                                    .map(Change::summary)
                                    .toList())
                    .hasSize(4);
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 18})
    void aTableGrantedInAFormNotModelledTakesTheFilesGrants(int major) throws Exception {
        String ddl = DDL + "GRANT ALL ON plain TO catalog_grants_reader;\n";
        Schema written = CatalogRoutinesTest.sql(ddl);
        try (Connection db = PostgresServers.freshDatabase(major)) {
            Schema read = readAfter(db, ddl);

            assertThat(SchemaDiffer.diff(read.withUnreadOf(written), written)).isEmpty();
        }
    }
}
