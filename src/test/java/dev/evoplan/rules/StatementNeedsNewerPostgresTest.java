package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.Changes;
import dev.evoplan.model.MigrationStatement;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.source.sql.SqlParser;
import dev.evoplan.source.sql.SqlStatementApplier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * statement-needs-newer-postgres (EP224): each form is refused, as downtime, on the major before
 * the one that introduced it, and passes on that major; the same words in a string, a comment or a
 * function body are not the form. PostgresFeatureOnPostgresTest proves the majors on PostgreSQL.
 */
class StatementNeedsNewerPostgresTest {
    private static final String EXISTING =
            """
            CREATE TABLE users (id bigint PRIMARY KEY, email text, created_at timestamptz);
            CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
            """;

    /** The statement's findings of this rule, linted for PostgreSQL {@code major}. */
    static List<Finding> gated(String sql, int major) {
        return all(sql, major).stream()
                .filter(f -> f.ruleId().equals(StatementNeedsNewerPostgres.INFO.id()))
                .toList();
    }

    /** Every finding of the migration, linted for PostgreSQL {@code major}. */
    static List<Finding> all(String sql, int major) {
        SqlStatementApplier folder = SqlStatementApplier.assumingExisting(Schema.EMPTY);
        folder.foldAll(SqlParser.parse(EXISTING, "V1__existing.sql"));
        List<Finding> out = new ArrayList<>();
        for (SourceChange source : folder.foldAll(SqlParser.parse(sql, "V2__x.sql"))) {
            MigrationStatement statement = new MigrationStatement(source, false, 1, "5s");
            List<Finding> perChange = new ArrayList<>();
            JudgeContext context = null;
            for (Change change : Changes.of(source)) {
                context =
                        new JudgeContext(
                                Mode.AS_WRITTEN,
                                major,
                                TableStats.UNKNOWN,
                                source.before(),
                                Set.of(),
                                source,
                                null,
                                statement);
                perChange.addAll(Judge.judge(change, context));
            }
            out.addAll(perChange);
            if (context != null) {
                out.addAll(Judge.judgeStatement(statement, perChange, context));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{1} from {0}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "12 | REINDEX_CONCURRENTLY          | REINDEX INDEX CONCURRENTLY users_pkey",
                "12 | GENERATED_STORED              | ALTER TABLE users ADD COLUMN domain text GENERATED ALWAYS AS (split_part(email, '@', 2)) STORED",
                "13 | GEN_RANDOM_UUID               | ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid()",
                "14 | DETACH_PARTITION_CONCURRENTLY | ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY",
                "14 | SET_COMPRESSION               | ALTER TABLE users ALTER COLUMN email SET COMPRESSION pglz",
                "15 | SET_ACCESS_METHOD             | ALTER TABLE users SET ACCESS METHOD heap",
                "15 | NULLS_NOT_DISTINCT            | CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email) NULLS NOT DISTINCT",
                "15 | MERGE                         | MERGE INTO users u USING (VALUES (1)) v (id) ON u.id = v.id WHEN MATCHED THEN DELETE",
                "18 | GENERATED_VIRTUAL             | ALTER TABLE users ADD COLUMN domain text GENERATED ALWAYS AS (split_part(email, '@', 2)) VIRTUAL",
                "18 | GENERATED_VIRTUAL             | CREATE TABLE people (cm numeric, inches numeric GENERATED ALWAYS AS (cm / 2.54))",
                "18 | NOT_NULL_CONSTRAINT           | ALTER TABLE users ADD CONSTRAINT users_email_not_null NOT NULL email NOT VALID",
                "18 | NOT_NULL_CONSTRAINT           | ALTER TABLE users ADD NOT NULL email",
            })
    void refusedBeforeTheMajorThatIntroducedItAcceptedFromIt(
            int since, PostgresFeature feature, String sql) {
        assertThat(feature.since()).isEqualTo(since);
        assertThat(gated(sql, since - 1))
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
                            assertThat(f.what())
                                    .startsWith(
                                            "PostgreSQL "
                                                    + (since - 1)
                                                    + " refuses this: the deploy stops here")
                                    .contains(feature.label())
                                    .contains("PostgreSQL " + since + " introduced");
                        });
        assertThat(gated(sql, since)).isEmpty();
        assertThat(gated(sql, 18)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ALTER TABLE users ADD COLUMN note text DEFAULT 'MERGE INTO x NULLS NOT DISTINCT'",
                "ALTER TABLE users ADD COLUMN note text -- GENERATED ALWAYS AS (1) VIRTUAL",
                "ALTER TABLE users ADD COLUMN n int NOT NULL DEFAULT 0",
                "ALTER TABLE users ADD n2 int NOT NULL DEFAULT 0",
                "ALTER TABLE users ADD COLUMN domain text GENERATED ALWAYS AS ((split_part(email, '@', 2))) STORED",
                "CREATE INDEX CONCURRENTLY users_email_idx ON users (email)",
                "ALTER TABLE events DETACH PARTITION events_2020",
                "ALTER TABLE users ADD COLUMN access_method text",
                "COMMENT ON TABLE users IS 'SET ACCESS METHOD heap'",
            })
    void theSameWordsOutsideTheFormAreNotRefused(String sql) {
        assertThat(gated(sql, 14)).isEmpty();
    }

    @Test
    void postgres18sNotNullConstraintIsReadAndJudgedLikeTheCheckItEnforces() {
        assertThat(
                        all(
                                """
                ALTER TABLE users ADD CONSTRAINT users_email_not_null NOT NULL email NOT VALID;
                ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;
                """,
                                18))
                .extracting(f -> f.ruleId() + " " + f.safety() + " " + f.lock())
                .containsExactly(
                        "metadata-only-change SAFE ACCESS_EXCLUSIVE",
                        "metadata-only-change SAFE SHARE_UPDATE_EXCLUSIVE");
        assertThat(all("ALTER TABLE users ADD CONSTRAINT users_email_not_null NOT NULL email", 18))
                .extracting(f -> f.ruleId() + " " + f.safety() + " " + f.lock())
                .containsExactly("add-check-scans-table DOWNTIME ACCESS_EXCLUSIVE");
        assertThat(all("ALTER TABLE users ADD NOT NULL email NOT VALID", 18))
                .extracting(f -> f.ruleId() + " " + f.safety())
                .containsExactly("metadata-only-change SAFE");
    }

    @Test
    void aLongStringDoesNotOverflowTheStack() {
        // A function body or a data literal of some hundred kilobytes: the string pattern recursed
        // per character.
        String big = "'" + "x".repeat(300_000) + "'";
        assertThat(PostgresFeature.refusedBy(12, "INSERT INTO t VALUES (" + big + ")")).isEmpty();
        assertThat(all("SELECT setval('users_id_seq', 1), " + big, 16))
                .extracting(Finding::ruleId)
                .containsExactly("known-lock-statement");
    }

    @Test
    void aFunctionBodyIsNotReadForTheForm() {
        assertThat(
                        PostgresFeature.refusedBy(
                                12,
                                "CREATE FUNCTION f() RETURNS void AS $$ MERGE INTO t USING s ON true"
                                        + " WHEN MATCHED THEN DELETE $$ LANGUAGE sql"))
                .isEmpty();
        assertThat(
                        PostgresFeature.refusedBy(
                                12, "MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE"))
                .containsExactly(PostgresFeature.MERGE);
    }
}
