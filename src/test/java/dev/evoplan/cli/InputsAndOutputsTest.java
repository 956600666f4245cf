package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values PostgreSQL refuses, files that are not files, and where -o writes. */
class InputsAndOutputsTest {
    private static final Duration HANG_GUARD = Duration.ofMinutes(10);

    @TempDir Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "START 99999999999999999999",
                "INCREMENT BY 9223372036854775808",
                "CACHE 9223372036854775808",
                "MINVALUE -9223372036854775809",
                "MAXVALUE 99999999999999999999"
            })
    void aSequenceOptionBeyondBigintIsAnInputErrorInPostgresWords(String option)
            throws IOException {
        Path f =
                file(
                        "V1__seq.sql",
                        "CREATE TABLE a (id int);\nCREATE SEQUENCE s " + option + ";\n");
        for (String[] args :
                new String[][] {
                    {"lint", f.toString()}, {"plan", "--from", f.toString(), "--to", f.toString()}
                }) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
            assertThat(run.err())
                    .startsWith("evoplan: ")
                    .contains("V1__seq.sql:2: value \"")
                    .contains("is out of range for type bigint")
                    .hasLineCount(1);
        }
    }

    @Test
    void theLargestBigintIsStillASequenceOption() throws IOException {
        Path f =
                file(
                        "V1__seq.sql",
                        "CREATE SEQUENCE s MAXVALUE 9223372036854775807 MINVALUE -9223372036854775808;\n");
        assertThat(CliRun.of("lint", f.toString()).exitCode()).isZero();
    }

    @Test
    void aFifoIsRefusedAsInputInsteadOfWaitedOn() throws Exception {
        Path fifo = dir.resolve("V1__wait.sql");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mk.waitFor()).isZero();
        assertTimeoutPreemptively(
                HANG_GUARD,
                () -> {
                    for (String[] args :
                            new String[][] {
                                {"lint", fifo.toString()},
                                {"plan", "--from", fifo.toString(), "--to", fifo.toString()}
                            }) {
                        CliRun run = CliRun.of(args);
                        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
                        assertThat(run.err()).contains("not a regular file");
                    }
                });
    }

    @Test
    void aFifoOrDeviceIsRefusedAsOutputAndLeftAsItWas() throws Exception {
        Path in = file("V1__a.sql", "CREATE TABLE a (id int);\n");
        Path fifo = dir.resolve("out.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        for (Path target : new Path[] {fifo, Path.of("/dev/null")}) {
            CliRun run = CliRun.of("lint", "-o", target.toString(), in.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
            assertThat(run.err()).contains("not a regular file");
            assertThat(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)).isFalse();
        }
        assertThat(Files.isRegularFile(Path.of("/dev/null"))).isFalse();
    }

    @Test
    void outputThroughASymlinkWritesTheLinkTargetAndKeepsTheLink() throws IOException {
        Path in = file("V1__a.sql", "CREATE TABLE a (id int);\n");
        Path real = file("real-report.txt", "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("report.txt"), real.getFileName());
        CliRun run = CliRun.of("lint", "-o", link.toString(), in.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).contains("verdict: SAFE");
    }

    @Test
    void aNewReportGetsTheUmasksPermissionsAndAReplacedOneKeepsItsOwn() throws IOException {
        Path in = file("V1__a.sql", "CREATE TABLE a (id int);\n");
        // The umask of this process: what a plain new file gets.
        Path probe = Files.createFile(dir.resolve("probe"));
        Set<PosixFilePermission> umasked = Files.getPosixFilePermissions(probe);
        Path fresh = dir.resolve("fresh.txt");
        assertThat(CliRun.of("lint", "-o", fresh.toString(), in.toString()).exitCode()).isZero();
        assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(umasked);

        Path shared = file("shared.txt", "old\n");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-rw-r--"));
        assertThat(CliRun.of("lint", "-o", shared.toString(), in.toString()).exitCode()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)))
                .isEqualTo("rw-rw-r--");
    }
}
