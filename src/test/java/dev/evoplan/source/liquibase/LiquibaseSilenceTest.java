package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.evoplan.model.InputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading prints nothing and logs nothing, even where Liquibase itself would warn, print or log an
 * error.
 */
class LiquibaseSilenceTest {
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler recorder =
            new Handler() {
                @Override
                public void publish(LogRecord record) {
                    records.add(record);
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };
    private final Logger root = Logger.getLogger("");
    private final Logger liquibase = Logger.getLogger("liquibase");
    private Handler[] consoleHandlers;
    private Level rootLevel;
    private Level liquibaseLevel;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream stdout;
    private PrintStream stderr;

    @BeforeAll
    static void startLiquibase() {
        // Liquibase's root scope starts once per JVM and logs what it loaded at FINE, which
        // java.util.logging does not print by default; what follows is about our loads.
        Scope.getCurrentScope();
    }

    @BeforeEach
    void listen() {
        rootLevel = root.getLevel();
        liquibaseLevel = liquibase.getLevel();
        // The root's console handler holds the stderr of JVM start; it is set aside meanwhile.
        consoleHandlers = root.getHandlers();
        for (Handler h : consoleHandlers) {
            root.removeHandler(h);
        }
        root.addHandler(recorder);
        liquibase.setLevel(Level.ALL);
        stdout = System.out;
        stderr = System.err;
        PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
        System.setErr(stderr);
        root.removeHandler(recorder);
        for (Handler h : consoleHandlers) {
            root.addHandler(h);
        }
        root.setLevel(rootLevel);
        liquibase.setLevel(liquibaseLevel);
    }

    @Test
    void loadingWarningsErrorsAndOutputChangesStayQuiet(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("rows.csv"), "id,name\n1,a\n");
        Path changelog =
                Files.writeString(
                        dir.resolve("changelog.yaml"),
                        """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: me
                      changes:
                        - createTable: {tableName: t, columns: [{column: {name: id, type: int}}, {column: {name: name, type: text}}]}
                        - loadData: {tableName: t, file: rows.csv, relativeToChangelogFile: true}
                        - output: {message: "printed by liquibase update"}
                        - dropAllForeignKeyConstraints: {baseTableName: t}
                """);

        new LiquibaseSource().load(changelog, LiquibaseOptions.defaults());
        Throwable bad =
                catchThrowable(
                        () ->
                                new LiquibaseSource()
                                        .load(
                                                Path.of("fixtures/bad/malformed.xml"),
                                                LiquibaseOptions.defaults()));

        assertThat(bad).isInstanceOf(InputException.class);
        assertThat(records).extracting(LogRecord::getMessage).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aDuplicateYamlKeyStaysQuiet(@TempDir Path dir) {
        // Metabase's v48.00-027: "- sql:" then "sql: SELECT 1;" at the same indentation, one
        // mapping with the key twice. SnakeYAML keeps the last and logged a timestamped warning
        // through java.util.logging on every load.
        LiquibaseChangeFoldTest.load(
                dir,
                """
                  - changeSet:
                      id: 1
                      author: me
                      changes:
                        - sql:
                          sql: SELECT 1;
                """);

        assertThat(records).extracting(r -> r.getLoggerName() + ": " + r.getMessage()).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void liquibaseLeftToItselfLogsTheSameParseError() throws Exception {
        // The negative case: the same parse outside our scope reaches java.util.logging.
        Path bad = Path.of("fixtures/bad/malformed.xml").toAbsolutePath();
        DirectoryResourceAccessor accessor = new DirectoryResourceAccessor(bad.getParent());
        Throwable thrown =
                catchThrowable(
                        () ->
                                Scope.child(
                                        Map.of(Scope.Attr.resourceAccessor.name(), accessor),
                                        () ->
                                                ChangeLogParserFactory.getInstance()
                                                        .getParser("malformed.xml", accessor)
                                                        .parse(
                                                                "malformed.xml",
                                                                new ChangeLogParameters(),
                                                                accessor)));

        assertThat(thrown).isNotNull();
        assertThat(records).extracting(LogRecord::getLevel).contains(Level.SEVERE);
    }
}
