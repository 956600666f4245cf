package dev.evoplan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Changelogs that projects publish inside their jars on Maven Central. Maven resolves the jars at
 * build time (the {@code published-changelogs} execution of maven-dependency-plugin in pom.xml
 * copies them to target/published-changelogs/), and they are unpacked into target/, never into the
 * repository. A jar that is not there fails the test: the build did not resolve it.
 */
final class PublishedChangelogs {
    /** Where the pom's published-changelogs execution copies the jars. */
    static final Path JARS = Path.of("target", "published-changelogs");

    private PublishedChangelogs() {}

    /**
     * The unpacked master changelog of {@code group:artifact:version}: every XML or YAML file under
     * {@code folder} of the jar is unpacked into {@code target/<artifact>/<version>/}.
     */
    static Path master(String group, String artifact, String version, String folder, String master)
            throws IOException {
        Path jar = JARS.resolve(artifact + "-" + version + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(
                    jar
                            + " is missing: Maven copies "
                            + group
                            + ":"
                            + artifact
                            + ":"
                            + version
                            + " there at generate-test-resources (the published-changelogs"
                            + " execution in pom.xml); run the tests through mvn");
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
