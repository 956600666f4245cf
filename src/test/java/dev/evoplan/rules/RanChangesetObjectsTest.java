package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.source.liquibase.LiquibaseSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The old side of a comparison keeps of each change only the objects it changed ({@link
 * LiquibaseSource.Kept#RAN}): what the history rules read of a changeset that ran (the objects it
 * touched, made and dropped) is what they read of the whole load, change type by change type.
 */
class RanChangesetObjectsTest {
    @TempDir Path dir;

    /** Objects the model holds besides tables: routines, triggers, policies, types, views, ... */
    private static final String OBJECTS =
            """
            databaseChangeLog:
              - changeSet:
                  id: base
                  author: t
                  changes:
                    - createTable:
                        tableName: accounts
                        columns:
                          - column: {name: id, type: bigint, constraints: {primaryKey: true}}
                          - column: {name: owner, type: text}
                    - createTable:
                        tableName: audit
                        columns: [{column: {name: id, type: bigint}}]
              - changeSet:
                  id: objects
                  author: t
                  changes:
                    - sql:
                        sql: >-
                          CREATE EXTENSION IF NOT EXISTS pgcrypto;
                          CREATE TYPE mood AS ENUM ('sad', 'happy');
                          CREATE SEQUENCE counter;
                          CREATE VIEW owners AS SELECT owner FROM accounts;
                          CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql
                            AS 'BEGIN RETURN NEW; END';
                          CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts
                            FOR EACH ROW EXECUTE FUNCTION touch();
                          CREATE TRIGGER audit_copy AFTER INSERT ON audit
                            FOR EACH ROW EXECUTE FUNCTION touch();
                          ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
                          CREATE POLICY own ON accounts USING (owner = current_user);
                          GRANT SELECT ON accounts TO PUBLIC;
                          COMMENT ON TABLE audit IS 'who did what'
              - changeSet:
                  id: more
                  author: t
                  changes:
                    - sql:
                        sql: >-
                          ALTER TYPE mood ADD VALUE 'ok';
                          CREATE OR REPLACE VIEW owners AS SELECT owner, id FROM accounts;
                          ALTER TABLE accounts ALTER COLUMN owner SET STATISTICS 100
                    - insert: {tableName: audit, columns: [{column: {name: id, valueNumeric: 1}}]}
                    - insert: {tableName: accounts, columns: [{column: {name: id, valueNumeric: 1}}]}
              - changeSet:
                  id: gone
                  author: t
                  changes:
                    - sql:
                        sql: >-
                          DROP POLICY own ON accounts;
                          DROP TRIGGER accounts_touch ON accounts;
                          DROP TRIGGER audit_copy ON audit;
                          DROP FUNCTION IF EXISTS touch();
                          DROP VIEW owners;
                          DROP SEQUENCE counter;
                          DROP TYPE mood;
                          DROP EXTENSION pgcrypto
                    - dropTable: {tableName: audit}
                    - renameTable: {oldTableName: accounts, newTableName: ledgers}
              - changeSet:
                  id: unread
                  author: t
                  changes:
                    - sql: {sql: "DO $$ BEGIN PERFORM 1; END $$"}
            """;

    @Test
    void ranChangesetsTouchMakeAndDropWhatTheWholeOnesDo() throws IOException {
        Path objects = Files.writeString(dir.resolve("objects.yaml"), OBJECTS);
        List<Path> changelogs = new ArrayList<>(List.of(objects));
        changelogs.add(Path.of("fixtures/liquibase/postgres/changelog.yaml"));
        try (var cases = Files.list(Path.of("fixtures/cases"))) {
            cases.map(c -> c.resolve("to.yaml"))
                    .filter(Files::exists)
                    .sorted()
                    .forEach(changelogs::add);
        }
        int compared = 0;
        for (Path changelog : changelogs) {
            // The old side first: the whole load after it must not take its cut changesets over.
            LoadedSchema ran =
                    new LiquibaseSource()
                            .load(changelog, LiquibaseOptions.defaults(), LiquibaseSource.Kept.RAN);
            LoadedSchema whole = new LiquibaseSource().load(changelog, LiquibaseOptions.defaults());
            assertThat(ran.schema()).as("%s", changelog).isEqualTo(whole.schema());
            assertThat(ran.history()).hasSameSizeAs(whole.history());
            for (int i = 0; i < whole.history().size(); i++) {
                SourceChangeset w = whole.history().get(i);
                SourceChangeset r = ran.history().get(i);
                String at = changelog + " " + w.identity();
                assertThat(r.identity()).isEqualTo(w.identity());
                assertThat(r.checksum()).isEqualTo(w.checksum());
                assertThat(r.origin()).isEqualTo(w.origin());
                assertThat(ChangesetObjects.touches(r))
                        .as(at)
                        .isEqualTo(ChangesetObjects.touches(w));
                assertThat(ChangesetObjects.made(r)).as(at).isEqualTo(ChangesetObjects.made(w));
                assertThat(ChangesetObjects.droppedAsWritten(r))
                        .as(at)
                        .isEqualTo(ChangesetObjects.droppedAsWritten(w));
                for (int c = 0; c < w.changes().size(); c++) {
                    SourceChange wc = w.changes().get(c);
                    SourceChange rc = r.changes().get(c);
                    assertThat(changedTables(rc)).as(at).isEqualTo(changedTables(wc));
                    // The whole load's states are whole; the old side's hold what changed only.
                    assertThat(wc.after().tables().size())
                            .isGreaterThanOrEqualTo(rc.after().tables().size());
                    // A data change keeps the table whose rows it writes, unchanged.
                    int kept = wc.kind() == SourceChange.Kind.DATA && wc.table() != null ? 1 : 0;
                    assertThat(rc.before().tables().size() + rc.after().tables().size())
                            .as(at)
                            .isLessThanOrEqualTo(2 * (changedTables(wc).size() + kept));
                    compared++;
                }
            }
            // The whole load was not given the cut changesets: its last state holds every table.
            List<SourceChange> last = whole.history().get(whole.history().size() - 1).changes();
            assertThat(last.get(last.size() - 1).after().tables())
                    .as("%s", changelog)
                    .isEqualTo(whole.schema().tables());
        }
        assertThat(compared).isGreaterThan(100);
    }

    /** The tables a change added, dropped or replaced, as (before, after) names. */
    private static List<String> changedTables(SourceChange change) {
        List<String> out = new ArrayList<>();
        Schema.forEachChangedTable(
                change.before(),
                change.after(),
                (was, now) ->
                        out.add(
                                (was == null ? "-" : was.name().toString())
                                        + ">"
                                        + (now == null ? "-" : now.name().toString())));
        return out;
    }
}
