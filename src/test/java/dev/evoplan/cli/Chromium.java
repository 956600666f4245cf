package dev.evoplan.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real headless Chromium (Debian's {@code chromium}) for the browser tier: it loads a local file
 * with no network, lets the page's scripts run to their end on virtual time, and gives back the DOM
 * it ended with and what it logged. Tests that need it are tagged {@code browser} (docs/testing.md)
 * and are skipped, saying why, where no Chromium is installed.
 */
final class Chromium {
    /**
     * Names the browser goes by on PATH, first found wins; {@code -Devoplan.chromium=PATH}
     * overrides.
     */
    private static final List<String> NAMES =
            List.of("chromium", "chromium-browser", "google-chrome");

    /**
     * A guard against a browser that never exits, not a measurement: the page ends on virtual time,
     * so a run that needs this long has hung.
     */
    private static final long HANG_MINUTES = 10;

    record Run(String dom, String log) {}

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /** The installed Chromium, or the test is skipped with the reason printed. */
    static Chromium installed() {
        String given = System.getProperty("evoplan.chromium");
        Optional<Path> found =
                given != null
                        ? Optional.of(Path.of(given)).filter(Files::isExecutable)
                        : NAMES.stream()
                                .flatMap(
                                        n ->
                                                Stream.of(
                                                                System.getenv()
                                                                        .getOrDefault("PATH", "")
                                                                        .split(File.pathSeparator))
                                                        .filter(d -> !d.isEmpty())
                                                        .map(d -> Path.of(d, n)))
                                .filter(Files::isExecutable)
                                .findFirst();
        if (found.isEmpty()) {
            String reason =
                    given != null
                            ? "skipped: -Devoplan.chromium=" + given + " is not an executable file"
                            : "skipped: no Chromium on PATH ("
                                    + String.join(", ", NAMES)
                                    + "); install it (Debian: apt-get install -y chromium) or give -Devoplan.chromium=PATH";
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        return new Chromium(found.get());
    }

    /** Loads {@code page} and returns the DOM once its scripts settled, with the browser's log. */
    Run dumpDom(Path page, Path work) throws IOException, InterruptedException {
        Path dom = work.resolve("dom.html");
        Path log = work.resolve("chromium.log");
        List<String> command = command(work);
        command.add("--enable-logging=stderr");
        command.add("--v=0");
        command.add("--dump-dom");
        command.add(page.toUri().toString());
        run(command, dom, log);
        return new Run(
                Files.readString(dom, StandardCharsets.UTF_8),
                Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Loads {@code page} in a window of the given size and writes what it shows as a PNG. */
    void screenshot(Path page, Path png, int width, int height, Path work)
            throws IOException, InterruptedException {
        List<String> command = command(work);
        command.add("--hide-scrollbars");
        command.add("--window-size=" + width + "," + height);
        command.add("--screenshot=" + png.toAbsolutePath());
        command.add(page.toUri().toString());
        run(command, work.resolve("screenshot.out"), work.resolve("screenshot.log"));
    }

    private List<String> command(Path work) throws IOException {
        Path profile = Files.createDirectories(work.resolve("profile"));
        return new ArrayList<>(
                List.of(
                        binary.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--disable-extensions",
                        "--user-data-dir=" + profile,
                        // Time in the page runs as fast as its work allows and the dump waits for
                        // it, so
                        // no sleep decides when the diagram is done.
                        "--virtual-time-budget=600000"));
    }

    private static void run(List<String> command, Path out, Path log)
            throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(log.toFile())
                        .start();
        if (!p.waitFor(HANG_MINUTES, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("chromium did not exit: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(
                    "chromium exited " + p.exitValue() + ": " + Files.readString(log));
        }
    }
}
