package dev.evoplan.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.exception.LiquibaseException;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sample changelogs and fixture cases are data other tests rely on; this checks with
 * liquibase-core alone (no evoplan code) that each one parses and that changeset identities line up
 * the way the as-written cases need them to.
 */
class SampleChangelogsParseTest {
    private static final Path ROOT =
            Path.of(System.getProperty("evoplan.root", "")).toAbsolutePath();
    private static final Path CRAWLER = ROOT.resolve("changelogs/crawler");
    private static final Path CASES = ROOT.resolve("fixtures/cases");

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void crawlerVersionParsesWithChanges(String version) throws Exception {
        DatabaseChangeLog log = parse(CRAWLER.resolve(version), "db.changelog-master.yaml");

        assertThat(log.getChangeSets()).isNotEmpty();
        assertThat(log.getChangeSets()).allSatisfy(cs -> assertThat(cs.getChanges()).isNotEmpty());
    }

    @Test
    void crawlerV1UsesEveryChangelogFormat() throws Exception {
        Set<String> formats =
                parse(CRAWLER.resolve("v1"), "db.changelog-master.yaml").getChangeSets().stream()
                        .map(
                                cs ->
                                        cs.getFilePath()
                                                .substring(cs.getFilePath().lastIndexOf('.') + 1)
                                                .toLowerCase(Locale.ROOT))
                        .collect(Collectors.toCollection(TreeSet::new));

        assertThat(formats).containsExactly("json", "sql", "xml", "yaml");
    }

    /**
     * v2 must start with exactly v1's changesets, or v1's would look new when judging v2 as
     * written.
     */
    @Test
    void crawlerV2ExtendsV1() throws Exception {
        List<String> v1 = identities(parse(CRAWLER.resolve("v1"), "db.changelog-master.yaml"));
        List<String> v2 = identities(parse(CRAWLER.resolve("v2"), "db.changelog-master.yaml"));

        assertThat(v2).hasSizeGreaterThan(v1.size());
        assertThat(v2.subList(0, v1.size())).isEqualTo(v1);
        for (Path file : files(CRAWLER.resolve("v1/changes"))) {
            Path copy = CRAWLER.resolve("v2/changes").resolve(file.getFileName());
            assertThat(Files.readAllBytes(copy))
                    .as("%s is a byte-identical copy", copy)
                    .isEqualTo(Files.readAllBytes(file));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void fixtureCaseParses(Path dir) throws Exception {
        assertThat(dir.resolve("expected.yaml")).isRegularFile();
        List<String> from = identities(parse(dir, "from.yaml"));
        List<String> to = identities(parse(dir, "to.yaml"));

        assertThat(from).isNotEmpty();
        if (Files.exists(dir.resolve("base.yaml"))) {
            // As written: the base keeps its identities and only new.yaml's changesets are new.
            assertThat(to).hasSizeGreaterThan(from.size());
            assertThat(to.subList(0, from.size())).isEqualTo(from);
            assertThat(to.subList(from.size(), to.size()))
                    .allSatisfy(id -> assertThat(id).startsWith("new.yaml::"));
        } else {
            // As planned: two unrelated states, so no changeset may count as already applied.
            assertThat(to).isNotEmpty().doesNotContainAnyElementsOf(from);
        }
    }

    @Test
    void brokenChangelogIsRejected(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("broken.yaml"),
                """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: test
                      changes:
                        - createTabel:
                            tableName: users
                """);

        assertThatThrownBy(() -> parse(dir, "broken.yaml")).isInstanceOf(LiquibaseException.class);
    }

    static Stream<Path> cases() {
        return files(CASES).stream().filter(Files::isDirectory);
    }

    private static DatabaseChangeLog parse(Path root, String file) throws Exception {
        try (DirectoryResourceAccessor accessor = new DirectoryResourceAccessor(root)) {
            ChangeLogParser parser = ChangeLogParserFactory.getInstance().getParser(file, accessor);
            return parser.parse(file, new ChangeLogParameters(), accessor);
        }
    }

    private static List<String> identities(DatabaseChangeLog log) {
        return log.getChangeSets().stream().map(ChangeSet::toString).toList();
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
