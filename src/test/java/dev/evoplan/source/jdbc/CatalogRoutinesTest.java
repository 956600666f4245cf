package dev.evoplan.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.SchemaDiffer;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Routine;
import dev.evoplan.model.Schema;
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
 * Functions and procedures are read from a live database: {@code --from} the database against the
 * SQL that made it is no change, however differently PostgreSQL prints what the file wrote, and a
 * routine that differs is seen rather than taken from the file.
 */
@Tag("postgres")
public class CatalogRoutinesTest {

    /** Written the way people write them: aliases, options after the body, any order. */
    public static final String DDL =
            """
            CREATE TABLE accounts (id int PRIMARY KEY, owner varchar(40) NOT NULL, balance numeric(12,2));
            CREATE FUNCTION add(a int, b int DEFAULT 1) RETURNS int
                AS $$ SELECT a + b $$ LANGUAGE sql IMMUTABLE STRICT;
            CREATE FUNCTION add(a text, b text) RETURNS text LANGUAGE sql AS 'SELECT a || b';
            CREATE FUNCTION split_balance(acct int, OUT whole bigint, OUT cents int)
                LANGUAGE plpgsql STABLE AS $body$
            BEGIN
                -- the parts of one account's balance
                SELECT trunc(balance), (balance * 100)::int % 100 INTO whole, cents
                FROM accounts WHERE id = acct;
            END
            $body$;
            CREATE FUNCTION owners(prefix varchar(10) = 'a')
                RETURNS TABLE (id int, owner varchar) LANGUAGE sql
                AS $$ SELECT id, owner FROM accounts WHERE owner LIKE prefix || '%' $$;
            CREATE FUNCTION ids() RETURNS SETOF integer LANGUAGE sql AS $$ SELECT id FROM accounts $$;
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql
                SECURITY DEFINER SET search_path = public, pg_temp
                AS $$ BEGIN NEW.balance := coalesce(NEW.balance, 0); RETURN NEW; END $$;
            CREATE TRIGGER accounts_touch BEFORE INSERT ON accounts
                FOR EACH ROW EXECUTE FUNCTION touch();
            CREATE PROCEDURE transfer(src int, dst int, amount numeric)
                LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE accounts SET balance = balance - amount WHERE id = src;
                UPDATE accounts SET balance = balance + amount WHERE id = dst;
            END $$;
            CREATE FUNCTION double_it(x int) RETURNS int LANGUAGE sql RETURN x * 2;
            CREATE FUNCTION clamp(v int, lo int DEFAULT -1, hi int = NULL) RETURNS int
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT greatest(lo, least(v, coalesce(hi, v))) $$;
            """;

    static Schema sql(String text) {
        return SqlSource.loadFile("s.sql", "s.sql", text.getBytes(StandardCharsets.UTF_8)).schema();
    }

    static Schema readAfter(Connection db, String ddl) throws Exception {
        try (Statement st = db.createStatement()) {
            st.execute(ddl);
        }
        return CatalogReader.read(db, Set.of());
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 16, 18})
    void theDatabaseHoldsTheRoutinesTheSqlMade(int major) throws Exception {
        Schema written = sql(DDL);
        try (Connection db = PostgresServers.freshDatabase(major)) {
            Schema read = readAfter(db, DDL);

            assertThat(read.objects().keySet())
                    .contains(
                            Routine.key(QualifiedName.of("add"), "int, int"),
                            Routine.key(QualifiedName.of("add"), "text, text"),
                            Routine.key(QualifiedName.of("split_balance"), "integer"),
                            Routine.key(QualifiedName.of("owners"), "character varying"),
                            Routine.key(QualifiedName.of("transfer"), "integer, integer, numeric"),
                            Routine.key(QualifiedName.of("double_it"), "int4"));
            assertThat(SchemaDiffer.diff(read.withUnreadOf(written), written)).isEmpty();
            assertThat(SchemaDiffer.diff(written, read.withUnreadOf(written))).isEmpty();
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 16, 18})
    void aRoutineTheSqlDoesNotHoldIsSeen(int major) throws Exception {
        // The database runs another body of add(int, int), is not SECURITY DEFINER in touch() and
        // has a function the file does not.
        String live =
                DDL.replace("SELECT a + b", "SELECT a + b + 0")
                        .replace("SECURITY DEFINER", "")
                        .concat(
                                "CREATE FUNCTION extra() RETURNS int LANGUAGE sql AS 'SELECT 1';\n");
        Schema written = sql(DDL);
        try (Connection db = PostgresServers.freshDatabase(major)) {
            Schema read = readAfter(db, live);

            assertThat(SchemaDiffer.diff(read.withUnreadOf(written), written))
                    .extracting(Change::summary)
                    .containsExactlyInAnyOrderElementsOf(
                            SchemaDiffer.diff(sql(live), written).stream()
                                    .map(Change::summary)
                                    .toList())
                    .hasSize(3);
        }
    }
}
