package dev.evoplan.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Keeps the tiers apart: every test class whose source reaches PostgreSQL carries
 * {@code @Tag("postgres")}, so {@code mvn test} (which leaves that tag out) never starts a server.
 * Two guards: this scan of the test sources, which sees a class that only names a server; and
 * {@link TestTier} at run time, which refuses a server to an untagged class, however it got there
 * (a CLI run of verify, a helper in another class).
 */
class PostgresTagGuardTest {
    /** Words in a test source that mean it starts or connects to PostgreSQL. */
    private static final List<Pattern> REACHES_POSTGRES =
            Stream.of(
                            "\\bPostgresServers\\b",
                            "\\bEmbeddedServers\\b",
                            "\\bEmbeddedPostgres\\b",
                            "\\bVerifyServer\\b",
                            "\\bVerifier\\.verify\\b",
                            "\\bShadow\\.shadow\\b",
                            "\\bspellOnEmbedded\\b",
                            "\\bDriverManager\\b",
                            "jdbc:postgresql:",
                            "\"--shadow\"")
                    .map(Pattern::compile)
                    .toList();

    /** A class holding tests (JUnit Jupiter's test annotations). */
    private static final Pattern HAS_TESTS =
            Pattern.compile("@(Test|ParameterizedTest|TestFactory|RepeatedTest|TestTemplate)\\b");

    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    private static Path testSources() {
        return Path.of(System.getProperty("evoplan.root", "."), "src", "test", "java");
    }

    @Test
    void everyTestClassThatReachesPostgresIsTaggedPostgres() throws Exception {
        Map<String, String> sources = read(testSources());
        Map<String, String> reaching = reachingPostgres(sources);
        // The scan works: the suite's own PostgreSQL classes are found (a broken pattern finds
        // none).
        assertThat(reaching)
                .containsKeys(
                        "dev.evoplan.testing.PostgresServersTest",
                        "dev.evoplan.cli.LiveDatabaseSourceTest",
                        "dev.evoplan.verify.VerifierTest");

        Map<String, String> untagged = new TreeMap<>();
        for (Map.Entry<String, String> e : reaching.entrySet()) {
            String source = sources.get(e.getKey());
            if (HAS_TESTS.matcher(source).find() && !taggedPostgres(Class.forName(e.getKey()))) {
                untagged.put(e.getKey(), e.getValue());
            }
        }
        assertThat(untagged)
                .as(
                        "test classes that reach PostgreSQL (class -> what was seen) without "
                                + "@Tag(\"postgres\"); add the tag (docs/testing.md)")
                .isEmpty();
    }

    @Test
    void aSourceNamingAServerReachesPostgresOneWithoutDoesNot() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(
                "x.LockHelper",
                "class LockHelper { Connection c = PostgresServers.freshDatabase(16); }");
        sources.put(
                "x.UsesTheHelperTest",
                "class UsesTheHelperTest { @Test void t() { new LockHelper(); } }");
        sources.put(
                "x.LiveUrlTest",
                "class LiveUrlTest { String u = \"jdbc:postgresql://localhost/db\"; }");
        sources.put(
                "x.ParserTest",
                "class ParserTest { @Test void t() { parse(\"CREATE TABLE t ()\"); } }");
        sources.put(
                "x.CommentTest",
                "class CommentTest { // unlike PostgresServers, this needs none\n }");

        Map<String, String> reaching = reachingPostgres(sources);

        assertThat(reaching)
                .containsOnlyKeys("x.LockHelper", "x.UsesTheHelperTest", "x.LiveUrlTest");
        assertThat(reaching.get("x.UsesTheHelperTest")).isEqualTo("LockHelper");
    }

    @Test
    void theTagIsReadFromTheClassAndItsEnclosingClasses() {
        assertThat(taggedPostgres(PostgresServersTest.class)).isTrue();
        assertThat(taggedPostgres(Tagged.Inner.class)).isTrue();
        assertThat(taggedPostgres(PostgresTagGuardTest.class)).isFalse();
    }

    @Test
    void anUntaggedClassIsRefusedAServerAtRunTime() {
        // This class is untagged: the refusal comes before any server is started.
        assertThatThrownBy(() -> PostgresServers.server(PostgresServers.REFERENCE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(PostgresTagGuardTest.class.getName())
                .hasMessageContaining("@Tag(\"postgres\")");
        TestTier.entered(Tagged.class, true);
        try {
            assertThat(TestTier.refusal()).isNull();
        } finally {
            TestTier.left();
        }
        assertThat(TestTier.refusal()).contains(PostgresTagGuardTest.class.getName());
    }

    @Tag("postgres")
    static class Tagged {
        class Inner {}
    }

    /** Class name -> source text, comments removed. */
    private static Map<String, String> read(Path root) throws IOException {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name =
                        root.relativize(file)
                                .toString()
                                .replace(file.getFileSystem().getSeparator(), ".");
                sources.put(
                        name.substring(0, name.length() - ".java".length()),
                        Files.readString(file));
            }
        }
        return sources;
    }

    /**
     * The classes whose source reaches PostgreSQL, each with the first thing seen: a word of {@link
     * #REACHES_POSTGRES}, or the simple name of another test-source class that reaches it (a helper
     * such as a lock probe), followed until nothing new is found. This class is left out: its
     * patterns name what they look for.
     */
    static Map<String, String> reachingPostgres(Map<String, String> sources) {
        Map<String, String> code = new TreeMap<>();
        sources.forEach(
                (name, text) -> {
                    if (!name.equals(PostgresTagGuardTest.class.getName())) {
                        code.put(name, COMMENT.matcher(text).replaceAll(" "));
                    }
                });
        Map<String, String> reaching = new TreeMap<>();
        code.forEach(
                (name, text) ->
                        firstMatch(text, REACHES_POSTGRES)
                                .ifPresent(seen -> reaching.put(name, seen)));
        boolean grew = true;
        while (grew) {
            grew = false;
            Set<String> helpers = new TreeSet<>();
            reaching.keySet()
                    .forEach(name -> helpers.add(name.substring(name.lastIndexOf('.') + 1)));
            List<Pattern> helperWords = new ArrayList<>();
            helpers.forEach(
                    h -> helperWords.add(Pattern.compile("\\b" + Pattern.quote(h) + "\\b")));
            for (Map.Entry<String, String> e : code.entrySet()) {
                if (!reaching.containsKey(e.getKey())) {
                    Optional<String> seen = firstMatch(e.getValue(), helperWords);
                    if (seen.isPresent()) {
                        reaching.put(e.getKey(), seen.get());
                        grew = true;
                    }
                }
            }
        }
        return reaching;
    }

    private static Optional<String> firstMatch(String text, List<Pattern> patterns) {
        for (Pattern p : patterns) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                return Optional.of(m.group());
            }
        }
        return Optional.empty();
    }

    /**
     * Tagged postgres on the class, a superclass, or an enclosing class (JUnit inherits all three).
     */
    private static boolean taggedPostgres(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            if (AnnotationSupport.findRepeatableAnnotations(c, Tag.class).stream()
                    .anyMatch(t -> t.value().equals(TestTier.POSTGRES))) {
                return true;
            }
        }
        return false;
    }
}
