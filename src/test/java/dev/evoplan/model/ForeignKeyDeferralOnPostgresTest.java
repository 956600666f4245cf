package dev.evoplan.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.testing.PostgresServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SchemaEdits#alterForeignKeyDeferral} against PostgreSQL's catalog: each ALTER CONSTRAINT
 * form, from a key that is not deferrable and from one that is initially deferred, leaves {@code
 * condeferrable} and {@code condeferred} as the edit leaves the model.
 */
@Tag("postgres")
class ForeignKeyDeferralOnPostgresTest {
    /** The written clause and its attributes as the parser gives them (null: not written). */
    private static final List<Object[]> FORMS =
            List.of(
                    new Object[] {"DEFERRABLE", true, null},
                    new Object[] {"NOT DEFERRABLE", false, null},
                    new Object[] {"INITIALLY DEFERRED", null, true},
                    new Object[] {"INITIALLY IMMEDIATE", null, false},
                    new Object[] {"DEFERRABLE INITIALLY DEFERRED", true, true});

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int major : PostgresServers.MAJORS) {
            for (boolean startDeferred : List.of(false, true)) {
                for (Object[] form : FORMS) {
                    out.add(Arguments.of(major, startDeferred, form[0], form[1], form[2]));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "PostgreSQL {0}, from deferred={1}: {2}")
    @MethodSource("cases")
    void theModelSetsWhatTheCatalogSays(
            int major,
            boolean startDeferred,
            String clause,
            Boolean deferrable,
            Boolean initiallyDeferred)
            throws Exception {
        QualifiedName t = QualifiedName.of("t");
        ForeignKey fk =
                new ForeignKey(
                        "t_p_fk",
                        List.of("p_id"),
                        QualifiedName.of("p"),
                        List.of("id"),
                        ReferentialAction.NO_ACTION,
                        ReferentialAction.NO_ACTION,
                        startDeferred,
                        startDeferred,
                        true);
        Schema before =
                Schema.EMPTY.withTable(
                        Table.empty(t)
                                .withColumn(Column.of("p_id", SqlType.parse("integer"), true))
                                .withForeignKeys(List.of(fk)));
        ForeignKey modelled =
                SchemaEdits.alterForeignKeyDeferral(
                                before, t, "t_p_fk", deferrable, initiallyDeferred)
                        .tables()
                        .get(t)
                        .foreignKeys()
                        .get(0);

        try (Connection c = PostgresServers.freshDatabase(major);
                Statement st = c.createStatement()) {
            st.execute(
                    "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (p_id int,"
                            + " CONSTRAINT t_p_fk FOREIGN KEY (p_id) REFERENCES p"
                            + (startDeferred ? " DEFERRABLE INITIALLY DEFERRED" : "")
                            + ")");
            st.execute("ALTER TABLE t ALTER CONSTRAINT t_p_fk " + clause);
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT condeferrable, condeferred FROM pg_constraint"
                                    + " WHERE conname = 't_p_fk'")) {
                rs.next();
                assertThat(List.of(modelled.deferrable(), modelled.initiallyDeferred()))
                        .as("PostgreSQL %d after ALTER CONSTRAINT t_p_fk %s", major, clause)
                        .isEqualTo(List.of(rs.getBoolean(1), rs.getBoolean(2)));
            }
        }
    }
}
