package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.evoplan.model.Column;
import dev.evoplan.model.Index;
import dev.evoplan.model.IndexElement;
import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.model.Table;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Shapes met in published changelogs (Fineract, DependencyTrack, Keycloak), each reproduced in a
 * small fixture of our own under fixtures/liquibase/real.
 */
class LiquibaseRealShapesTest {
    static final Path REAL = Path.of("fixtures/liquibase/real");

    static LoadedSchema load(Path changelog) {
        return new LiquibaseSource().load(changelog, LiquibaseOptions.defaults());
    }

    static Table table(LoadedSchema loaded, String name) {
        return loaded.schema().table(QualifiedName.of("public", name)).orElseThrow();
    }

    static Column column(LoadedSchema loaded, String table, String column) {
        return table(loaded, table).column(column).orElseThrow();
    }

    @Test
    void defaultValueComputedNullIsNoDefault() {
        // Was exit 3 with a Java NPE message (String.strip() on null).
        LoadedSchema loaded = load(REAL.resolve("computed-null.xml"));

        assertThat(column(loaded, "account", "closed_on").defaultValue()).isNull();
        assertThat(column(loaded, "account", "note").defaultValue()).isNull();
        assertThat(column(loaded, "account", "closed_by").defaultValue()).isNull();
    }

    @Test
    void createIndexOnAMaterializedViewIsTheViewsIndex() {
        // DependencyTrack 5.7.0: createIndex names a materialized view made in raw SQL. Was exit 3,
        // "table SCAN_DAILY does not exist"; PostgreSQL builds the index on the view.
        LoadedSchema loaded = load(REAL.resolve("matview-index.xml"));

        QualifiedName index = new QualifiedName("public", "SCAN_DAILY_DAY_IDX");
        assertThat(
                        loaded.schema()
                                .objects()
                                .get(dev.evoplan.model.MaterializedViewIndex.key(index)))
                .isInstanceOfSatisfying(
                        dev.evoplan.model.MaterializedViewIndex.class,
                        m -> {
                            assertThat(m.index().table())
                                    .isEqualTo(new QualifiedName("public", "SCAN_DAILY"));
                            assertThat(m.index().unique()).isTrue();
                            assertThat(m.index().elements())
                                    .extracting(IndexElement::columnOrExpression)
                                    .containsExactly("DAY");
                        });
        SourceChange made =
                loaded.history().get(1).changes().get(loaded.history().get(1).changes().size() - 1);
        assertThat(made.kind()).isNotEqualTo(SourceChange.Kind.OPAQUE);
        assertThat(made.description()).contains("materialized view");
    }

    @Test
    void otherDefaultSpellingsKeepTheirValue() {
        LoadedSchema loaded = load(REAL.resolve("computed-null.xml"));

        assertThat(column(loaded, "account", "flag").defaultValue().expression())
                .isEqualToIgnoringCase("false");
        assertThat(column(loaded, "account", "amount").defaultValue().expression()).isEqualTo("0");
        assertThat(column(loaded, "account", "opened_on").defaultValue().expression())
                .contains("2020-01-01");
    }

    @Test
    void contextsNamedAfterADatabaseKindRunThePostgresqlOnes() {
        // Fineract 1.9.0: changesets and properties written once per database under a context
        // named after it ("mysql", "postgresql"). Was exit 3: both copies ran ("already exists").
        LoadedSchema loaded = load(REAL.resolve("database-contexts.xml"));

        assertThat(table(loaded, "report").foreignKeys())
                .singleElement()
                .satisfies(
                        fk ->
                                assertThat(fk.onDelete())
                                        .isEqualTo(dev.evoplan.model.ReferentialAction.CASCADE));
        assertThat(column(loaded, "report", "made_on").defaultValue().expression())
                .isEqualToIgnoringCase("CURRENT_DATE");
        // A context that names no database kind runs, as Liquibase runs it when given no contexts.
        assertThat(column(loaded, "report", "note")).isNotNull();
        assertThat(loaded.history())
                .extracting(SourceChangeset::identity)
                .containsExactly(
                        "<master>::1::me", "<master>::2::me", "<master>::3::me", "<master>::4::me");
    }

    @Test
    void givenContextsDecideAlone() {
        LoadedSchema loaded =
                new LiquibaseSource()
                        .load(
                                REAL.resolve("database-contexts.xml"),
                                LiquibaseOptions.defaults().withContexts(List.of("mysql")));

        assertThat(table(loaded, "report").foreignKeys())
                .singleElement()
                .satisfies(
                        fk ->
                                assertThat(fk.onDelete())
                                        .isNotEqualTo(dev.evoplan.model.ReferentialAction.CASCADE));
        assertThat(table(loaded, "report").column("made_on")).isEmpty();
    }

    @Test
    void includeAllWithAProjectFilterClassNamesFileLineAndWhatToDo() {
        Throwable thrown = catchThrowable(() -> load(REAL.resolve("filtered/master.xml")));

        assertThat(thrown).isInstanceOf(InputException.class);
        InputException e = (InputException) thrown;
        assertThat(e.file()).isEqualTo(REAL.resolve("filtered/master.xml").toString());
        assertThat(e.line()).isEqualTo(11);
        assertThat(e.getMessage())
                .isEqualTo(
                        "includeAll filter com.example.migration.ModuleRootFilter is a class of the"
                                + " project, which evoplan does not load or run; declare what it accepts with a"
                                + " glob over the changelog path (include-all-filters:"
                                + " {com.example.migration.ModuleRootFilter: GLOB} in .evoplan.yaml, or"
                                + " --include-all-filter com.example.migration.ModuleRootFilter=GLOB), or"
                                + " replace this includeAll with include elements naming the files the"
                                + " filter selects");
        assertThat(e.oneLine()).doesNotContain("Exception");
    }

    @Test
    void aProjectFilterOverAFolderWithNoChangelogsLoadsAsLiquibaseWould() {
        // Fineract 1.9.0: the filtered folder lies in other modules' jars
        // (errorIfMissingOrEmpty="false").
        // Was exit 3 naming only the class, although the filter is never asked about a file.
        LoadedSchema loaded = load(REAL.resolve("filtered-elsewhere/master.xml"));

        assertThat(loaded.history())
                .extracting(SourceChangeset::identity)
                .containsExactly("<master>::1::me");
    }

    @Test
    void includeAllWithoutAFilterLoadsTheFolder() {
        LoadedSchema loaded = load(REAL.resolve("unfiltered/master.xml"));

        assertThat(loaded.schema().table(QualifiedName.of("public", "loan"))).isPresent();
    }

    @Test
    void aClasspathIncludeResolvesAgainstTheFoldersAboveTheMasterWithoutFlags() {
        // A jar's layout: META-INF/master.xml includes "META-INF/jpa-1.0.xml" from the jar root.
        // Was "included file META-INF/jpa-1.0.xml does not exist" unless --search-path named the
        // root.
        LoadedSchema v1 = load(REAL.resolve("jar-v1/META-INF/jpa-master.xml"));

        assertThat(v1.history())
                .extracting(SourceChangeset::identity)
                .containsExactly("META-INF/jpa-1.0.xml::1.0::kc");
    }

    @Test
    void eachSideResolvesInItsOwnTree() {
        // Two unpacked versions side by side: each master's includes come from its own root.
        LoadedSchema v1 = load(REAL.resolve("jar-v1/META-INF/jpa-master.xml"));
        LoadedSchema v2 = load(REAL.resolve("jar-v2/META-INF/jpa-master.xml"));

        assertThat(table(v1, "realm").hasColumn("enabled")).isFalse();
        assertThat(table(v2, "realm").hasColumn("enabled")).isTrue();
        assertThat(v2.history())
                .extracting(SourceChangeset::identity)
                .containsExactly("META-INF/jpa-1.0.xml::1.0::kc", "META-INF/jpa-2.0.xml::2.0::kc");
    }

    static SourceChangeset changeset(LoadedSchema loaded, String id) {
        return loaded.history().stream()
                .filter(cs -> cs.origin().changesetId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    static List<String> notes(SourceChangeset changeset) {
        return changeset.changes().stream()
                .filter(c -> c.changeType().equals("preConditions"))
                .map(SourceChange::description)
                .toList();
    }

    static List<String> kinds(SourceChangeset changeset) {
        return changeset.changes().stream()
                .filter(c -> !c.changeType().equals("preConditions"))
                .map(SourceChange::changeType)
                .toList();
    }

    @Test
    void preconditionsAreEvaluatedAgainstTheSchemaFoldedSoFar() {
        // Was: preconditions ignored, so the DB2-only copy ran and the load stopped at "relation
        // realm already exists".
        LoadedSchema loaded = load(REAL.resolve("preconditions.xml"));

        assertThat(kinds(changeset(loaded, "base-db2"))).isEmpty();
        assertThat(notes(changeset(loaded, "base-db2")))
                .singleElement()
                .asString()
                .startsWith("precondition failed: dbms db2 is not postgresql")
                .endsWith("(onFail MARK_RAN: not run)");
        assertThat(kinds(changeset(loaded, "drop-idx"))).containsExactly("dropIndex");
        assertThat(notes(changeset(loaded, "drop-idx"))).isEmpty();
        assertThat(table(loaded, "realm").indexes()).isEmpty();
        assertThat(kinds(changeset(loaded, "add-name"))).isEmpty();
        assertThat(notes(changeset(loaded, "add-name")))
                .singleElement()
                .asString()
                .contains("column REALM.NAME exists")
                .endsWith("(onFail CONTINUE: not run)");
        assertThat(kinds(changeset(loaded, "checks"))).containsExactly("addUniqueConstraint");
        assertThat(table(loaded, "realm").uniques())
                .extracting(u -> u.name())
                .containsExactly("uk_realm_name");
    }

    @Test
    void anUndecidablePreconditionIsAssumedToHoldAndSaysSo() {
        LoadedSchema loaded = load(REAL.resolve("preconditions.xml"));

        assertThat(kinds(changeset(loaded, "by-rows"))).containsExactly("addNotNullConstraint");
        assertThat(notes(changeset(loaded, "by-rows")))
                .containsExactly(
                        "assumed the preconditions hold (the changeset runs):"
                                + " sqlCheck 'select count(*) from realm' (expected 0) reads the database, which evoplan does not have");
        assertThat(column(loaded, "realm", "name").nullable()).isFalse();
    }

    @Test
    void onFailWarnRunsTheChangesetAnyway() {
        LoadedSchema loaded = load(REAL.resolve("preconditions.xml"));

        assertThat(kinds(changeset(loaded, "warned"))).containsExactly("addColumn");
        assertThat(notes(changeset(loaded, "warned")))
                .singleElement()
                .asString()
                .endsWith("(onFail WARN: runs anyway)");
    }

    @Test
    void aFailedPreconditionWithHaltStopsTheLoadAtTheChangeset() {
        Throwable thrown = catchThrowable(() -> load(REAL.resolve("preconditions-halt.xml")));

        assertThat(thrown).isInstanceOf(InputException.class);
        InputException e = (InputException) thrown;
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.getMessage())
                .isEqualTo(
                        "changeset 2 by me: precondition failed: table missing does not exist"
                                + " (onFail HALT: liquibase update stops here)");
    }

    @Test
    void indexColumnsWrittenAsExpressionsAreExpressions() {
        // Was: "column attr.VALUE(255) does not exist" (an expression read as a column name).
        LoadedSchema loaded = load(REAL.resolve("computed-index.xml"));

        Index lower = index(loaded, "attr", "idx_attr_lower");
        assertThat(lower.elements()).extracting(IndexElement::expression).containsExactly(true);
        assertThat(lower.elements().get(0).columnOrExpression()).isEqualTo("lower(name)");
    }

    @Test
    void modifySqlRewritesTheSqlThatIsFolded() {
        // The index PostgreSQL gets is the one modifySql wrote: (value::varchar(250)), not
        // VALUE(255).
        LoadedSchema loaded = load(REAL.resolve("computed-index.xml"));

        Index index = index(loaded, "attr", "idx_attr_name_value");
        assertThat(index.elements()).hasSize(2);
        assertThat(index.elements().get(0).columnOrExpression()).isEqualTo("name");
        assertThat(index.elements().get(1).expression()).isTrue();
        assertThat(index.elements().get(1).columnOrExpression())
                .contains("250")
                .doesNotContain("255");
        SourceChange change = changeset(loaded, "3").changes().get(0);
        assertThat(change.writtenSql())
                .singleElement()
                .asString()
                .contains("(value::varchar(250))");
    }

    static Index index(LoadedSchema loaded, String table, String name) {
        return table(loaded, table).indexes().stream()
                .filter(i -> i.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
