package dev.evoplan.render.export;

import dev.evoplan.model.InputException;
import dev.evoplan.plan.Plan;
import dev.evoplan.plan.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A plan as files a team commits and runs with its migration tool ({@code plan --emit DIR --as
 * FORMAT}). The plan is cut into parts at its checkpoints ({@link ExportParts}); every checkpoint,
 * deploys and work by hand alike, is written where the run must stop and listed in {@code
 * README.md}, so none is dropped.
 */
public final class PlanExport {
    private PlanExport() {}

    /** The files of an export, in a stable order, and the checkpoints the runner must stop at. */
    public record Export(ExportFormat format, List<ExportedFile> files, ExportParts.Cut cut) {
        public Export {
            Objects.requireNonNull(format, "format is null");
            files = List.copyOf(files);
        }

        /**
         * Every checkpoint with the file (or folder) it follows, for the command to say on stderr.
         */
        public List<String> stopLines() {
            List<String> lines = new ArrayList<>();
            cut.stopsBefore()
                    .forEach(
                            s ->
                                    lines.add(
                                            "before "
                                                    + unit(format, cut.parts().get(0))
                                                    + ": "
                                                    + s.description()));
            for (ExportPart p : cut.parts()) {
                for (Step s : p.stopsAfter()) {
                    lines.add("after " + unit(format, p) + ": " + s.description());
                }
            }
            return lines;
        }
    }

    /**
     * The export of a plan with at least one SQL step.
     *
     * @param source what the plan goes from and to, for the files' headers
     */
    public static Export render(Plan plan, ExportFormat format, String source) {
        ExportParts.Cut cut = ExportParts.cut(plan);
        if (cut.parts().isEmpty()) {
            throw new IllegalArgumentException("the plan has no SQL step to export");
        }
        List<ExportedFile> files =
                new ArrayList<>(
                        switch (format) {
                            case LIQUIBASE_YAML -> LiquibaseYamlExport.files(cut, source);
                            case LIQUIBASE_XML -> LiquibaseXmlExport.files(cut, source);
                            case SQL -> PsqlExport.files(cut, source);
                            case FLYWAY -> FlywayExport.files(cut, source);
                        });
        files.add(new ExportedFile("README.md", readme(cut, format, source)));
        files.sort(Comparator.comparing(ExportedFile::path));
        return new Export(format, files, cut);
    }

    /** What a part is called in this format: the file, or for Flyway the folder. */
    static String unit(ExportFormat format, ExportPart part) {
        return switch (format) {
            case LIQUIBASE_YAML -> LiquibaseChangeSets.fileName(part, "yaml");
            case LIQUIBASE_XML -> LiquibaseChangeSets.fileName(part, "xml");
            case SQL -> PsqlExport.fileName(part);
            case FLYWAY -> part.name() + "/";
        };
    }

    private static String readme(ExportParts.Cut cut, ExportFormat format, String source) {
        StringBuilder md =
                new StringBuilder("# evoplan plan export (").append(format.label()).append(")\n\n");
        md.append(source).append("\n\n");
        md.append(
                        "Run the parts in order. Each part ends at a checkpoint: stop, do what it says (deploy, or work ")
                .append("evoplan cannot write for you), then run the next part.\n\n");
        md.append(
                        switch (format) {
                            case LIQUIBASE_YAML, LIQUIBASE_XML ->
                                    "Run a part with `liquibase update --changelog-file=PART`.";
                            case SQL ->
                                    "Run a part with `psql -X -f PART`; it sets `ON_ERROR_STOP` and stops at its checkpoint.";
                            case FLYWAY ->
                                    "Each part is a folder of versioned migrations: run `flyway migrate` with the folders up to "
                                            + "and including the part in `locations` (Flyway validates the ones already applied).";
                        })
                .append("\n\n");
        if (!cut.stopsBefore().isEmpty()) {
            md.append("**Before part 1:**\n\n");
            cut.stopsBefore()
                    .forEach(s -> md.append("- ").append(s.description().strip()).append('\n'));
            md.append('\n');
        }
        for (ExportPart p : cut.parts()) {
            ExportPart.PartStep first = p.steps().get(0);
            ExportPart.PartStep last = p.steps().get(p.steps().size() - 1);
            md.append(p.number())
                    .append(". `")
                    .append(unit(format, p))
                    .append("`: plan steps ")
                    .append(first.number())
                    .append('-')
                    .append(last.number())
                    .append(" (")
                    .append(p.steps().size())
                    .append(p.steps().size() == 1 ? " statement step" : " statement steps")
                    .append(")\n");
            for (Step s : p.stopsAfter()) {
                md.append("   - **checkpoint:** ")
                        .append(s.description().strip().replace("\n", " "))
                        .append('\n');
            }
        }
        return md.toString();
    }

    /**
     * Writes the files into {@code dir}, which must not exist or be empty: all of them or none.
     * They are written into a new folder beside {@code dir} and moved into place.
     */
    public static void write(Export export, Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        try {
            requireUsable(dir);
            Path parent = target.getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".evoplan-");
            try {
                for (ExportedFile f : export.files()) {
                    Path file = temp.resolve(f.path());
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, f.content(), StandardCharsets.UTF_8);
                }
                // A temp folder is 0700; the export gets the umask's permissions, like any folder
                // the user makes.
                Path probe = Files.createTempDirectory(parent, ".evoplan-mode-");
                try {
                    Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(probe));
                } catch (UnsupportedOperationException notPosix) {
                    // Not a POSIX file system: its defaults are all there is.
                } finally {
                    Files.deleteIfExists(probe);
                }
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(target); // empty, checked above
                }
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target);
                }
            } finally {
                deleteTree(temp);
            }
        } catch (IOException e) {
            throw new InputException(
                    dir.toString(), 0, "cannot export the plan: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses (input error) a {@code dir} that exists and is not an empty folder: checked before
     * any work.
     */
    public static void requireUsable(Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException(
                    dir.toString(), 0, "cannot export the plan: it exists and is not a folder");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            if (entries.iterator().hasNext()) {
                throw new InputException(
                        dir.toString(),
                        0,
                        "cannot export the plan: the folder is not empty (give a new or empty folder)");
            }
        } catch (IOException e) {
            throw new InputException(
                    dir.toString(), 0, "cannot export the plan: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
