package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.SourceChangeset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangesetLinesTest {
    @Test
    void linesCountedInOnePassAgreeWithCountingFromTheStart() {
        String text = "a\nb\r\nc\rd\n\n\r\re\r\n";
        ChangesetLines.LineCounter counter = new ChangesetLines.LineCounter(text);
        for (int offset = 0; offset <= text.length() + 2; offset++) {
            assertThat(counter.lineAt(offset))
                    .as("offset %d", offset)
                    .isEqualTo(ChangesetLines.lineOf(text, offset));
        }
        // Asked again from an earlier offset, it starts over.
        assertThat(counter.lineAt(2)).isEqualTo(ChangesetLines.lineOf(text, 2));
    }

    @Test
    void xmlChangesetsGetTheLineTheyStartOn() {
        String xml =
                "<databaseChangeLog>\r\n<!-- <changeSet id=\"x\" author=\"y\"> -->\r\n"
                        + "  <changeSet id=\"1\" author=\"a\">\r\n  </changeSet>\r\n\r\n"
                        + "  <changeSet\n id=\"2\" author=\"a\"/>\n</databaseChangeLog>\n";
        assertThat(ChangesetLines.scan("db.xml", xml).entries())
                .containsExactly(
                        new ChangesetLines.Entry(3, "1", "a"),
                        new ChangesetLines.Entry(6, "2", "a"));
    }

    @Test
    void xmlChangesetsWithAPrefixOrInTextAreFoundAsThePatternFindsThem() {
        String xml =
                "<lb:databaseChangeLog>\n<!-- a comment\n<changeSet id=\"c\" author=\"c\"> -->\n"
                        + "<lb:changeSet id=\"1\" author=\"a\"><sql>changeSet <changeSets/>"
                        + " x:changeSet</sql></lb:changeSet>\n"
                        + "<a.b-c:changeSet id=\"2\" author=\"b\">\n"
                        + "<1:changeSet id=\"3\" author=\"c\"/><changeSet id='4' author='d'\n"
                        + "/><!-- unclosed <changeSet id=\"5\" author=\"e\"/>";
        assertThat(ChangesetLines.scan("db.xml", xml).entries())
                .containsExactly(
                        new ChangesetLines.Entry(4, "1", "a"),
                        new ChangesetLines.Entry(5, "2", "b"),
                        new ChangesetLines.Entry(6, "4", "d"),
                        new ChangesetLines.Entry(7, "5", "e"));
    }

    @Test
    void changesetsOfOneAuthorShareOneStringForIt(@TempDir Path dir) throws IOException {
        StringBuilder yaml = new StringBuilder("databaseChangeLog:\n");
        for (int i = 1; i <= 3; i++) {
            yaml.append("  - changeSet:\n      id: \"")
                    .append(i)
                    .append("\"\n      author: ann\n      changes:\n")
                    .append("        - createTable: {tableName: t")
                    .append(i)
                    .append(", columns: [{column: {name: id, type: int}}]}\n");
        }
        Path master = Files.writeString(dir.resolve("db.yaml"), yaml);
        SideReuse.forget();

        List<SourceChangeset> history =
                new LiquibaseSource().load(master, LiquibaseOptions.defaults()).history();

        // A changelog of 262,000 changesets by a few authors keeps a few author strings.
        assertThat(history).extracting(cs -> cs.origin().author()).containsOnly("ann");
        assertThat(history.get(2).origin().author()).isSameAs(history.get(0).origin().author());
        assertThat(history).extracting(cs -> cs.origin().line()).containsExactly(2, 7, 12);
    }

    @Test
    void lineOfAChangesetByIdAuthorAndRepetition() {
        ChangesetLines lines =
                ChangesetLines.of(
                        List.of(
                                new ChangesetLines.Entry(3, "1", "a"),
                                new ChangesetLines.Entry(9, "2", "b"),
                                new ChangesetLines.Entry(15, "1", "a"),
                                new ChangesetLines.Entry(20, "2", "c"),
                                new ChangesetLines.Entry(25, null, null)));
        assertThat(lines.line("1", "a")).isEqualTo(3);
        assertThat(lines.line("1", "a", 2)).isEqualTo(15);
        assertThat(lines.line("1", "a", 3)).isEqualTo(3);
        assertThat(lines.line("1", "a", 0)).isEqualTo(3);
        assertThat(lines.line("2", "c")).isEqualTo(20);
        // Another author: the first changeset with that id.
        assertThat(lines.line("2", "z")).isEqualTo(9);
        assertThat(lines.line("3", "a")).isZero();
        assertThat(lines.line(null, null)).isEqualTo(25);
    }

    @Test
    void yamlLinesAreCountedAtEveryKindOfLineBreak() {
        String yaml =
                "databaseChangeLog:\r\n- changeSet:\r    id: a\u2028    author: x\n"
                        + "- changeSet: {id: b, author: y}\u0085\u000B- changeSet:\r\n"
                        + "    id: c\u2029    author: z\f";
        assertThat(ChangesetLines.scan("db.yaml", yaml).entries())
                .containsExactly(
                        new ChangesetLines.Entry(2, "a", "x"),
                        new ChangesetLines.Entry(5, "b", "y"),
                        new ChangesetLines.Entry(7, "c", "z"));
    }
}
