package dev.evoplan.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.source.liquibase.LiquibaseSource;
import dev.evoplan.testing.PostgresServers;
import dev.evoplan.verify.RowCounts;
import dev.evoplan.verify.Verifier;
import dev.evoplan.verify.VerifyOptions;
import dev.evoplan.verify.VerifyRenderer;
import dev.evoplan.verify.VerifyReport;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Every acceptance case proven by {@code verify} on seeded tables, on two PostgreSQL majors: the
 * locks each step takes are the ones the plan predicts, nothing is rewritten under a lock that
 * claims reads and writes go on, and the result equals the new schema.
 */
@Tag("postgres")
class VerifyAcceptanceTest {
    private static final List<Integer> MAJORS = List.of(14, 18);
    private static final RowCounts ROWS = new RowCounts(50, java.util.Map.of());

    @TestFactory
    Stream<DynamicTest> everyCaseVerifiesOnTwoMajors() {
        return MAJORS.stream()
                .flatMap(
                        major ->
                                AcceptanceCase.all().stream()
                                        .map(
                                                c ->
                                                        DynamicTest.dynamicTest(
                                                                c.name()
                                                                        + " on PostgreSQL "
                                                                        + major,
                                                                () -> {
                                                                    LoadedSchema from =
                                                                            new LiquibaseSource()
                                                                                    .load(
                                                                                            c
                                                                                                    .from(),
                                                                                            LiquibaseOptions
                                                                                                    .defaults());
                                                                    LoadedSchema to =
                                                                            new LiquibaseSource()
                                                                                    .load(
                                                                                            c.to(),
                                                                                            LiquibaseOptions
                                                                                                    .defaults());
                                                                    VerifyOptions options =
                                                                            new VerifyOptions(
                                                                                    c.options(
                                                                                            major),
                                                                                    ROWS);
                                                                    VerifyReport report =
                                                                            Verifier.verify(
                                                                                    PostgresServers
                                                                                            .server(
                                                                                                    major),
                                                                                    from,
                                                                                    to,
                                                                                    Analyzer
                                                                                            .analyze(
                                                                                                    from,
                                                                                                    to,
                                                                                                    options
                                                                                                            .analysis())
                                                                                            .plan(),
                                                                                    options);
                                                                    assertThat(report.passed())
                                                                            .as(
                                                                                    VerifyRenderer
                                                                                            .render(
                                                                                                    report,
                                                                                                    dev
                                                                                                            .evoplan
                                                                                                            .render
                                                                                                            .Format
                                                                                                            .TEXT))
                                                                            .isTrue();
                                                                })));
    }
}
