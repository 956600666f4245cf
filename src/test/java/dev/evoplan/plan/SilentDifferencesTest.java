package dev.evoplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.rules.Safety;
import dev.evoplan.source.sql.SqlSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two schema files that differ only in what the model used to drop on reading (a check's NO
 * INHERIT, a view's WITH options, an extension's version) were "no changes" (pg-schema-diff's
 * cases, issue 9: nothing passes unread). Each is now a planned change or one for review. Column
 * collations and identity sequence options are modelled now: ColumnCollationAndIdentityTest.
 */
class SilentDifferencesTest {
    /** Both files end in it: two states, diffed, not one file grown. */
    private static final String LAST = "CREATE TABLE last (id int);\n";

    private static LoadedSchema sql(String name, String text) {
        return SqlSource.loadFile(name, name, (text + LAST).getBytes(StandardCharsets.UTF_8));
    }

    private static Analysis analyze(String a, String b) {
        return Analyzer.analyze(sql("a.sql", a), sql("b.sql", b), AnalysisOptions.defaults());
    }

    private static List<String> opaque(Analysis analysis) {
        return analysis.changes().stream()
                .filter(c -> c.kind() == Change.Kind.OPAQUE)
                .map(c -> ((Change.Opaque) c).text())
                .toList();
    }

    private static String planSql(Analysis analysis) {
        return String.join(
                "\n", analysis.plan().steps().stream().map(s -> String.valueOf(s.sql())).toList());
    }

    private static final String TABLE = "CREATE TABLE t (id int PRIMARY KEY, bar bigint);\n";

    @Test
    void aCheckThatBecomesNoInheritIsDroppedAndAddedNoInherit() {
        Analysis analysis =
                analyze(
                        TABLE + "ALTER TABLE t ADD CONSTRAINT c CHECK (bar > id);\n",
                        TABLE + "ALTER TABLE t ADD CONSTRAINT c CHECK (bar > id) NO INHERIT;\n");

        assertThat(analysis.changes())
                .extracting(Change::kind)
                .containsExactlyInAnyOrder(Change.Kind.DROP_CHECK, Change.Kind.ADD_CHECK);
        assertThat(planSql(analysis))
                .contains("ADD CONSTRAINT c CHECK (bar > id) NO INHERIT NOT VALID")
                .contains("DROP CONSTRAINT c");
    }

    @Test
    void aNoInheritCheckThatBecomesInheritableIsAddedWithoutNoInherit() {
        Analysis analysis =
                analyze(
                        "CREATE TABLE t (id int, bar bigint CHECK (bar > 0) NO INHERIT);\n",
                        "CREATE TABLE t (id int, bar bigint CHECK (bar > 0));\n");

        assertThat(analysis.changes())
                .extracting(Change::kind)
                .containsExactlyInAnyOrder(Change.Kind.DROP_CHECK, Change.Kind.ADD_CHECK);
        assertThat(planSql(analysis)).doesNotContain("NO INHERIT");
    }

    @Test
    void aNewTableKeepsItsNoInheritCheck() {
        Analysis analysis = analyze("", "CREATE TABLE n (bar int CHECK (bar > 0) NO INHERIT);\n");

        assertThat(planSql(analysis)).contains("CHECK (bar > 0) NO INHERIT");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            extension version   | CREATE EXTENSION pg_trgm WITH VERSION '1.5';                                                       | CREATE EXTENSION pg_trgm WITH VERSION '1.6';                                                          | extension pg_trgm goes from version 1.5 to 1.6: ALTER EXTENSION pg_trgm UPDATE TO '1.6'
            """)
    void aDifferenceTheModelDroppedIsForReview(String what, String a, String b, String expected) {
        Analysis analysis = analyze(a + "\n", b + "\n");

        assertThat(opaque(analysis)).as(what).anySatisfy(t -> assertThat(t).startsWith(expected));
        assertThat(analysis.worst()).as(what).isEqualTo(Safety.NEEDS_REVIEW);
    }

    private static final String PARENT =
            "CREATE TABLE m (at date NOT NULL, v int) PARTITION BY RANGE (at);\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            bound of partition of  | CREATE TABLE m1 PARTITION OF m FOR VALUES FROM ('2020-01-01') TO ('2021-01-01'); | CREATE TABLE m1 PARTITION OF m FOR VALUES FROM ('2020-01-01') TO ('2022-01-01'); | partition m1 of m changes its bound from FOR VALUES FROM ('2020-01-01') TO ('2021-01-01') to FOR VALUES FROM ('2020-01-01') TO ('2022-01-01'): PostgreSQL cannot change a partition's bound in place
            bound of attach        | CREATE TABLE m1 (at date NOT NULL, v int); ALTER TABLE m ATTACH PARTITION m1 FOR VALUES FROM ('2020-01-01') TO ('2021-01-01'); | CREATE TABLE m1 (at date NOT NULL, v int); ALTER TABLE m ATTACH PARTITION m1 FOR VALUES FROM ('2020-01-01') TO ('2022-01-01'); | changed partition m1 of m: ALTER TABLE m ATTACH PARTITION m1 FOR VALUES FROM ('2020-01-01') TO ('2022-01-01')
            becomes default        | CREATE TABLE m1 PARTITION OF m FOR VALUES FROM ('2020-01-01') TO ('2021-01-01'); | CREATE TABLE m1 PARTITION OF m DEFAULT; | partition m1 of m changes its bound from FOR VALUES FROM ('2020-01-01') TO ('2021-01-01') to DEFAULT
            default attached       | CREATE TABLE m1 (at date NOT NULL, v int); | CREATE TABLE m1 (at date NOT NULL, v int); ALTER TABLE m ATTACH PARTITION m1 DEFAULT; | added partition m1 of m: ALTER TABLE m ATTACH PARTITION m1 DEFAULT
            """)
    void aPartitionBoundThatDiffersIsForReview(String what, String a, String b, String expected) {
        Analysis analysis = analyze(PARENT + a + "\n", PARENT + b + "\n");

        assertThat(opaque(analysis)).as(what).anySatisfy(t -> assertThat(t).startsWith(expected));
        assertThat(analysis.worst()).as(what).isEqualTo(Safety.NEEDS_REVIEW);
    }

    @Test
    void theChangesOfATableMadePlainGoWithItsReviewNotIntoThePlan() {
        // Its former partition, written as a table of its own, holds that name until the old
        // table is dropped; a foreign key added to it would be checked on the table that goes.
        Analysis analysis =
                analyze(
                        "CREATE TABLE r (code text PRIMARY KEY);\n"
                                + PARENT
                                + "CREATE TABLE m1 PARTITION OF m FOR VALUES FROM ('2020-01-01')"
                                + " TO ('2021-01-01');\n",
                        "CREATE TABLE r (code text PRIMARY KEY);\n"
                                + "CREATE TABLE m (at date NOT NULL, v int, code text REFERENCES r);\n"
                                + "CREATE TABLE m1 (at date NOT NULL, v int);\n"
                                + "CREATE INDEX m1_v ON m1 (v);\n");

        assertThat(analysis.changes()).extracting(Change::kind).containsExactly(Change.Kind.OPAQUE);
        assertThat(opaque(analysis).get(0))
                .startsWith("m stops being partitioned")
                .contains(
                        "are not planned: add column m.code, add foreign key m_code_fkey on m -> r,"
                                + " create table m1, create index m1_v on m1");
        assertThat(analysis.worst()).isEqualTo(Safety.NEEDS_REVIEW);
        assertThat(planSql(analysis)).doesNotContain("CREATE TABLE").doesNotContain("ALTER TABLE");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            default collation     | CREATE TABLE t (id int, s text);                                      | CREATE TABLE t (id int, s text COLLATE "default");
            identity defaults     | CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY);                 | CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY (START WITH 1 INCREMENT BY 1 NO CYCLE CACHE 1));
            view options layout   | CREATE TABLE t (id int); CREATE VIEW v WITH (security_barrier) AS SELECT id FROM t; | CREATE TABLE t (id int); CREATE VIEW v WITH ( SECURITY_BARRIER = 'true' ) AS SELECT id FROM t;
            extension no version  | CREATE EXTENSION pg_trgm WITH VERSION '1.6';                          | CREATE EXTENSION pg_trgm;
            collation column gone | CREATE TABLE t (id int, s text COLLATE "C"); ALTER TABLE t DROP COLUMN s; | CREATE TABLE t (id int);
            view options gone     | CREATE TABLE t (id int); CREATE VIEW v WITH (security_barrier) AS SELECT id FROM t; DROP VIEW v; | CREATE TABLE t (id int);
            """)
    void theSameSettingWrittenAnotherWayIsNoChange(String what, String a, String b) {
        Analysis analysis = analyze(a + "\n", b + "\n");

        assertThat(analysis.changes()).as(what).isEmpty();
    }
}
