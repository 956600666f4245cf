package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.source.sql.SqlSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each design rule (EP6xx) both ways, on schemas read by the SQL source. */
class DesignRulesTest {
    /** A table written the guide's way: no design rule has anything to say about it. */
    private static final String GUIDE_WAY =
            """
            CREATE TABLE users (
                id uuid CONSTRAINT pk_users PRIMARY KEY DEFAULT gen_random_uuid(),
                email text NOT NULL CONSTRAINT uq_users_email UNIQUE,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            COMMENT ON COLUMN users.email IS 'PII: email address. Retention: account lifetime. Erasure: anonymise to hash.';
            CREATE TABLE sources (
                id uuid CONSTRAINT pk_sources PRIMARY KEY DEFAULT gen_random_uuid(),
                owner_id uuid NOT NULL,
                status text NOT NULL DEFAULT 'active',
                payload jsonb NOT NULL,
                note text,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT fk_sources_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE RESTRICT,
                CONSTRAINT chk_sources_status CHECK (status IN ('active', 'paused', 'archived'))
            );
            COMMENT ON COLUMN sources.note IS 'NULL until someone writes one';
            CREATE INDEX idx_sources_owner_id ON sources (owner_id);
            """;

    static Schema schema(String sql) {
        return SqlSource.loadFile("test", "schema.sql", sql.getBytes(StandardCharsets.UTF_8))
                .schema();
    }

    private static List<String> rulesFiring(String sql) {
        return DesignReview.reviewSchema(schema(sql)).stream()
                .map(Finding::ruleId)
                .distinct()
                .toList();
    }

    private static List<Finding> findings(String ruleId, String sql) {
        return DesignReview.reviewSchema(schema(sql)).stream()
                .filter(f -> f.ruleId().equals(ruleId))
                .toList();
    }

    @Test
    void aTableWrittenTheGuidesWayHasNoAdvice() {
        assertThat(DesignReview.reviewSchema(schema(GUIDE_WAY))).isEmpty();
    }

    @Test
    void everyAdvisoryIsAdviceWithoutALockAndGivesSql() {
        List<Finding> all =
                DesignReview.reviewSchema(
                        schema(
                                """
                CREATE TABLE t (id serial PRIMARY KEY, at timestamp, data json, name varchar(255), status text,
                                email text, parent_id integer REFERENCES t (id), CHECK (id > 0));
                CREATE TABLE heap (a integer);
                """));
        assertThat(all)
                .extracting(Finding::ruleId)
                .contains(
                        "integer-primary-key",
                        "timestamp-without-time-zone",
                        "table-without-timestamps",
                        "nullable-column-without-reason",
                        "status-column-without-check",
                        "anonymous-constraint",
                        "varchar-255",
                        "foreign-key-without-index",
                        "foreign-key-without-on-delete",
                        "table-without-primary-key",
                        "pii-column-without-comment",
                        "json-instead-of-jsonb");
        assertThat(all)
                .allSatisfy(
                        f -> {
                            assertThat(f.safety()).isEqualTo(Safety.ADVICE);
                            assertThat(f.lock()).isEqualTo(LockLevel.NONE);
                            assertThat(f.why()).contains("guide");
                            assertThat(f.fix())
                                    .containsAnyOf(
                                            "CREATE",
                                            "ALTER",
                                            "COMMENT",
                                            "uuid",
                                            "timestamptz",
                                            "jsonb",
                                            "text",
                                            "REFERENCES");
                        });
    }

    @Test
    void integerPrimaryKey() {
        assertThat(
                        findings(
                                "integer-primary-key",
                                "CREATE TABLE a (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);"))
                .singleElement()
                .satisfies(
                        f ->
                                assertThat(f.fix())
                                        .contains("uuid PRIMARY KEY DEFAULT gen_random_uuid()"));
        assertThat(findings("integer-primary-key", "CREATE TABLE a (id serial PRIMARY KEY);"))
                .hasSize(1);
        assertThat(findings("integer-primary-key", "CREATE TABLE a (id uuid PRIMARY KEY);"))
                .isEmpty();
        assertThat(
                        findings(
                                "integer-primary-key",
                                "CREATE TABLE a (x integer, y integer, PRIMARY KEY (x, y));"))
                .isEmpty();
    }

    @Test
    void timestampWithoutTimeZone() {
        assertThat(
                        findings(
                                "timestamp-without-time-zone",
                                "CREATE TABLE a (at timestamp NOT NULL);"))
                .singleElement()
                .satisfies(f -> assertThat(f.fix()).contains("TYPE timestamptz"));
        assertThat(
                        findings(
                                "timestamp-without-time-zone",
                                "CREATE TABLE a (at timestamptz NOT NULL);"))
                .isEmpty();
    }

    @Test
    void tableWithoutTimestamps() {
        assertThat(findings("table-without-timestamps", "CREATE TABLE a (id uuid PRIMARY KEY);"))
                .singleElement()
                .satisfies(f -> assertThat(f.what()).contains("no created_at and no updated_at"));
        assertThat(
                        findings(
                                "table-without-timestamps",
                                """
                CREATE TABLE a (id uuid PRIMARY KEY, created_at timestamptz NOT NULL);
                COMMENT ON TABLE a IS 'Events are immutable: append-only';
                """))
                .isEmpty();
        assertThat(
                        findings(
                                "table-without-timestamps",
                                """
                CREATE TABLE a (id uuid PRIMARY KEY, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);
                """))
                .isEmpty();
    }

    @Test
    void nullableColumnWithoutReason() {
        assertThat(
                        findings(
                                "nullable-column-without-reason",
                                "CREATE TABLE a (id uuid PRIMARY KEY, note text);"))
                .singleElement()
                .satisfies(f -> assertThat(f.what()).contains("a.note"));
        assertThat(
                        findings(
                                "nullable-column-without-reason",
                                """
                CREATE TABLE a (id uuid PRIMARY KEY, note text);
                COMMENT ON COLUMN a.note IS 'NULL until reviewed';
                """))
                .isEmpty();
    }

    @Test
    void statusColumnWithoutCheck() {
        assertThat(
                        findings(
                                "status-column-without-check",
                                "CREATE TABLE a (crawl_status text NOT NULL, kind varchar(20));"))
                .hasSize(2);
        assertThat(
                        findings(
                                "status-column-without-check",
                                "CREATE TABLE a (status text NOT NULL CONSTRAINT chk_a_status CHECK (status IN ('a', 'b')));"))
                .isEmpty();
        assertThat(
                        findings(
                                "status-column-without-check",
                                "CREATE TABLE a (status integer NOT NULL, statusline text);"))
                .isEmpty();
    }

    @Test
    void anonymousConstraint() {
        List<Finding> found =
                findings(
                        "anonymous-constraint",
                        """
                CREATE TABLE p (id uuid PRIMARY KEY);
                CREATE TABLE a (id uuid PRIMARY KEY, email text UNIQUE, p uuid REFERENCES p (id), n int CHECK (n > 0));
                """);
        assertThat(found)
                .extracting(Finding::what)
                .anyMatch(w -> w.contains("a_pkey"))
                .anyMatch(w -> w.contains("a_email_key"))
                .anyMatch(w -> w.contains("a_p_fkey"))
                .anyMatch(w -> w.contains("a_n_check"))
                .anyMatch(w -> w.contains("p_pkey"));
        assertThat(found)
                .filteredOn(f -> f.what().contains("a_email_key"))
                .singleElement()
                .satisfies(
                        f ->
                                assertThat(f.fix())
                                        .contains("RENAME CONSTRAINT a_email_key TO uq_a_email"));
        assertThat(findings("anonymous-constraint", GUIDE_WAY)).isEmpty();
    }

    @Test
    void varchar255() {
        assertThat(findings("varchar-255", "CREATE TABLE a (url varchar(255) NOT NULL);"))
                .hasSize(1);
        assertThat(
                        findings(
                                "varchar-255",
                                "CREATE TABLE a (code varchar(3) NOT NULL, url text NOT NULL);"))
                .isEmpty();
    }

    @Test
    void foreignKeyWithoutIndex() {
        String parent = "CREATE TABLE p (id uuid CONSTRAINT pk_p PRIMARY KEY);\n";
        assertThat(
                        findings(
                                "foreign-key-without-index",
                                parent
                                        + "CREATE TABLE c (id uuid PRIMARY KEY, p_id uuid NOT NULL CONSTRAINT fk_c_p REFERENCES p (id));"))
                .singleElement()
                .satisfies(
                        f ->
                                assertThat(f.fix())
                                        .isEqualTo(
                                                "CREATE INDEX CONCURRENTLY idx_c_p_id ON c (p_id)"));
        assertThat(
                        findings(
                                "foreign-key-without-index",
                                parent
                                        + "CREATE TABLE c (id uuid PRIMARY KEY, p_id uuid NOT NULL CONSTRAINT fk_c_p REFERENCES p (id));"
                                        + "CREATE INDEX c_p ON c (p_id) WHERE id IS NOT NULL;"))
                .as("a partial index does not cover every row")
                .hasSize(1);
        assertThat(
                        findings(
                                "foreign-key-without-index",
                                parent
                                        + "CREATE TABLE c (id uuid PRIMARY KEY, p_id uuid NOT NULL CONSTRAINT fk_c_p REFERENCES p (id));"
                                        + "CREATE INDEX c_p ON c (p_id, id);"))
                .isEmpty();
        assertThat(
                        findings(
                                "foreign-key-without-index",
                                parent
                                        + "CREATE TABLE c (p_id uuid NOT NULL CONSTRAINT fk_c_p REFERENCES p (id), n int, PRIMARY KEY (p_id, n));"))
                .as("the primary key leads with the key's column")
                .isEmpty();
    }

    @Test
    void foreignKeyWithoutOnDelete() {
        String parent = "CREATE TABLE p (id uuid PRIMARY KEY);\n";
        assertThat(
                        findings(
                                "foreign-key-without-on-delete",
                                parent + "CREATE TABLE c (p_id uuid REFERENCES p (id));"))
                .singleElement()
                .satisfies(f -> assertThat(f.fix()).contains("ON DELETE RESTRICT"));
        assertThat(
                        findings(
                                "foreign-key-without-on-delete",
                                parent
                                        + "CREATE TABLE c (p_id uuid REFERENCES p (id) ON DELETE CASCADE);"))
                .isEmpty();
    }

    @Test
    void tableWithoutPrimaryKey() {
        assertThat(findings("table-without-primary-key", "CREATE TABLE a (x int NOT NULL);"))
                .hasSize(1);
        assertThat(findings("table-without-primary-key", "CREATE TABLE a (x int PRIMARY KEY);"))
                .isEmpty();
    }

    @Test
    void piiColumnWithoutComment() {
        assertThat(
                        findings(
                                "pii-column-without-comment",
                                """
                CREATE TABLE users (id uuid PRIMARY KEY, name text NOT NULL, email text NOT NULL, last_ip inet,
                                    date_of_birth date, phone_number text);
                """))
                .extracting(Finding::what)
                .hasSize(5)
                .anyMatch(w -> w.contains("users.last_ip looks like personal data (IP address)"));
        assertThat(
                        findings(
                                "pii-column-without-comment",
                                """
                CREATE TABLE sources (id uuid PRIMARY KEY, name text NOT NULL);
                CREATE TABLE users (id uuid PRIMARY KEY, email text NOT NULL);
                COMMENT ON COLUMN users.email IS 'PII: email address. Retention: account lifetime. Erasure: anonymise.';
                """))
                .as("a source's name is no person's; a tagged email is documented")
                .isEmpty();
    }

    @Test
    void jsonInsteadOfJsonb() {
        assertThat(findings("json-instead-of-jsonb", "CREATE TABLE a (data json NOT NULL);"))
                .hasSize(1);
        assertThat(findings("json-instead-of-jsonb", "CREATE TABLE a (data jsonb NOT NULL);"))
                .isEmpty();
    }

    @Test
    void hardDeleteOnStatusTable() {
        Schema s =
                schema(
                        "CREATE TABLE a (id uuid PRIMARY KEY, status text NOT NULL); CREATE TABLE b (id uuid PRIMARY KEY);");
        Change delete =
                new Change.DataChange(
                        QualifiedName.of("a"), "delete", "rows matching a WHERE clause");
        assertThat(DesignReview.reviewAdded(s, s, List.of(delete)))
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.ruleId()).isEqualTo("hard-delete-on-status-table");
                            assertThat(f.fix()).startsWith("UPDATE a SET status = 'archived'");
                        });
        assertThat(
                        DesignReview.reviewAdded(
                                s,
                                s,
                                List.of(
                                        new Change.DataChange(
                                                QualifiedName.of("b"),
                                                "delete",
                                                "rows matching a WHERE clause"),
                                        new Change.DataChange(
                                                QualifiedName.of("a"),
                                                "update",
                                                "rows matching a WHERE clause"))))
                .isEmpty();
    }

    @Test
    void onlyWhatAChangeAddsIsReviewed() {
        Schema before = schema("CREATE TABLE a (id serial PRIMARY KEY, at timestamp);");
        Schema after =
                schema(
                        "CREATE TABLE a (id serial PRIMARY KEY, at timestamp, data json);"
                                + "CREATE TABLE b (id uuid CONSTRAINT pk_b PRIMARY KEY, created_at timestamptz NOT NULL,"
                                + " updated_at timestamptz NOT NULL);");
        assertThat(DesignReview.reviewAdded(before, after, List.of()))
                .extracting(f -> f.ruleId() + " " + f.table())
                .containsExactly("nullable-column-without-reason a", "json-instead-of-jsonb a");
        assertThat(DesignReview.reviewAdded(before, before, List.of())).isEmpty();
    }

    @Test
    void adviceTripsOnlyTheAdviceGate() {
        assertThat(Safety.ADVICE.trips(Safety.MULTI_STEP)).isFalse();
        assertThat(Safety.ADVICE.trips(Safety.DOWNTIME)).isFalse();
        assertThat(Safety.ADVICE.trips(Safety.ADVICE)).isTrue();
        assertThat(Safety.SAFE.trips(Safety.ADVICE)).isFalse();
        assertThat(Safety.MULTI_STEP.trips(Safety.ADVICE)).isTrue();
        assertThat(Safety.worst(Safety.SAFE, Safety.ADVICE)).isEqualTo(Safety.SAFE);
    }

    @Test
    void piiTagsAreReadInTheGuidesForm() {
        assertThat(
                        PiiColumns.tag(
                                "PII: full name. Retention: account lifetime + 30 days. Erasure: set to \"Deleted User\"."))
                .contains(
                        new PiiColumns.Tag(
                                "full name",
                                "account lifetime + 30 days",
                                "set to \"Deleted User\""));
        assertThat(PiiColumns.tag("PII: email address."))
                .contains(new PiiColumns.Tag("email address", null, null));
        assertThat(PiiColumns.tag("The user's email")).isEmpty();
        assertThat(PiiColumns.tag(null)).isEmpty();
    }
}
