package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Properties, --contexts, --labels and dbms filters decide what is folded, as {@code liquibase
 * update} would.
 */
class LiquibaseFiltersTest {
    static final Path CHANGELOG = Path.of("fixtures/liquibase/filters/changelog.yaml");

    static LoadedSchema load(LiquibaseOptions options) {
        return new LiquibaseSource().load(CHANGELOG, options);
    }

    static List<String> ids(LoadedSchema loaded) {
        return loaded.history().stream().map(h -> h.origin().changesetId()).toList();
    }

    static Table table(LoadedSchema loaded, String name) {
        return loaded.schema().tables().get(QualifiedName.of(name));
    }

    @Test
    void withoutContextsOrLabelsEveryChangesetRunsButDbmsStillFilters() {
        LoadedSchema loaded = load(LiquibaseOptions.defaults());

        assertThat(ids(loaded))
                .containsExactly(
                        "base",
                        "test-data",
                        "prod-only",
                        "not-test",
                        "feature-x",
                        "postgres-only",
                        "per-change-dbms");
        assertThat(table(loaded, "customers").columns())
                .extracting(c -> c.name())
                .containsExactly("id", "prod_only", "not_test", "x_col", "pg_only");
    }

    @Test
    void propertiesAreSubstitutedAndTheDbmsSpecificValueForPostgresqlWins() {
        Table customers = table(load(LiquibaseOptions.defaults()), "customers");

        assertThat(customers.column("id").orElseThrow().type()).isEqualTo(SqlType.of("bigint"));
    }

    @Test
    void aPropertyGivenInTheOptionsOverridesTheChangelogs() {
        LoadedSchema loaded =
                load(LiquibaseOptions.defaults().withProperties(Map.of("table.name", "clients")));

        assertThat(loaded.schema().tables().keySet()).containsExactly(QualifiedName.of("clients"));
    }

    @Test
    void contextsSkipChangesetsForOtherContexts() {
        LoadedSchema test = load(LiquibaseOptions.defaults().withContexts(List.of("test")));
        LoadedSchema prod = load(LiquibaseOptions.defaults().withContexts(List.of("prod")));

        assertThat(ids(test)).contains("test-data").doesNotContain("prod-only", "not-test");
        assertThat(ids(prod)).contains("prod-only", "not-test").doesNotContain("test-data");
        assertThat(table(prod, "customers").hasColumn("prod_only")).isTrue();
        assertThat(table(test, "customers").hasColumn("prod_only")).isFalse();
    }

    @Test
    void labelsSkipChangesetsWhoseLabelsDoNotMatch() {
        LoadedSchema other = load(LiquibaseOptions.defaults().withLabels(List.of("other")));
        LoadedSchema feature = load(LiquibaseOptions.defaults().withLabels(List.of("feature-x")));

        assertThat(ids(other)).doesNotContain("feature-x").contains("base");
        assertThat(ids(feature)).contains("feature-x", "base");
    }

    @Test
    void aChangeForAnotherDbmsIsSkippedInsideAChangesetThatRuns() {
        SourceChangeset changeset =
                load(LiquibaseOptions.defaults()).history().stream()
                        .filter(h -> h.origin().changesetId().equals("per-change-dbms"))
                        .findFirst()
                        .orElseThrow();

        // Raw SQL is read statement by statement, described as the same statement in a .sql file
        // is.
        assertThat(changeset.changes())
                .extracting(SourceChange::description)
                .containsExactly("vacuum customers");
    }

    @Test
    void dataChangesAreDataAndLeaveTheSchemaAlone() {
        SourceChange insert = load(LiquibaseOptions.defaults()).history().get(1).changes().get(0);

        assertThat(insert.kind()).isEqualTo(SourceChange.Kind.DATA);
        assertThat(insert.description()).isEqualTo("insert into customers");
        assertThat(insert.after()).isSameAs(insert.before());
        assertThat(insert.writtenSql()).containsExactly("INSERT INTO customers (id) VALUES (1)");
    }
}
