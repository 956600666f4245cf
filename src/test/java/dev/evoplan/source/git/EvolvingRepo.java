package dev.evoplan.source.git;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * A real repository whose changelog db/changelog.yaml evolves every way a loader that reuses work
 * must tell apart: changesets appended one and two at a time, a commit touching only other files,
 * an edit of an earlier changeset, an include of a second file appended to later, an appended
 * changeset that uses a property, and an appended changeset that is not last.
 */
public final class EvolvingRepo {
    public static final String PATH = "db/changelog.yaml";

    private EvolvingRepo() {}

    static String changeset(int id, String author, String body) {
        return "  - changeSet:\n      id: "
                + id
                + "\n      author: "
                + author
                + "\n      changes:\n"
                + body;
    }

    private static final String CS1 =
            changeset(
                    1,
                    "ann",
                    """
                    - createTable:
                        tableName: orders
                        columns:
                          - column: {name: id, type: bigint, constraints: {primaryKey: true, primaryKeyName: orders_pkey}}
                          - column: {name: total, type: int}
            """);
    private static final String CS1_EDITED = CS1.replace("type: int}", "type: bigint}");
    private static final String CS2 =
            changeset(
                    2,
                    "bob",
                    """
                    - addColumn:
                        tableName: orders
                        columns:
                          - column: {name: note, type: text}
            """);
    private static final String CS3 =
            changeset(
                    3,
                    "cy",
                    """
                    - createIndex:
                        tableName: orders
                        indexName: orders_total_idx
                        columns:
                          - column: {name: total}
            """);
    private static final String CS4 =
            changeset(
                    4,
                    "cy",
                    """
                    - addNotNullConstraint:
                        tableName: orders
                        columnName: total
            """);
    private static final String PROPERTY =
            "  - property:\n      name: tbl\n      value: customers\n";
    private static final String CS5 =
            changeset(
                    5,
                    "dee",
                    """
                    - createTable:
                        tableName: ${tbl}
                        columns:
                          - column: {name: id, type: bigint}
            """);
    private static final String INCLUDE =
            "  - include:\n      file: more.yaml\n      relativeToChangelogFile: true\n";
    private static final String MORE =
            "databaseChangeLog:\n"
                    + changeset(
                            6,
                            "eve",
                            """
                    - addColumn:
                        tableName: orders
                        columns:
                          - column: {name: placed_at, type: timestamptz}
            """);
    private static final String MORE_CS7 =
            changeset(
                    7,
                    "eve",
                    """
                    - dropColumn:
                        tableName: orders
                        columnName: note
            """);
    private static final String CS8 =
            changeset(
                    8,
                    "fay",
                    """
                    - renameColumn:
                        tableName: orders
                        oldColumnName: placed_at
                        newColumnName: created_at
            """);

    /** Builds the repository in {@code dir}; returns the commit ids, oldest first. */
    public static List<String> build(java.nio.file.Path dir) throws GitAPIException {
        List<String> ids = new ArrayList<>();
        String head = "databaseChangeLog:\n" + PROPERTY;
        try (Git git = Repos.init(dir)) {
            ids.add(commit(git, PATH, head + CS1));
            ids.add(commit(git, PATH, head + CS1 + CS2));
            ids.add(commit(git, "README.md", "notes\n"));
            ids.add(commit(git, PATH, head + CS1 + CS2 + CS3 + CS4));
            ids.add(commit(git, PATH, head + CS1_EDITED + CS2 + CS3 + CS4));
            ids.add(commit(git, PATH, head + CS1_EDITED + CS2 + CS3 + CS4 + CS5));
            Repos.write(git, "db/more.yaml", MORE);
            ids.add(commit(git, PATH, head + CS1_EDITED + CS2 + CS3 + CS4 + CS5 + INCLUDE));
            ids.add(commit(git, "db/more.yaml", MORE + MORE_CS7));
            ids.add(commit(git, PATH, head + CS1_EDITED + CS2 + CS3 + CS4 + CS5 + INCLUDE + CS8));
            ids.add(
                    commit(
                            git,
                            PATH,
                            head
                                    + CS1_EDITED
                                    + CS2
                                    + CS3
                                    + CS4
                                    + CS5
                                    + INCLUDE
                                    + CS8
                                    + "\n# the end\n"));
        }
        return ids;
    }

    private static String commit(Git git, String path, String text) throws GitAPIException {
        return Repos.commitFile(git, path, text).name();
    }
}
