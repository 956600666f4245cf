package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evoplan.model.InputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of bad input ends in one InputException naming the file the user can open, the line
 * and what is wrong.
 */
class LiquibaseBadInputTest {
    static final Path BAD = Path.of("fixtures/bad");

    static InputException failure(Path changelog) {
        Throwable thrown =
                org.assertj.core.api.Assertions.catchThrowable(
                        () -> new LiquibaseSource().load(changelog, LiquibaseOptions.defaults()));
        assertThat(thrown).isInstanceOf(InputException.class);
        return (InputException) thrown;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            malformed.xml             | malformed.xml             | 8  | malformed XML: The element type "column" must be terminated by the matching end-tag "</column>".
            malformed.yaml            | malformed.yaml            | 8  | malformed YAML: expected <block end>, but found '<block mapping start>'
            malformed.json            | malformed.json            | 5  | malformed JSON: expected ',' or '}', but got ]
            missing-include.yaml      | missing-include.yaml      | 8  | included file changes/does-not-exist.yaml does not exist
            nested-missing-include.yaml | sub/includes-missing.xml | 6 | included file sub/gone.xml does not exist
            missing-includeall.yaml   | missing-includeall.yaml   | 3  | includeAll directory no-such-dir/ does not exist or holds no changelogs
            unknown-change.yaml       | unknown-change.yaml       | 11 | unknown change type 'createTabel' in changeset typo by me
            unknown-change.json       | unknown-change.json       | 5  | unknown change type 'addColumns' in changeset typo by me
            unknown-change.xml        | unknown-change.xml        | 9  | unexpected element 'dropTabel' (an unknown change type or a misplaced element) in changeset typo by me
            empty.yaml                | empty.yaml                | 1  | changelog file is empty
            empty.xml                 | empty.xml                 | 1  | changelog file is empty
            bad-formatted.sql         | bad-formatted.sql         | 6  | unexpected formatting in formatted SQL changelog: a changeset starts with '--changeset author:id'
            drop-missing-column.yaml  | drop-missing-column.yaml  | 10 | changeset drop-ghost by me: column users.ghost does not exist
            no-id.yaml                | no-id.yaml                | 2  | changeset has no id
            not-a-changelog.txt       | not-a-changelog.txt       | 0  | not a Liquibase changelog: use .xml, .yaml, .yml, .json or .sql
            includes-malformed.xml    | malformed.yaml            | 8  | malformed YAML: expected <block end>, but found '<block mapping start>'
            includes-unknown-change.yaml | unknown-change.xml     | 9  | unexpected element 'dropTabel' (an unknown change type or a misplaced element) in changeset typo by me
            includes-fold-error.yaml  | sub/drop-missing-table.yaml | 2 | changeset drop-ghost-table by me: table ghosts does not exist
            """)
    void badInputNamesFileLineAndProblem(String changelog, String file, int line, String message) {
        InputException e = failure(BAD.resolve(changelog));

        assertThat(e.file()).isEqualTo(BAD.resolve(file).toString());
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.oneLine()).doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void aChangelogThatDoesNotExistIsNamedAsGiven() {
        InputException e = failure(BAD.resolve("no-such-changelog.yaml"));

        assertThat(e.oneLine())
                .isEqualTo("fixtures/bad/no-such-changelog.yaml: changelog does not exist");
    }

    @Test
    void aDirectoryIsNotAChangelog() {
        assertThat(failure(BAD).getMessage()).isEqualTo("changelog is not a file");
    }

    @Test
    void aSearchPathDirectoryThatDoesNotExistIsBadInput() {
        assertThatThrownBy(
                        () ->
                                new LiquibaseSource()
                                        .load(
                                                BAD.resolve("no-id.yaml"),
                                                LiquibaseOptions.defaults()
                                                        .withSearchPath(
                                                                List.of(BAD.resolve("nowhere")))))
                .isInstanceOf(InputException.class)
                .hasMessage("search path directory fixtures/bad/nowhere does not exist");
    }

    @Test
    void goodInputNextToTheBadLoads() {
        // The negative case of the table above: the same shapes, well formed, load.
        assertThat(
                        new LiquibaseSource()
                                .load(
                                        Path.of("fixtures/liquibase/formats/changelog.xml"),
                                        LiquibaseOptions.defaults())
                                .history())
                .hasSize(4);
    }

    @Test
    void aRepeatedChangesetIsNotAnInputErrorButKeptUnfoldedAtItsOwnLine() {
        // Liquibase refuses such a changelog at validation; evoplan reads it so the history rules
        // can say so.
        var loaded =
                new LiquibaseSource()
                        .load(BAD.resolve("duplicate-changeset.yaml"), LiquibaseOptions.defaults());
        assertThat(loaded.history())
                .extracting(h -> h.identity())
                .containsExactly("<master>::same::me", "<master>::same::me");
        assertThat(loaded.history()).extracting(h -> h.origin().line()).containsExactly(2, 7);
        assertThat(loaded.history().get(1).changes()).isEmpty();
    }
}
