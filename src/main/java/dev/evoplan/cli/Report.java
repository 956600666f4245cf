package dev.evoplan.cli;

import dev.evoplan.model.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/** Writes a finished report to standard output or, whole or not at all, to a file. */
final class Report {
    private Report() {}

    static void write(String report, Path output, PrintWriter out) {
        writeVerbatim(UserText.safe(report), output, out);
    }

    /** A report that writes itself to the writer it is given. */
    interface Rendering {
        void to(Writer out) throws IOException;
    }

    /**
     * Writes the report as {@link #write(String, Path, PrintWriter)} does, made safe and handed on
     * as it is rendered: to a file beside the target, moved over it only once whole.
     */
    static void write(Rendering report, Path output, PrintWriter out) {
        if (output == null) {
            try {
                writeSafe(report, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a PrintWriter does not throw
            }
            return;
        }
        replace(
                output,
                temp -> {
                    try (Writer file = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                        writeSafe(report, file);
                    }
                });
    }

    /**
     * Hands {@code report} to {@code out} made safe as it is rendered, ending with a line break.
     */
    private static void writeSafe(Rendering report, Writer out) throws IOException {
        UserText.SafeWriter safe = new UserText.SafeWriter(out);
        report.to(safe);
        safe.finish();
    }

    /**
     * Writes {@code text} as given, for a report whose input-derived parts the caller already made
     * safe: the HTML document inlines a script that must stay byte for byte (its strings hold
     * control characters and text the secret filter would take for a URL's password).
     */
    static void writeVerbatim(String text, Path output, PrintWriter out) {
        if (output == null) {
            out.print(text.endsWith("\n") ? text : text + "\n");
            out.flush();
            return;
        }
        replace(
                output,
                temp ->
                        Files.writeString(
                                temp,
                                text.endsWith("\n") ? text : text + "\n",
                                StandardCharsets.UTF_8));
    }

    /** What writes a report to a file. */
    private interface Content {
        void writeTo(Path file) throws IOException;
    }

    /** Replaces {@code output} with what {@code content} writes, whole or not at all. */
    private static void replace(Path output, Content content) {
        try {
            Path target = target(output);
            Path dir = target.getParent();
            Files.createDirectories(dir);
            // Write beside the target, then move over it: a reader never sees half a report.
            Path temp = newFileBeside(target);
            try {
                content.writeTo(temp);
                keepPermissions(target, temp);
                Files.move(
                        temp,
                        target,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new InputException(
                    output.toString(), 0, "cannot write the report: " + e.getMessage(), e);
        }
    }

    /**
     * The file to replace: a symlink's target (the link stays a link), never anything but a regular
     * file. A report renamed over /dev/null replaced the device with a file; a FIFO or socket is no
     * place for a report either.
     */
    private static Path target(Path output) throws IOException {
        Path path = output.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(path); hops++) {
            if (hops > 40) {
                throw new InputException(
                        output.toString(),
                        0,
                        "cannot write the report: too many levels of symbolic links");
            }
            path = path.resolveSibling(Files.readSymbolicLink(path)).normalize();
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException(
                    output.toString(),
                    0,
                    Files.isDirectory(path)
                            ? "cannot write the report: it is a folder"
                            : "cannot write the report: not a regular file (a device, FIFO or socket): refused");
        }
        return path;
    }

    /**
     * A new empty file beside {@code target}, created with the umask's permissions (a temp file's
     * are 0600).
     */
    private static Path newFileBeside(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp =
                    target.resolveSibling(
                            "."
                                    + target.getFileName()
                                    + "."
                                    + Long.toHexString(ThreadLocalRandom.current().nextLong())
                                    + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }

    /** A report that replaces a file keeps that file's permissions. */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView from =
                Files.getFileAttributeView(target, PosixFileAttributeView.class);
        PosixFileAttributeView to = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (from != null && to != null && Files.exists(target)) {
            to.setPermissions(from.readAttributes().permissions());
        }
    }
}
