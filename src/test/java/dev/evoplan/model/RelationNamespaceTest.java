package dev.evoplan.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.source.sql.SqlSource;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * One rule for PostgreSQL's relation namespace ({@link Schema#relationExists}), used by the SQL
 * reader and the partition planner alike.
 */
class RelationNamespaceTest {
    private static Schema read(String sql) {
        return SqlSource.loadFile("s.sql", "s.sql", sql.getBytes(StandardCharsets.UTF_8)).schema();
    }

    @Test
    void tablesViewsSequencesIndexesAndKeysShareOneNamespacePerSchema() {
        Schema s =
                read(
                        """
                        CREATE SCHEMA app;
                        CREATE TABLE app.t (id int CONSTRAINT t_key PRIMARY KEY, code text UNIQUE);
                        CREATE INDEX t_code_idx ON app.t (code);
                        CREATE SEQUENCE app.counter;
                        CREATE VIEW app.v AS SELECT id FROM app.t;
                        CREATE TABLE m (at date) PARTITION BY RANGE (at);
                        CREATE TABLE m_2020 PARTITION OF m FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
                        """);

        for (String name :
                new String[] {"t", "t_key", "t_code_key", "t_code_idx", "counter", "v"}) {
            assertThat(s.relationExists(QualifiedName.of("app", name))).as(name).isTrue();
            assertThat(s.relationExists(QualifiedName.of(name))).as("public." + name).isFalse();
        }
        // A partition the model keeps unread still holds its name.
        assertThat(s.relationExists(QualifiedName.of("m_2020"))).isTrue();
        assertThat(s.holdsRelationNamed(QualifiedName.of("m_2020"))).isTrue();
        assertThat(s.holdsRelationNamed(QualifiedName.of("app", "t_key"))).isFalse();
    }

    @Test
    void aSecondTableOfAPartitionsNameIsRefused() {
        Schema s =
                read(
                        """
                        CREATE TABLE m (at date) PARTITION BY RANGE (at);
                        CREATE TABLE m_2020 PARTITION OF m FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
                        CREATE TABLE m_2020 (id int);
                        """);

        // PostgreSQL refuses it ("relation already exists"): the reader keeps it as unread, not
        // as a second table.
        assertThat(s.tables()).doesNotContainKey(QualifiedName.of("m_2020"));
    }
}
