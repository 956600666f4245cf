import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Records the class-data-sharing archives shipped beside the jar, at {@code mvn package} time (the
 * exec execution {@code class-archives} in pom.xml, after shade): one archive per command, {@code
 * target/evoplan-<command>.jsa}, each the classes one representative run of that command loads on
 * the bundled sample (changelogs/crawler: every changelog format, a Flyway folder). The launcher
 * {@code ./evoplan} maps the one of the command it runs; without it (the jar copied elsewhere, a
 * JVM of another build) the JVM loads the classes from the jar as usual, so nothing here is needed
 * to run.
 *
 * <p>Why at build time: an archive recorded by a user's first run holds what that run happened to
 * load ({@code --version} or a failed {@code check} leaves a nearly empty one), and that run pays
 * for the recording.
 *
 * <p>Why a static archive (the run's class list, then {@code -Xshare:dump}) and not a dynamic one
 * ({@code -XX:ArchiveClassesAtExit}): Java 17's dynamic archive leaves out picocli's classes
 * (class-file version 49, about 180 of them, loaded and verified again by every run) and the
 * method-handle forms the run spun; the static dump keeps picocli's classes and pre-generates
 * those forms, and holds the JDK's classes too. Lint of one small file: 0.61 -> 0.51 cpu s,
 * 55 -> 50 MiB (docs/performance.md, "Start of one small lint"). The price: a static archive
 * that does not match (another JVM build, the jar moved) leaves the JVM with no archive at all,
 * not even the JDK's own, so the launcher maps it only for the jar and the java it was recorded
 * with: {@code evoplan-archives.for} beside the jar holds their paths.
 *
 * <p>Run as a source file: {@code java src/build/RecordClassArchives.java BASEDIR JAR}. The runs use
 * the {@code java} on PATH (the launcher's) with the launcher's flags, read from its {@code
 * jvm=(java ...)} line, so that the two never differ: an archive is only mapped by the JVM build
 * that wrote it and with the jar at the same path. A sample that is missing (a source copy without
 * changelogs/, as in the Docker build) skips its command, and a missing launcher, which alone maps
 * the archives, skips them all; a launcher without that line fails the build. A JVM that cannot
 * write archives leaves none, with a warning. A run that exits other than 0 or 1 fails the build:
 * the jar is broken.
 */
public final class RecordClassArchives {
    private RecordClassArchives() {}

    /** The line of the launcher that starts its java command and flags. */
    private static final String LAUNCHER_JVM = "jvm=(java ";

    /** The launcher's JVM flags, the archive's aside; set once, first thing. */
    private static List<String> jvmFlags = List.of();

    public static void main(String[] args) throws Exception {
        Path basedir = Path.of(args[0]).toAbsolutePath().normalize();
        Path jar = Path.of(args[1]).toAbsolutePath().normalize();
        Path v1 = basedir.resolve("changelogs/crawler/v1");
        Path v2 = basedir.resolve("changelogs/crawler/v2");
        Path migrations = basedir.resolve("changelogs/crawler/migrations");
        Path work = Files.createTempDirectory("evoplan-class-archives");
        Path recordedFor = jar.resolveSibling("evoplan-archives.for");
        Files.deleteIfExists(recordedFor);
        Path launcher = basedir.resolve("evoplan");
        if (!Files.isRegularFile(launcher)) {
            System.out.println("class archives: skipped (the launcher evoplan is not here)");
            return;
        }
        jvmFlags = launcherFlags(launcher);
        try {
            record(
                    jar,
                    "lint",
                    basedir,
                    Files.isDirectory(migrations),
                    List.of("lint", migrations.toString()));
            record(
                    jar,
                    "plan",
                    basedir,
                    Files.isDirectory(v1) && Files.isDirectory(v2),
                    List.of(
                            "plan",
                            "--from",
                            v1.resolve("db.changelog-master.yaml").toString(),
                            "--to",
                            v2.resolve("db.changelog-master.yaml").toString()));
            recordCheck(jar, v1, v2, work);
            // What the launcher compares before it maps an archive: the jar's path and the java
            // command the archives were recorded with (the one on PATH, as the launcher runs).
            Files.writeString(recordedFor, jar + "\n" + javaOnPath() + "\n");
        } finally {
            deleteTree(work);
        }
    }

    /**
     * check as CI runs it: {@code check --base main} in a repository whose branch changes the
     * sample changelog (git's classes, the merge base, each finding's commit). Without the git
     * command, {@code check --from --to} on the files.
     */
    private static void recordCheck(Path jar, Path v1, Path v2, Path work) throws Exception {
        if (!(Files.isDirectory(v1) && Files.isDirectory(v2))) {
            record(jar, "check", work, false, List.of());
            return;
        }
        Path repo = work.resolve("repo");
        Files.createDirectories(repo);
        boolean git =
                git(repo, "init", "-q", "-b", "main")
                        && copyTree(v1, repo.resolve("db"))
                        && git(repo, "add", "db")
                        && git(repo, "commit", "-q", "-m", "v1")
                        && git(repo, "checkout", "-q", "-b", "feature")
                        && deleteTree(repo.resolve("db"))
                        && copyTree(v2, repo.resolve("db"))
                        && git(repo, "add", "-A", "db")
                        && git(repo, "commit", "-q", "-m", "v2");
        Path report = work.resolve("report.sarif");
        if (git) {
            record(
                    jar,
                    "check",
                    repo,
                    true,
                    List.of(
                            "check",
                            "--base",
                            "main",
                            "--format",
                            "sarif",
                            "-o",
                            report.toString(),
                            "db/db.changelog-master.yaml"));
        } else {
            record(
                    jar,
                    "check",
                    work,
                    true,
                    List.of(
                            "check",
                            "--from",
                            v1.resolve("db.changelog-master.yaml").toString(),
                            "--to",
                            v2.resolve("db.changelog-master.yaml").toString(),
                            "--format",
                            "sarif",
                            "-o",
                            report.toString()));
        }
    }

    /** The flags of the launcher's {@code jvm=(java ...)} line. */
    private static List<String> launcherFlags(Path launcher) throws IOException {
        for (String line : Files.readAllLines(launcher)) {
            if (line.startsWith(LAUNCHER_JVM) && line.endsWith(")")) {
                return List.of(
                        line.substring(LAUNCHER_JVM.length(), line.length() - 1).strip().split("\\s+"));
            }
        }
        throw new IllegalStateException(
                launcher + ": no line " + LAUNCHER_JVM + "...): the archives need its JVM flags");
    }

    private static void record(
            Path jar, String command, Path dir, boolean sampleThere, List<String> evoplanArgs)
            throws Exception {
        Path archive = jar.resolveSibling("evoplan-" + command + ".jsa");
        Files.deleteIfExists(archive);
        if (!sampleThere) {
            System.out.println(
                    "evoplan-" + command + ".jsa: skipped (the sample changelogs/ is not here)");
            return;
        }
        // Written under a name of its own and moved into place: a launcher started meanwhile
        // never maps a half-written archive.
        Path partial = jar.resolveSibling("evoplan-" + command + ".jsa.partial");
        Files.deleteIfExists(partial);
        Path classList = jar.resolveSibling("evoplan-" + command + ".classlist");
        Files.deleteIfExists(classList);
        // The run's class list, lambdas and method-handle forms included. Without the JDK's
        // archive, so that every class the run loads is listed, as loaded from where.
        List<String> cmd = new ArrayList<>();
        cmd.add("java");
        cmd.addAll(jvmFlags);
        cmd.add("-Xshare:off");
        cmd.add("-XX:DumpLoadedClassList=" + classList);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(evoplanArgs);
        Path log = Files.createTempFile("evoplan-" + command, ".log");
        try {
            int exit = run(cmd, dir, log, "evoplan " + command);
            if (exit != 0 && exit != 1) {
                System.err.println(Files.readString(log));
                throw new IllegalStateException(
                        "evoplan " + String.join(" ", evoplanArgs) + " exited " + exit);
            }
            // The static dump of those classes, with the jar as the class path the launcher's
            // -jar gives. Its warnings (classes it leaves out) go to the log; a dump that fails
            // leaves no archive and the build goes on, as below.
            List<String> dump = new ArrayList<>();
            dump.add("java");
            // The collector the launcher runs with; its other flags concern the runs alone.
            jvmFlags.stream().filter(f -> f.matches("-XX:\\+Use\\w+GC")).forEach(dump::add);
            dump.add("-Xshare:dump");
            dump.add("-XX:SharedClassListFile=" + classList);
            dump.add("-XX:SharedArchiveFile=" + partial);
            dump.add("-cp");
            dump.add(jar.toString());
            if (Files.isRegularFile(classList) && run(dump, dir, log, "the dump") != 0) {
                System.err.println(Files.readString(log));
                Files.deleteIfExists(partial);
            }
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(classList);
        }
        if (Files.isRegularFile(partial) && Files.size(partial) > 0) {
            Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING);
            System.out.println(
                    archive.getFileName() + ": " + Files.size(archive) / 1024 + " KiB recorded");
        } else {
            Files.deleteIfExists(partial);
            System.out.println(
                    "WARNING: this JVM wrote no class-data archive for " + command
                            + "; evoplan runs without one");
        }
    }

    /** Runs {@code cmd} in {@code dir}, its output into {@code log}; the exit code. */
    private static int run(List<String> cmd, Path dir, Path log, String what) throws Exception {
        Process p =
                new ProcessBuilder(cmd)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(what + " did not finish");
        }
        return p.exitValue();
    }

    /** The {@code java} the launcher's {@code command -v java} finds: the first on PATH. */
    private static String javaOnPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path java = Path.of(dir.isEmpty() ? "." : dir, "java");
            if (Files.isExecutable(java) && !Files.isDirectory(java)) {
                return java.toString();
            }
        }
        return "java";
    }

    private static boolean git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of("-c", "user.name=evoplan build", "-c", "user.email=build@evoplan"));
        cmd.addAll(List.of("-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null"));
        cmd.addAll(List.of(args));
        try {
            Process p =
                    new ProcessBuilder(cmd)
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
            return p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0;
        } catch (IOException noGit) {
            return false;
        }
    }

    private static boolean copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return true;
    }

    private static boolean deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return true;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
        return true;
    }
}
