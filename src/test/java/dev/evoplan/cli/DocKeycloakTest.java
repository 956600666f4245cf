package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code evoplan doc} on Keycloak's published changelog (keycloak-model-jpa, unpacked from the
 * local Maven repository as {@link KeycloakChangelogsTest} does; skipped with the reason where
 * absent): it completes, and the diagram is split under the limit with every table drawn with its
 * columns in one part.
 */
class DocKeycloakTest {
    private static final Pattern BLOCK = Pattern.compile("```mermaid\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ENTITY_WITH_COLUMNS =
            Pattern.compile("(?m)^    ([A-Za-z0-9_]+) \\{\n        ");

    static List<String> blocks(String markdown) {
        return BLOCK.matcher(markdown).results().map(m -> m.group(1)).toList();
    }

    @Test
    void keycloaksSchemaIsDocumentedWithTheDiagramSplitUnderTheLimit() throws Exception {
        Path master = KeycloakChangelogsTest.master(KeycloakChangelogsTest.NEW);

        // At the default 40,000 characters the 88 tables fit one block (26,433 measured): a small
        // limit makes this real schema split (one load of it; the fast tier pays for each).
        CliRun split =
                CliRun.of(
                        "doc",
                        master.toString(),
                        "--name",
                        "Keycloak",
                        "--max-diagram-chars",
                        "8000");
        assertThat(split.exitCode()).as(split.err()).isZero();
        assertThat(split.err()).isEmpty();
        List<String> tables =
                Pattern.compile("(?m)^### (.+)$")
                        .matcher(split.out())
                        .results()
                        .map(m -> m.group(1))
                        .toList();
        assertThat(tables).hasSize(88).contains("user_entity", "realm", "client");
        List<String> parts = blocks(split.out());
        assertThat(parts).hasSizeGreaterThan(3);
        assertThat(split.out()).contains("The diagram is split in " + parts.size() + " parts");
        assertThat(parts).allSatisfy(b -> assertThat(b.length()).isLessThanOrEqualTo(8_000));
        List<String> drawn =
                parts.stream()
                        .flatMap(b -> ENTITY_WITH_COLUMNS.matcher(b).results().map(m -> m.group(1)))
                        .toList();
        assertThat(drawn)
                .as("every table drawn with its columns exactly once")
                .containsExactlyInAnyOrderElementsOf(tables);
    }
}
