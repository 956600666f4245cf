package dev.evoplan.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Scratch databases {@code verify --db} could not drop because the server stopped mid-run, one
 * {@code server<TAB>database} line each in {@code ~/.cache/evoplan/verify-leftovers.tsv} (the
 * {@code evoplan.stateDir} property moves the folder): the next verify on that server, or {@code
 * verify --cleanup}, drops them. The server is named by host and port only, never a password. A
 * file that cannot be read or written costs only the cleanup, never the run.
 */
final class Leftovers {
    private Leftovers() {}

    static Path file() {
        String dir = System.getProperty("evoplan.stateDir");
        Path folder =
                dir == null || dir.isBlank()
                        ? Path.of(System.getProperty("user.home"), ".cache", "evoplan")
                        : Path.of(dir);
        return folder.resolve("verify-leftovers.tsv");
    }

    static synchronized void record(String server, String database) {
        if (recorded(server).contains(database)) {
            return;
        }
        try {
            Files.createDirectories(file().getParent());
            Files.writeString(
                    file(),
                    server + "\t" + database + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // The names are printed all the same; --cleanup finds idle scratch databases by name.
        }
    }

    static synchronized List<String> recorded(String server) {
        List<String> out = new ArrayList<>();
        for (String line : lines()) {
            int tab = line.indexOf('\t');
            if (tab > 0 && line.substring(0, tab).equals(server)) {
                out.add(line.substring(tab + 1));
            }
        }
        return out;
    }

    static synchronized void forget(String server, String database) {
        List<String> kept =
                lines().stream().filter(l -> !l.equals(server + "\t" + database)).toList();
        try {
            if (Files.exists(file())) {
                Files.write(file(), kept, StandardCharsets.UTF_8);
            }
        } catch (IOException ignored) {
            // Tried again next time; dropping a database that is gone is a no-op.
        }
    }

    private static List<String> lines() {
        try {
            return Files.exists(file())
                    ? Files.readAllLines(file(), StandardCharsets.UTF_8)
                    : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
