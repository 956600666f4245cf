package dev.evoplan.source.git;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A real repository of five commits for the history tests: the changelog db/changelog.yaml is
 * created by the second commit (so it is missing at the first), gains a nullable column in the
 * fourth and a plain CREATE INDEX in the fifth; the first and third touch other files only.
 */
public final class HistoryRepo {
    private static final String HEADER =
            """
            databaseChangeLog:
              - changeSet:
                  id: 1
                  author: ann
                  changes:
                    - createTable:
                        tableName: orders
                        columns:
                          - column: {name: id, type: bigint, constraints: {primaryKey: true, primaryKeyName: orders_pkey}}
                          - column: {name: total, type: bigint, constraints: {nullable: false}}
            """;
    private static final String COLUMN =
            """
              - changeSet:
                  id: 2
                  author: bob
                  changes:
                    - addColumn:
                        tableName: orders
                        columns:
                          - column: {name: note, type: text}
            """;
    private static final String INDEX =
            """
              - changeSet:
                  id: 3
                  author: cy
                  changes:
                    - createIndex:
                        tableName: orders
                        indexName: orders_total_idx
                        columns:
                          - column: {name: total}
            """;

    private HistoryRepo() {}

    /** Builds the repository in {@code dir}; returns the five full commit ids, oldest first. */
    public static List<String> build(Path dir) throws GitAPIException {
        List<String> ids = new ArrayList<>();
        try (Git git = Repos.init(dir)) {
            ids.add(commit(git, "Zed", 1, "add readme", "README.md", "hello\n"));
            ids.add(commit(git, "Ann", 2, "create orders", "db/changelog.yaml", HEADER));
            ids.add(commit(git, "Zed", 3, "app code", "src/App.java", "class App {}\n"));
            ids.add(commit(git, "Bob", 4, "orders.note", "db/changelog.yaml", HEADER + COLUMN));
            ids.add(
                    commit(
                            git,
                            "Cy",
                            5,
                            "index orders.total",
                            "db/changelog.yaml",
                            HEADER + COLUMN + INDEX));
        }
        return ids;
    }

    private static String commit(
            Git git, String author, int day, String subject, String path, String text)
            throws GitAPIException {
        Repos.write(git, path, text);
        PersonIdent who =
                new PersonIdent(
                        author,
                        author.toLowerCase() + "@example.com",
                        java.util.Date.from(Instant.parse("2026-01-0" + day + "T10:00:00Z")),
                        TimeZone.getTimeZone("UTC"));
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(subject).setAuthor(who).setCommitter(who).call().name();
    }
}
