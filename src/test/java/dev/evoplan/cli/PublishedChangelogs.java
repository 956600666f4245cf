package dev.evoplan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;

/**
 * Changelogs that projects publish inside their jars on Maven Central, taken from the local Maven
 * repository at test time and unpacked into target/, never into the repository. Where the jar is
 * absent (offline, never fetched) the test is skipped with the reason and the command that fetches
 * it printed.
 */
final class PublishedChangelogs {
    private PublishedChangelogs() {}

    /**
     * The unpacked master changelog of {@code group:artifact:version}: every XML or YAML file under
     * {@code folder} of the jar is unpacked into {@code target/<artifact>/<version>/}.
     */
    static Path master(String group, String artifact, String version, String folder, String master)
            throws IOException {
        Path repository =
                Path.of(
                        System.getProperty(
                                "maven.repo.local",
                                Path.of(System.getProperty("user.home"), ".m2", "repository")
                                        .toString()));
        Path jar =
                repository.resolve(
                        group.replace('.', '/')
                                + "/"
                                + artifact
                                + "/"
                                + version
                                + "/"
                                + artifact
                                + "-"
                                + version
                                + ".jar");
        if (!Files.isRegularFile(jar)) {
            String reason =
                    "skipped: "
                            + jar
                            + " is not in the local Maven repository (fetch it with mvn"
                            + " dependency:get -Dtransitive=false -Dartifact="
                            + group
                            + ":"
                            + artifact
                            + ":"
                            + version
                            + ")";
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        Path root = Path.of("target", artifact, version);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                String name = e.getName();
                if (!e.isDirectory()
                        && name.startsWith(folder)
                        && (name.endsWith(".xml") || name.endsWith(".yaml"))) {
                    Path out = root.resolve(name).normalize();
                    Files.createDirectories(out.getParent());
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return root.resolve(folder).resolve(master);
    }
}
