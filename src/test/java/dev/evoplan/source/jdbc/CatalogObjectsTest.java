package dev.evoplan.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.SchemaDiffer;
import dev.evoplan.model.Policy;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.RowSecurity;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Trigger;
import dev.evoplan.source.sql.SqlSource;
import dev.evoplan.testing.PostgresServers;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Triggers, row-level-security policies and switches are read from a live database: {@code --from}
 * the database against the SQL that made it is no change, and one that differs is seen.
 */
@Tag("postgres")
class CatalogObjectsTest {
    private static final QualifiedName ACCOUNTS = QualifiedName.of("accounts");

    /** Written the way people write it: lower case, EXECUTE PROCEDURE, no parentheses doubled. */
    private static final String DDL =
            """
            CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL, balance int);
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
            create trigger accounts_touch before insert or update on accounts
                for each row execute procedure touch();
            CREATE TRIGGER accounts_audit AFTER DELETE ON accounts EXECUTE FUNCTION touch();
            CREATE TRIGGER accounts_owner BEFORE UPDATE OF owner ON accounts FOR EACH ROW
                WHEN (OLD.owner IS DISTINCT FROM NEW.owner) EXECUTE FUNCTION touch();
            ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
            ALTER TABLE accounts FORCE ROW LEVEL SECURITY;
            CREATE POLICY own ON accounts USING (owner = current_user);
            CREATE POLICY spend ON accounts AS RESTRICTIVE FOR UPDATE TO PUBLIC
                USING (balance >= 0) WITH CHECK (balance >= 0 AND owner = current_user);
            """;

    private static Schema sql(String text) {
        return SqlSource.loadFile("s.sql", "s.sql", text.getBytes(StandardCharsets.UTF_8)).schema();
    }

    private static Schema readAfter(Connection db, String ddl) throws Exception {
        try (Statement st = db.createStatement()) {
            st.execute(ddl);
        }
        return CatalogReader.read(db, Set.of());
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 16, 18})
    void theDatabaseHoldsTheTriggersAndPoliciesTheSqlMade(int major) throws Exception {
        Schema written = sql(DDL);
        try (Connection db = PostgresServers.freshDatabase(major)) {
            Schema read = readAfter(db, DDL);

            assertThat(read.objects().keySet())
                    .contains(
                            Trigger.key(ACCOUNTS, "accounts_touch"),
                            Trigger.key(ACCOUNTS, "accounts_audit"),
                            Policy.key(ACCOUNTS, "own"),
                            Policy.key(ACCOUNTS, "spend"),
                            RowSecurity.key(ACCOUNTS));
            assertThat(read.objects().get(RowSecurity.key(ACCOUNTS)))
                    .isEqualTo(new RowSecurity(ACCOUNTS, true, true));
            assertThat(SchemaDiffer.diff(read.withUnreadOf(written), written)).isEmpty();
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 16, 18})
    void aTriggerOrPolicyTheSqlDoesNotHoldIsSeen(int major) throws Exception {
        // The database fires the trigger after the row is written and grants one more policy.
        String live =
                DDL.replace("before insert or update", "after insert or update")
                        + "CREATE POLICY extra ON accounts FOR SELECT USING (true);\n";
        Schema written = sql(DDL);
        try (Connection db = PostgresServers.freshDatabase(major)) {
            Schema read = readAfter(db, live);

            assertThat(SchemaDiffer.diff(read.withUnreadOf(written), written))
                    .extracting(Change::summary)
                    .containsExactlyInAnyOrder(
                            "replace trigger accounts_touch on accounts",
                            "drop policy extra on accounts");
        }
    }
}
