package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sample's report in every format, compared with the reviewed goldens in {@code
 * fixtures/golden}. After an intended change, regenerate with {@code mvn test -Dtest=GoldenTest
 * -Devoplan.updateGoldens=true} and read the diff before committing.
 */
class GoldenTest {
    // Relative paths, as a user types them: the report shows them.
    static final String V1 = "changelogs/crawler/v1/db.changelog-master.yaml";
    static final String V2 = "changelogs/crawler/v2/db.changelog-master.yaml";

    @ParameterizedTest
    @CsvSource({"text, crawler.txt", "markdown, crawler.md", "json, crawler.json"})
    void sampleReportMatchesGolden(String format, String golden) throws Exception {
        CliRun run = CliRun.of("plan", "--from", V1, "--to", V2, "--format", format, "--no-color");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        Path file = Path.of("fixtures/golden", golden);
        if (Boolean.getBoolean("evoplan.updateGoldens")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, run.out(), StandardCharsets.UTF_8);
        }
        assertThat(run.out()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
