package dev.evoplan.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.Column;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Volatility;
import dev.evoplan.source.jdbc.DefaultVolatility.Function;
import dev.evoplan.testing.PostgresServers;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("postgres")
class DefaultVolatilityTest {

    /** Column type, default as written, and the volatility PostgreSQL gives it. */
    private static final List<Object[]> DEFAULTS =
            List.of(
                    new Object[] {"text", "'x'", Volatility.CONSTANT},
                    new Object[] {"integer", "42", Volatility.CONSTANT},
                    new Object[] {"varchar(10)", "'x'::varchar(10)", Volatility.CONSTANT},
                    new Object[] {
                        "timestamp(3)", "'2020-01-01 10:00'::timestamp(3)", Volatility.CONSTANT
                    },
                    new Object[] {"date", "'2020-01-01'", Volatility.CONSTANT},
                    new Object[] {"jsonb", "'{\"now()\": 1}'", Volatility.CONSTANT},
                    new Object[] {"integer[]", "ARRAY[1, 2]", Volatility.CONSTANT},
                    new Object[] {"integer", "COALESCE(NULL, 1)", Volatility.CONSTANT},
                    new Object[] {"text", "lower('ABC')", Volatility.CONSTANT},
                    new Object[] {"text", "md5('x')", Volatility.CONSTANT},
                    new Object[] {"boolean", "(2 = ANY (ARRAY[1, 2]))", Volatility.CONSTANT},
                    new Object[] {"timestamptz", "now()", Volatility.STABLE},
                    new Object[] {"timestamptz", "now() + interval '1 day'", Volatility.STABLE},
                    new Object[] {"date", "CURRENT_DATE", Volatility.STABLE},
                    new Object[] {"timestamp(2)", "localtimestamp(2)", Volatility.STABLE},
                    new Object[] {"text", "current_user", Volatility.STABLE},
                    new Object[] {"text", "to_char(now(), 'YYYY')", Volatility.STABLE},
                    new Object[] {"timestamptz", "clock_timestamp()", Volatility.VOLATILE},
                    new Object[] {"double precision", "random()", Volatility.VOLATILE},
                    new Object[] {"integer", "(random() * 10)::integer", Volatility.VOLATILE},
                    new Object[] {"uuid", "gen_random_uuid()", Volatility.VOLATILE},
                    new Object[] {"bigint", "nextval('counter')", Volatility.VOLATILE},
                    new Object[] {"text", "timeofday()", Volatility.VOLATILE});

    @ParameterizedTest
    @ValueSource(ints = {14, 16, 18})
    void readsTheVolatilityPostgresGivesEachDefault(int major) throws Exception {
        StringBuilder ddl = new StringBuilder("CREATE SEQUENCE counter;\nCREATE TABLE d (\n");
        Map<String, Volatility> expected = new LinkedHashMap<>();
        for (int i = 0; i < DEFAULTS.size(); i++) {
            Object[] d = DEFAULTS.get(i);
            ddl.append(i == 0 ? "    " : ",\n    ")
                    .append("c")
                    .append(i)
                    .append(' ')
                    .append(d[0])
                    .append(" DEFAULT ")
                    .append(d[1]);
            expected.put("c" + i + " DEFAULT " + d[1], (Volatility) d[2]);
        }
        ddl.append("\n)");
        try (Connection c = PostgresServers.freshDatabase(major)) {
            CatalogReaderTest.run(c, ddl.toString());
            List<Column> columns =
                    CatalogReader.read(c, Set.of()).tables().get(QualifiedName.of("d")).columns();
            Map<String, Volatility> actual = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                actual.put(
                        "c" + i + " DEFAULT " + DEFAULTS.get(i)[1],
                        columns.get(i).defaultValue().volatility());
            }
            assertThat(actual)
                    .as(
                            columns.stream()
                                    .map(col -> col.name() + ": " + col.defaultValue().expression())
                                    .collect(Collectors.joining("\n")))
                    .isEqualTo(expected);
        }
    }

    @Test
    void findsCallsButNotStringsCastsOrKeywordsBeforeAParenthesis() {
        assertThat(DefaultVolatility.calledNames("nextval('users_id_seq'::regclass)"))
                .containsExactly("nextval");
        assertThat(DefaultVolatility.calledNames("'random()'::text")).isEmpty();
        assertThat(DefaultVolatility.calledNames("'x'::character varying(20)")).isEmpty();
        assertThat(DefaultVolatility.calledNames("'12:00'::time(3) with time zone")).isEmpty();
        assertThat(DefaultVolatility.calledNames("2 = ANY (ARRAY[1, 2])")).isEmpty();
        assertThat(
                        DefaultVolatility.calledNames(
                                "util.next_code() || pg_catalog.lower(\"My Func\"(1))"))
                .containsExactly("My Func", "lower", "next_code");
    }

    @Test
    void aDependencyPostgresRecordedWinsOverTheNameAndItsOverloads() {
        Function immutableOverload = new Function("public", "f", Volatility.CONSTANT);
        DefaultVolatility byName =
                new DefaultVolatility(
                        Map.of(
                                "f",
                                List.of(
                                        immutableOverload,
                                        new Function("public", "f", Volatility.VOLATILE))));

        assertThat(byName.of("f(1)", List.of(immutableOverload))).isEqualTo(Volatility.CONSTANT);
        assertThat(byName.of("f(1)", List.of()))
                .as("without the dependency every overload counts")
                .isEqualTo(Volatility.VOLATILE);
    }

    @Test
    void resolvesUnqualifiedNamesAlongPgCatalogThenPublic() {
        DefaultVolatility byName =
                new DefaultVolatility(
                        Map.of(
                                "lower",
                                        List.of(
                                                new Function(
                                                        "pg_catalog", "lower", Volatility.CONSTANT),
                                                new Function(
                                                        "public", "lower", Volatility.VOLATILE)),
                                "g",
                                        List.of(
                                                new Function("util", "g", Volatility.VOLATILE),
                                                new Function("public", "g", Volatility.STABLE))));

        assertThat(byName.of("lower('A')", List.of())).isEqualTo(Volatility.CONSTANT);
        assertThat(byName.of("public.lower('A')", List.of())).isEqualTo(Volatility.VOLATILE);
        assertThat(byName.of("g()", List.of())).isEqualTo(Volatility.STABLE);
        assertThat(byName.of("util.g()", List.of())).isEqualTo(Volatility.VOLATILE);
    }

    @Test
    void aNameFoundNowhereIsVolatileButSqlSyntaxIsNot() {
        DefaultVolatility nothingKnown = new DefaultVolatility(Map.of());

        assertThat(nothingKnown.of("mystery(1)", List.of())).isEqualTo(Volatility.VOLATILE);
        assertThat(nothingKnown.of("COALESCE(NULL::integer, 1)", List.of()))
                .isEqualTo(Volatility.CONSTANT);
        assertThat(nothingKnown.of("CURRENT_TIMESTAMP(3)", List.of())).isEqualTo(Volatility.STABLE);
        assertThat(nothingKnown.of("'user'::text", List.of())).isEqualTo(Volatility.CONSTANT);
        assertThat(nothingKnown.of("SESSION_USER", List.of())).isEqualTo(Volatility.STABLE);
    }
}
