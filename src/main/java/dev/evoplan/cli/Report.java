package dev.evoplan.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a finished report to standard output or, whole or not at all, to a file. */
final class Report {
    private Report() {}

    static void write(String report, Path output, PrintWriter out) {
        String text = UserText.safe(report);
        if (output == null) {
            out.print(text.endsWith("\n") ? text : text + "\n");
            out.flush();
            return;
        }
        Path target = output.toAbsolutePath();
        try {
            Path dir = target.getParent();
            Files.createDirectories(dir);
            // Write beside the target, then move over it: a reader never sees half a report.
            Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(temp, text.endsWith("\n") ? text : text + "\n", StandardCharsets.UTF_8);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new dev.evoplan.model.InputException(output.toString(), 0, "cannot write the report: " + e.getMessage(), e);
        }
    }
}
