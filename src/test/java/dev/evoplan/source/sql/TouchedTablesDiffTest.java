package dev.evoplan.source.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.Changes;
import dev.evoplan.diff.SchemaDiffer;
import dev.evoplan.model.Origin;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Typing one statement diffs only the tables it touched (and, when a key goes, the tables whose
 * foreign keys use it): the changes must be those of diffing the whole schema.
 */
class TouchedTablesDiffTest {

    /**
     * 80 tables: parents with a key, a unique constraint and a unique index, children pointing at
     * each.
     */
    private static Schema large() {
        StringBuilder sql =
                new StringBuilder(
                        """
                CREATE TABLE parents (id bigint PRIMARY KEY, code text CONSTRAINT parents_code_key UNIQUE, slug text, n int);
                CREATE UNIQUE INDEX parents_slug_idx ON parents (slug);
                """);
        for (int i = 0; i < 80; i++) {
            sql.append("CREATE TABLE child")
                    .append(i)
                    .append(" (id bigint PRIMARY KEY, parent_id bigint")
                    .append(
                            switch (i % 3) {
                                case 0 -> " REFERENCES parents (id)";
                                case 1 -> ", code text REFERENCES parents (code)";
                                default -> ", slug text REFERENCES parents (slug)";
                            })
                    .append(", note text);\n");
        }
        SqlStatementApplier folder = new SqlStatementApplier(Schema.EMPTY);
        folder.foldAll(SqlParser.parse(sql.toString(), "base.sql"));
        return folder.schema();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ALTER TABLE parents DROP CONSTRAINT parents_pkey CASCADE",
                "ALTER TABLE parents DROP CONSTRAINT parents_code_key CASCADE",
                "DROP INDEX parents_slug_idx CASCADE",
                "ALTER TABLE parents ADD COLUMN extra text",
                "ALTER TABLE parents ALTER COLUMN n TYPE bigint",
                "CREATE INDEX parents_n_idx ON parents (n)",
                "ALTER TABLE parents RENAME TO mothers",
                "ALTER TABLE child7 DROP COLUMN note",
                "DROP TABLE child3",
                "ALTER TABLE parents DROP CONSTRAINT parents_pkey CASCADE, ADD PRIMARY KEY (id, n)",
            })
    void theChangesOfOneStatementAreThoseOfTheWholeSchema(String statement) {
        Schema before = large();
        SqlStatementApplier folder = new SqlStatementApplier(before);
        SourceChange change =
                folder.fold(SqlParser.parse(statement + ";", "m.sql").statements().get(0));
        assertThat(change.kind()).isEqualTo(SourceChange.Kind.SCHEMA);

        List<Change> whole = SchemaDiffer.diff(change.before(), change.after(), change.renames());

        assertThat(whole).isNotEmpty();
        assertThat(Changes.of(change)).containsExactlyElementsOf(whole);
    }

    /**
     * A key recreated under another name (as a changelog may do) while the foreign keys that use it
     * stay as they are: those tables did not change, yet the differ must recreate their foreign
     * keys, so they have to be part of the cut.
     */
    @Test
    void aKeyThatGoesBringsTheUnchangedTablesWhoseForeignKeysUseIt() {
        Schema before = large();
        Schema after =
                before.mapTable(
                        QualifiedName.of("parents"),
                        t ->
                                t.withPrimaryKey(
                                        new PrimaryKey("parents_pk", t.primaryKey().columns())));
        SourceChange change =
                new SourceChange(
                        SourceChange.Kind.SCHEMA,
                        "dropPrimaryKey",
                        new Origin("m.yaml", 1, "1", "me", null),
                        List.of(),
                        before,
                        after,
                        List.of(),
                        "recreate the key of parents");

        List<Change> changes = Changes.of(change);

        assertThat(changes).containsExactlyElementsOf(SchemaDiffer.diff(before, after));
        assertThat(changes).filteredOn(c -> c.kind() == Change.Kind.DROP_FOREIGN_KEY).hasSize(27);
    }
}
