package dev.evoplan.rules;

import static dev.evoplan.rules.HistoryRulesTest.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.Origin;
import dev.evoplan.model.SourceChangeset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EP404 changeset-id-duplicated: a new changeset repeating an identity, Liquibase and Flyway. */
class ChangesetIdDuplicatedTest {
    @Test
    void aNewChangesetRepeatingAnIdOnTheBaseIsADuplicateNamingBothPlaces() {
        List<SourceChangeset> ran = List.of(at("1", "a", 2), at("2", "b", 9));
        List<Finding> findings =
                Judge.judgeHistory(
                        ran, List.of(at("1", "a", 2), at("2", "b", 9), at("1", "c", 16)));
        // Only the duplicate: the copy is not also an edit of changeset 1 or out of order.
        assertThat(findings).extracting(Finding::ruleId).containsExactly("changeset-id-duplicated");
        Finding f = findings.get(0);
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.origin().line()).isEqualTo(16);
        assertThat(f.what()).contains("changeset 1 by t", "db.yaml:2", "db.yaml::1::t", "refuses");
    }

    @Test
    void twoNewChangesetsWithOneIdAreADuplicate() {
        List<SourceChangeset> ran = List.of(at("1", "a", 2));
        assertThat(rules(ran, List.of(at("1", "a", 2), at("7", "b", 9), at("7", "c", 16))))
                .containsExactly("changeset-id-duplicated 7");
        // Within one side alone too, as when plan reads a changelog against a database.
        assertThat(Judge.judgeDuplicates(List.of(), List.of(at("7", "b", 9), at("7", "c", 16))))
                .extracting(Finding::ruleId)
                .containsExactly("changeset-id-duplicated");
    }

    @Test
    void distinctIdsAndADuplicateTheBaseAlreadyHadAreNotReported() {
        assertThat(rules(List.of(at("1", "a", 2)), List.of(at("1", "a", 2), at("2", "b", 9))))
                .isEmpty();
        List<SourceChangeset> both = List.of(at("1", "a", 2), at("1", "c", 9));
        assertThat(rules(both, both)).isEmpty();
        assertThat(Judge.judgeDuplicates(both, both)).isEmpty();
        // The same id by another author is another identity.
        SourceChangeset other =
                new SourceChangeset(
                        "db.yaml::1::u",
                        new Origin("db.yaml", 9, "1", "u", null),
                        "z",
                        true,
                        List.of());
        assertThat(rules(List.of(at("1", "a", 2)), List.of(at("1", "a", 2), other))).isEmpty();
    }

    @Test
    void aNewMigrationFileWithAVersionAnotherHasIsADuplicate() {
        List<SourceChangeset> ran =
                List.of(file("V1__init.sql", "flyway 1"), file("V2__users.sql", "flyway 2"));
        List<Finding> findings =
                Judge.judgeHistory(
                        ran,
                        List.of(
                                file("V1__init.sql", "flyway 1"),
                                file("V2__users.sql", "flyway 2"),
                                file("V2__orders.sql", "flyway 2")));
        assertThat(findings).extracting(Finding::ruleId).containsExactly("changeset-id-duplicated");
        Finding f = findings.get(0);
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.origin().file()).isEqualTo("V2__orders.sql");
        assertThat(f.what())
                .contains("version 2", "V2__users.sql", "Flyway identifies migrations by version");
    }

    @Test
    void migrationFilesWithDistinctVersionsOrWithoutVersionKeysAreNotDuplicates() {
        List<SourceChangeset> ran = List.of(file("V1__init.sql", "flyway 1"));
        assertThat(
                        rules(
                                ran,
                                List.of(
                                        file("V1__init.sql", "flyway 1"),
                                        file("V1_1__more.sql", "flyway 1.1"))))
                .isEmpty();
        // Plain numbered files carry no version key: psql runs whatever it is given.
        assertThat(rules(List.of(), List.of(file("001_a.sql", null), file("001_b.sql", null))))
                .isEmpty();
        // A duplicate the base already had is not new.
        List<SourceChangeset> both =
                List.of(file("V2__a.sql", "flyway 2"), file("V2__b.sql", "flyway 2"));
        assertThat(Judge.judgeDuplicates(both, both)).isEmpty();
    }
}
